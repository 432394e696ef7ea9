import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTermination } from "../src/check/check-termination.js";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode } from "../src/errors.js";
import { dsat } from "./support/cli.js";

/**
 * Issue 14, item 7: `dsat check` passed a derivative rule that never terminates, because only
 * random terms were normalised and they rarely reached it. Generic instances of every rule's left
 * side are normalised first, so the loop is found on every run, with the rule's file:line:col.
 */

const folder = mkdtempSync(join(tmpdir(), "dsat-hostile-termination-"));
function rulesFile(name: string, text: string): string {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}

const selfLoop = rulesFile(
  "loop.rules",
  "(operator foo 1 :eval (sin ?0))\n(ruleset diff)\nd-foo: (d ?x (foo ?a)) => (+ (d ?x (foo ?a)) (* 0 (cos ?a)))\n",
);

describe("a derivative rule that rewrites its own result (issue 14, item 7)", () => {
  it("is what makes dsat diff run out of fuel", async () => {
    const result = await dsat("diff", "foo(x)", "x", "--rules", selfLoop);
    expect(result.code).toBe(ExitCode.limit);
    expect(result.stderr).toContain("did not terminate");
  });

  it.each([1, 2, 3])(
    "fails dsat check with file:line:col, whatever the seed (seed %i, one sample)",
    async (seed) => {
      const result = await dsat("check", selfLoop, "--seed", String(seed), "--runs", "1", "--no-pipeline");
      expect(result.code).not.toBe(0);
      expect(result.code).toBe(ExitCode.unsound);
      expect(result.stdout).toContain(`${selfLoop}:3:1: rule 'd-foo' rewrites without end`);
      expect(result.stdout).toContain("the rules that fired most (the cycle): d-foo");
      expect(result.stdout).toContain("termination: diff LOOPS");
    },
  );

  it("finds a cycle through two rules, located at one of them", async () => {
    const file = rulesFile(
      "cycle.rules",
      [
        "(operator foo 1 :eval (sin ?0))",
        "(operator bar 1 :eval (sin ?0))",
        "(ruleset diff)",
        "d-foo: (d ?x (foo ?a)) => (d ?x (bar ?a))",
        "d-bar: (d ?x (bar ?a)) => (d ?x (foo ?a))",
        "",
      ].join("\n"),
    );
    const result = await dsat("check", file, "--runs", "1", "--no-pipeline");
    expect(result.code).toBe(ExitCode.unsound);
    expect(result.stdout).toMatch(new RegExp(`${file}:[45]:1: rule 'd-(foo|bar)' rewrites without end`));
  });

  it("finds a loop in the cleanup set too", async () => {
    const file = rulesFile("swap.rules", "(ruleset cleanup)\nswap: (+ ?a ?b) => (+ ?b ?a)\n");
    const result = await dsat("check", file, "--runs", "1", "--no-pipeline");
    expect(result.code).toBe(ExitCode.unsound);
    expect(result.stdout).toContain(`${file}:2:1: rule 'swap' rewrites without end`);
    expect(result.stdout).toContain("termination: diff ok, cleanup LOOPS");
  });

  it("passes rules that terminate, and the shipped sets", async () => {
    const file = rulesFile(
      "twice.rules",
      "(operator twice 1 :eval (* 2 ?0))\n(ruleset diff)\nd-twice: (d ?x (twice ?a)) => (* 2 (d ?x ?a))\n",
    );
    const result = await dsat("check", file, "--runs", "20", "--no-pipeline");
    expect(result.stdout).toContain("termination: diff ok, cleanup ok");
    expect(result.code).toBe(0);
    const theory = defaultTheory();
    for (const set of ["diff", "cleanup"]) {
      expect(checkTermination(theory.ruleSets[set]!, theory, { seed: 1, runs: 1 }).findings).toEqual([]);
    }
  });
});
