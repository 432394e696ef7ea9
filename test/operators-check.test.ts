import { describe, expect, it } from "vitest";
import { isDerivativeRule } from "../src/check/check-rule.js";
import { checkRules } from "../src/check/check-rules.js";
import type { CheckReport } from "../src/check/report.js";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode } from "../src/errors.js";
import { rulesOf } from "../src/rules/rules-of.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { dsat } from "./support/cli.js";
import { testSeed } from "./support/test-seed.js";

/**
 * `dsat check` is the judge of the shipped operator files: no rule may be unsound, and the only
 * warnings allowed are the honest ones of derivative rules: the chain rule f'(a)*a' is
 * undefined where f' is (|a| and cbrt at 0, asin and acos at ±1) even when a is a constant
 * function there, whose derivative 0 exists (d/dx |x - x|). Identities must pass cleanly.
 */

const theory = defaultTheory();
const FILES = [
  "abs.rules",
  "constants.rules",
  "hyperbolic.rules",
  "inverse-trig.rules",
  "log-base.rules",
  "reciprocal-trig.rules",
  "roots.rules",
];
/** The name the default theory gives a shipped file in its rules' origins. */
const path = (file: string) => `rules/${file}`;

function expectJudgedSound(report: CheckReport): void {
  expect(report.errors).toBe(0);
  for (const { rule, findings } of report.rules) {
    for (const finding of findings.filter((f) => f.severity !== "note")) {
      // Only derivative rules may warn, and only that their right side is undefined somewhere.
      expect({ rule: rule.name, kind: finding.kind, derivative: isDerivativeRule(rule) }).toEqual({
        rule: rule.name,
        kind: "domain",
        derivative: true,
      });
      expect(finding.counterexample?.left).toBeDefined();
      expect(finding.counterexample?.right).toBeUndefined();
    }
  }
}

describe("dsat check on the shipped operator files", () => {
  it.each(FILES)("%s: every rule sound with a fixed seed", (file) => {
    const rules = rulesOf(theory, [path(file)]);
    expect(rules.length).toBeGreaterThan(3);
    const report = checkRules(theory, rules, {
      seed: 20240601,
      runs: 150,
      termination: false,
      pipeline: false,
    });
    expectJudgedSound(report);
    // Each rule was really compared somewhere (not shadowed or rejected throughout).
    for (const { rule, stats } of report.rules)
      expect({ rule: rule.name, compared: stats.compared > 0 }).toEqual({ rule: rule.name, compared: true });
  });

  it("every rule sound with the run's seed (printed, to replay a failure)", () => {
    const seed = testSeed();
    console.log(
      `operators check with seed ${seed} (replay: dsat check rules/{${FILES.join(",")}} --seed ${seed} --runs 100)`,
    );
    const rules = rulesOf(theory, FILES.map(path));
    expectJudgedSound(checkRules(theory, rules, { seed, runs: 100, termination: false, pipeline: false }));
  });

  it("diff and cleanup still terminate, and the pipeline agrees, with the new operators in random terms", () => {
    const report = checkRules(theory, [], { seed: 7, runs: 150 });
    expect(report.termination.map((t) => [t.ruleSet, t.findings.length])).toEqual([
      ["diff", 0],
      ["cleanup", 0],
    ]);
    expect(report.pipeline!.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.pipeline!.compared).toBeGreaterThan(100);
  });

  it("the command line passes the seven files (exit 0)", async () => {
    const result = await dsat("check", ...FILES.map((f) => `rules/${f}`), "--seed", "3", "--runs", "60");
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/^0 errors, \d+ warnings?; seed 3/m);
  });
});

describe("dsat check catches wrong rules about the new operators", () => {
  // In a set of their own, so the shipped rules of `diff` do not take their instances first.
  const wrong = [
    "(ruleset wrong)",
    "wrong-d-asin:  (d ?x (asin ?a))  => (* (/ 1 (sqrt (+ 1 (^ ?a 2)))) (d ?x ?a))",
    "wrong-d-tanh:  (d ?x (tanh ?a))  => (* (/ 1 (^ (sinh ?a) 2)) (d ?x ?a))",
    "wrong-d-cbrt:  (d ?x (cbrt ?a))  => (* (/ 1 (* 2 (^ (cbrt ?a) 2))) (d ?x ?a))",
    "wrong-d-logb:  (d ?x (logb ?b ?a)) => (/ (d ?x ?a) (* ?b (log ?a)))",
    "wrong-d-abs:   (d ?x (abs ?a))   => (d ?x ?a)",
    "wrong-abs-sum: (abs (+ ?a ?b))  => (+ (abs ?a) (abs ?b))",
    "wrong-cosh:    (cosh (neg ?a))   => (neg (cosh ?a))",
  ].join("\n");
  const extended = applyRuleFile(theory, parseRuleFile(wrong, { theory, file: "wrong.rules" }));

  it("reports each one as unsound", () => {
    const report = checkRules(extended, extended.ruleSets.wrong!.rules, {
      seed: 11,
      runs: 200,
      termination: false,
      pipeline: false,
    });
    const verdicts = report.rules.map((r) => [r.rule.name, r.findings.some((f) => f.kind === "unsound")]);
    expect(verdicts).toEqual(extended.ruleSets.wrong!.rules.map((r) => [r.name, true]));
  });
});
