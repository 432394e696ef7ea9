import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { DsatError, RuleFileError, RuleFileReadError } from "../src/errors.js";
import { loadRuleFiles } from "../src/node/load-rule-files.js";
import { packageRuleFiles, rulesDirectoryFrom } from "../src/node/package-rules.js";
import { baseTheory } from "../src/theory.js";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("loadRuleFiles", () => {
  it("loads files in order, later ones building on earlier ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "dsat-rules-"));
    const first = join(dir, "first.rules");
    const second = join(dir, "second.rules");
    writeFileSync(first, "(operator half 1 :eval (/ ?0 2))\n(ruleset s)\nhalf-zero: (half 0) => 0\n");
    writeFileSync(second, "(ruleset s)\nhalf-half: (half (half ?a)) => (/ ?a 4)\n");
    const theory = loadRuleFiles(baseTheory, [first, second]);
    expect(theory.ruleSets.s!.rules.map((r) => r.name)).toEqual(["half-zero", "half-half"]);
    expect(theory.ruleSets.s!.rules[1]!.origin!.file).toBe(second);
    // The second file uses `half`, which only the first declares: reversed, it fails to load.
    expect(() => loadRuleFiles(baseTheory, [second, first])).toThrow(RuleFileError);
    expect(() => loadRuleFiles(baseTheory, [second, first])).toThrow(
      `${second}:2:19: unknown operator 'half'`,
    );
  });

  it("reports a file it cannot read as a RuleFileReadError (exit 3) that says why in words", () => {
    const missing = join(tmpdir(), "dsat-no-such-file.rules");
    expect(() => loadRuleFiles(baseTheory, [missing])).toThrow(RuleFileReadError);
    expect(() => loadRuleFiles(baseTheory, [missing])).toThrow(
      `cannot read rules file '${missing}': no such file`,
    );
    expect(() => loadRuleFiles(baseTheory, [missing])).toThrow(`cannot read rules file '${missing}'`);
  });
});

describe("defaultTheory", () => {
  it("is the base theory plus the package's rules files, loaded once", () => {
    const theory = defaultTheory();
    expect(defaultTheory()).toBe(theory);
    expect(theory.ruleSets.diff!.rules.some((rule) => rule.name === "d-same-var")).toBe(true);
    expect(theory.ruleSets.cleanup!.foldConstants).toBe(true);
    for (const name of Object.keys(baseTheory.operators)) expect(theory.operators[name]).toBeDefined();
    expect(packageRuleFiles().map((f) => f.slice(f.lastIndexOf("/") + 1))).toContain("diff.rules");
  });

  it("finds the rules folder from src/node/ and from dist/src/node/", () => {
    const expected = resolve(root, "rules");
    expect(rulesDirectoryFrom(resolve(root, "src/node"))).toBe(expected);
    expect(rulesDirectoryFrom(resolve(root, "dist/src/node"))).toBe(expected);
    expect(() => rulesDirectoryFrom(tmpdir())).toThrow(DsatError);
  });
});
