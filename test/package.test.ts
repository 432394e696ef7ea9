import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The package as a user gets it: `npm pack`, installed into a fresh project, then the README's
 * library example run from there in ESM and in CommonJS (`require`), and `npx dsat`. Needs the
 * build `npm test` makes first, and npm's cache or registry for dsat's dependencies.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "dsat-package-"));
const project = join(folder, "consumer");
let files: string[] = [];
let installLog = "";

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The README's library example: the ```ts block of "## The library". */
function readmeExample(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## The library"));
  const start = section.indexOf("```ts\n") + "```ts\n".length;
  return section.slice(start, section.indexOf("```\n", start));
}

/** The example with each commented expression statement printed: `String(value)`, one a line. */
function printingExample(example: string): string {
  return example
    .split("\n")
    .map((line) => {
      const m = /^([a-zA-Z][^=]*?\));\s*\/\/ .*$/.exec(line);
      return m && !line.startsWith("const ") ? `console.log(String(${m[1]}));` : line;
    })
    .join("\n");
}

beforeAll(() => {
  const packed = JSON.parse(
    run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", folder], root),
  );
  files = packed[0].files.map((f: { path: string }) => f.path);
  const tarball = join(folder, readdirSync(folder).find((name) => name.endsWith(".tgz"))!);
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
  );
  installLog = run(
    "npm",
    [
      "install",
      tarball,
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--foreground-scripts",
      "--loglevel=info",
    ],
    project,
  );
}, 300_000);

describe("the packed package", () => {
  it("ships the compiled library, rules, docs, README, LICENSE and CHANGELOG, and nothing from tests or benchmarks", () => {
    for (const needed of [
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "bin/dsat.js",
      "rules/diff.rules",
      "docs/architecture.md",
    ]) {
      expect(files).toContain(needed);
    }
    expect(files).toContain("dist/src/index.js");
    // The command runs from its bundle (scripts/bundle-cli.mjs), the batch worker beside it.
    expect(files).toContain("dist/cli/dsat.cjs");
    expect(files).toContain("dist/cli/worker.cjs");
    expect(files).toContain("bin/compile-cache.js");
    // bin/ is CommonJS (its own package.json), and the cache's keys come from the build.
    expect(files).toContain("bin/package.json");
    expect(files).toContain("dist/cli/chunk-keys.json");
    expect(files.filter((f) => /^dist\/(test|bench)\/|tsbuildinfo|^test\/|^bench\//.test(f))).toEqual([]);
    // Source maps carry their sources, so they work without src/ in the package.
    const map = JSON.parse(readFileSync(join(project, "node_modules/dsat/dist/src/index.js.map"), "utf8"));
    expect(map.sourcesContent?.[0]).toContain("export");
  });

  it("runs no script when a project installs it", () => {
    expect(installLog).not.toMatch(/dsat@[\d.]+ (prepare|install|postinstall|preinstall)/);
  });

  it("runs the README's library example in ESM and, through require, in CommonJS", () => {
    const example = printingExample(readmeExample());
    writeFileSync(join(project, "example.mjs"), example);
    const esm = run(process.execPath, ["example.mjs"], project).trimEnd().split("\n");
    expect(esm).toContain("2*x + y");
    expect(esm).toContain("(((1*x)+(x*1))+(((1*y)+(x*0))+((0*(y*y))+(y*((0*y)+(y*0))))))");
    expect(esm.filter((line) => line === "3")).toHaveLength(2);
    const commonjs = example.replace(/^import \{([^}]*)\} from "dsat";$/m, 'const {$1} = require("dsat");');
    expect(commonjs).toContain('require("dsat")');
    writeFileSync(join(project, "example.cjs"), commonjs);
    expect(run(process.execPath, ["example.cjs"], project).trimEnd().split("\n")).toEqual(esm);
  });

  it("runs the command through npx, and its entries dsat/check, dsat/node and dsat/testing load", () => {
    expect(run("npx", ["--no-install", "dsat", "diff", "x^2 + x*y + y^3", "x"], project).trim()).toBe(
      "2*x + y",
    );
    expect(run("npx", ["--no-install", "dsat", "--version"], project).trim()).toBe(
      JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version,
    );
    writeFileSync(
      join(project, "entries.mjs"),
      'import { loadRuleFiles, batchArray } from "dsat/node";\nimport { expectRulesSound, termArbitrary } from "dsat/testing";\n' +
        'import { checkRules } from "dsat/check";\n' +
        "console.log([loadRuleFiles, batchArray, expectRulesSound, termArbitrary, checkRules].map((f) => typeof f).join(' '));\n",
    );
    expect(run(process.execPath, ["entries.mjs"], project).trim()).toBe(
      "function function function function function",
    );
    const stdin = spawnSync("npx", ["--no-install", "dsat", "diff", "--batch", "-", "x"], {
      cwd: project,
      input: "x^2\nsin(x)\n",
      encoding: "utf8",
    });
    expect(stdin.stdout).toBe("2*x\ncos(x)\n");
  });
});
