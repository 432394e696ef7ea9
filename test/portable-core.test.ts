import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The library entry must run anywhere: no module it loads imports Node's own modules, and the
 * default theory, simplify, equal and compile work where code generation is forbidden.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms;
const BARE_IMPORT = /^\s*import\s+"([^"]+)"/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*"([^"]+)"\s*\)/g;

/** Every module `entry` loads (statically or dynamically), and the non-relative specifiers they name. */
function importGraph(entry: string): { files: Set<string>; external: Map<string, string> } {
  const files = new Set<string>();
  const external = new Map<string, string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const pattern of [IMPORT, BARE_IMPORT, DYNAMIC_IMPORT]) {
      for (const match of text.matchAll(pattern)) {
        const specifier = match[1]!;
        if (specifier.startsWith(".")) {
          const target = resolve(dirname(file), specifier.replace(/\.js$/, ".ts"));
          expect(existsSync(target), `${file} imports ${specifier}`).toBe(true);
          stack.push(target);
        } else external.set(specifier, file);
      }
    }
  }
  return { files, external };
}

const nodeBuiltins = new Set(builtinModules);
const isNodeModule = (specifier: string) =>
  specifier.startsWith("node:") || nodeBuiltins.has(specifier.split("/")[0]!);

describe("the core entry (import from 'dsat')", () => {
  it("loads no Node module, directly or through any module it imports", () => {
    const { files, external } = importGraph(join(root, "src/index.ts"));
    expect(files.size).toBeGreaterThan(50);
    const offending = [...external].filter(([specifier]) => isNodeModule(specifier));
    expect(offending).toEqual([]);
    // The Node-only modules stay out of it.
    expect([...files].some((f) => f.includes("/src/node/") || f.includes("/src/cli/"))).toBe(false);
  });

  it("loads no fast-check either: soundness checking is the dsat/check entry, which does", () => {
    expect([...importGraph(join(root, "src/index.ts")).external.keys()]).not.toContain("fast-check");
    expect([...importGraph(join(root, "src/check.ts")).external.keys()]).toContain("fast-check");
  });

  it("the dsat/node entry does reach the file loader (so the walk above would see a node: import)", () => {
    const { external } = importGraph(join(root, "src/node.ts"));
    expect([...external.keys()].filter(isNodeModule)).toContain("node:fs");
  });

  it("does not use the Node global `process` or `Buffer` outside dsat/node", () => {
    const { files } = importGraph(join(root, "src/index.ts"));
    for (const file of files) {
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect({ file, process: /\bprocess\./.test(code), buffer: /\bBuffer\./.test(code) }).toEqual({
        file,
        process: false,
        buffer: false,
      });
    }
  });
});

describe("without code generation (node --disallow-code-generation-from-strings)", () => {
  it("the probe says so, and simplify, equal, diff and compile still work, with the same results", () => {
    const script = `
      import * as dsat from ${JSON.stringify(join(root, "dist/src/index.js"))};
      const theory = dsat.defaultTheory();
      const parse = (text) => dsat.parseExpression(text, { theory });
      const show = (t) => dsat.printTerm(t, "infix", theory);
      const f = parse("x^2 + x*y + y^3");
      const fx = dsat.simplify(dsat.diff(f, "x", { theory }), { theory }).term;
      const g = dsat.compile(parse("sin(x)*y + log(x) / y"), ["x", "y"], { theory, simplify: false });
      const h = dsat.compile(parse("x^2*y + y^3"), ["x", "y"], { theory });
      console.log(JSON.stringify({
        allowed: dsat.codeGenerationAllowed(),
        derivative: show(fx),
        simplified: show(dsat.simplify(parse("(1*x)+(x*1)"), { theory }).term),
        equal: dsat.simplify(parse("(x+1)^2 - (x^2 + 2*x + 1)"), { theory }).term.kind,
        values: [g(0.5, 2), g(-1, 2), h(2, 3)].map(String),
      }));
    `;
    const run = (flags: string[]) => {
      const result = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", script], {
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      return JSON.parse(result.stdout);
    };
    const forbidden = run(["--disallow-code-generation-from-strings"]);
    const allowed = run([]);
    expect(forbidden.allowed).toBe(false);
    expect(allowed.allowed).toBe(true);
    expect(forbidden.derivative).toBe("2*x + y");
    expect(forbidden.simplified).toBe("2*x");
    expect(forbidden.equal).toBe("num");
    expect(forbidden.values[1]).toBe("NaN");
    expect(forbidden.values[2]).toBe("39");
    // The closure evaluator computes what the generated code computes, bit for bit.
    expect({ ...forbidden, allowed: true }).toEqual(allowed);
  });
});
