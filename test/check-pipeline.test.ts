import { castDraft } from "immer";
import { describe, expect, test } from "vitest";
import { checkPipeline } from "../src/check/check-pipeline.js";
import { numericDerivative } from "../src/check/numeric-derivative.js";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseRuleFile } from "../src/rules/rules-parser.js";
import { postorder } from "../src/term/traverse.js";
import { extend } from "../src/theory.js";

describe("checkPipeline", () => {
  test("derivatives computed by the shipped rules agree with numeric derivatives", () => {
    const report = checkPipeline(defaultTheory(), { seed: 21, runs: 500 });
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.stages).toEqual(["diff", "diff + cleanup", "diff + simplify"]);
    expect(report.compared).toBeGreaterThan(100);
  });

  test("a wrong derivative rule is caught end to end, with a function that exposes it", () => {
    const base = defaultTheory();
    const [wrong] = parseRuleFile("d-sin: (d ?x (sin ?a)) => (* (sin ?a) (d ?x ?a))", {
      theory: base,
      file: "wrong.rules",
    }).ruleSets[0]!.rules;
    const theory = extend(base, (draft) => {
      const rules = base.ruleSets.diff!.rules.map((rule) => (rule.name === "d-sin" ? wrong! : rule));
      draft.ruleSets.diff = castDraft({ ...base.ruleSets.diff!, rules });
    });
    // 500 runs: random functions draw from every shipped operator (pi, sec, log10, …), so one
    // with sin of the differentiated variable comes up less often than it did with fewer.
    const report = checkPipeline(theory, { seed: 21, runs: 500 });
    const finding = report.findings.find((f) => f.severity === "error");
    expect(finding).toBeDefined();
    const { term, point, left, right } = finding!.counterexample!;
    expect(postorder(term!).some((t) => t.kind === "app" && t.op === "sin")).toBe(true);
    // Re-derive the two values independently: the numeric derivative of the function and the
    // value of the rules' derivative.
    const variable = /derivative in (\w+)/.exec(finding!.summary)![1]!;
    const env: Record<string, number> = { x: 0, y: 0, ...point };
    const numeric = numericDerivative(
      (t) => evaluate(term!, { ...env, [variable]: t }, { theory }),
      env[variable]!,
    );
    expect(numeric!.value).toBeCloseTo(left!, 6);
    expect(evaluate(diff(term!, variable, { theory, raw: true }), env, { theory })).toBeCloseTo(right!, 9);
    expect(Math.abs(left! - right!)).toBeGreaterThan(1e-3);
  });
});
