import { describe, expect, test } from "vitest";
import { checkTermination, rulesThatFiredMost } from "../src/check/check-termination.js";
import { defaultTheory } from "../src/default-theory.js";
import { LimitError } from "../src/errors.js";
import { normalize } from "../src/rewrite/normalize.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";

function ruleSet(text: string) {
  const theory = applyRuleFile(
    defaultTheory(),
    parseRuleFile(text, { theory: defaultTheory(), file: "loop.rules" }),
  );
  return { theory, set: theory.ruleSets.loop! };
}

describe("checkTermination", () => {
  test.each(["diff", "cleanup"])("the shipped '%s' rule set terminates", (name) => {
    const theory = defaultTheory();
    const report = checkTermination(theory.ruleSets[name]!, theory, { seed: 5, runs: 100 });
    expect(report.findings).toEqual([]);
    expect(report.samples).toBe(100);
  });

  test("a two-rule cycle is reported with a looping term and the rules of the cycle", () => {
    const { theory, set } = ruleSet(`
      (ruleset loop)
      sub-to-add: (- ?a ?b) => (+ ?a (neg ?b))
      add-to-sub: (+ ?a (neg ?b)) => (- ?a ?b)
      neg-zero: (neg 0) => 0`);
    const report = checkTermination(set, theory, { seed: 5, runs: 100, fuel: 2_000 });
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding!.severity).toBe("error");
    expect(finding!.kind).toBe("loops");
    expect(finding!.summary).toMatch(/sub-to-add/);
    expect(finding!.summary).toMatch(/add-to-sub/);
    expect(finding!.summary).not.toMatch(/neg-zero/);
    // The counterexample really loops, and is small after shrinking.
    const term = finding!.counterexample!.term!;
    expect(() => normalize(term, set, { theory, fuel: 2_000 })).toThrow(LimitError);
  });

  test("a set that only rewrites terms smaller is not reported", () => {
    const { theory, set } = ruleSet(`
      (ruleset loop)
      neg-neg: (neg (neg ?a)) => ?a
      add-zero: (+ ?a 0) => ?a`);
    expect(checkTermination(set, theory, { seed: 5, runs: 100 }).findings).toEqual([]);
  });

  test("rulesThatFiredMost reads the rules named by a fuel LimitError", () => {
    const { theory, set } = ruleSet("(ruleset loop)\nswap: (* ?a ?b) => (* ?b ?a)");
    let error: unknown;
    try {
      normalize(parseSExpr("(* x y)", { theory }), set, { theory, fuel: 100 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LimitError);
    expect(rulesThatFiredMost(error as LimitError)).toEqual(["swap"]);
  });
});
