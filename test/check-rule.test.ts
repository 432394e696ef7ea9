import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { checkRule } from "../src/check/check-rule.js";
import { variableRoles } from "../src/check/instantiate-random.js";
import type { Counterexample, Finding, RuleReport } from "../src/check/report.js";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate } from "../src/eval/evaluate.js";
import { instantiate } from "../src/rewrite/match.js";
import type { Rule } from "../src/rules/rule.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { treeSize } from "../src/term/traverse.js";
import type { Theory } from "../src/theory.js";

const FIXTURE = "test/fixtures/unsound.rules";

/** The theory with `text` loaded on top, and the rules `text` defines. */
function load(
  text: string,
  base: Theory = defaultTheory(),
  file = "test.rules",
): { theory: Theory; rules: Rule[] } {
  const contents = parseRuleFile(text, { theory: base, file });
  return { theory: applyRuleFile(base, contents), rules: contents.ruleSets.flatMap((set) => set.rules) };
}

function check(
  text: string,
  options: { seed?: number; runs?: number; shadowing?: boolean } = {},
): RuleReport[] {
  const { theory, rules } = load(text);
  return rules.map((rule, i) =>
    checkRule(rule, theory, {
      seed: options.seed ?? 1,
      runs: options.runs ?? 150,
      ...(options.shadowing ? { shadowedBy: rules.slice(0, i) } : {}),
    }),
  );
}

const kinds = (report: RuleReport): string[] => report.findings.map((f) => f.kind);
const only = (report: RuleReport, kind: Finding["kind"]): Counterexample => {
  const finding = report.findings.find((f) => f.kind === kind);
  expect(finding, `${report.rule.name} should have a '${kind}' finding`).toBeDefined();
  return finding!.counterexample!;
};

/** Both sides of `rule` instantiated by the counterexample and evaluated by the library's evaluator. */
function sides(rule: Rule, example: Counterexample, theory: Theory): [number, number] {
  const substitution = new Map(example.bindings);
  const env = { x: 0, y: 0, ...example.point };
  return [
    evaluate(instantiate(rule.lhs, substitution), env, { theory }),
    evaluate(instantiate(rule.rhs, substitution), env, { theory }),
  ];
}

describe("sound rules", () => {
  test.each([
    ["commutativity", "comm: (+ ?a ?b) => (+ ?b ?a)"],
    ["distributivity, both ways", "dist: (* ?a (+ ?b ?c)) <=> (+ (* ?a ?b) (* ?a ?c))"],
    ["an odd function", "sin-neg: (sin (neg ?a)) => (neg (sin ?a))"],
    ["a guarded cancellation", "div-self: (/ ?a ?a) => 1 if (nonzero? ?a)"],
    [
      "a guarded logarithm law",
      "log-mul: (log (* ?a ?b)) => (+ (log ?a) (log ?b)) if (positive? ?a) (positive? ?b)",
    ],
    ["the chain rule for exp", "d-exp: (d ?x (exp ?a)) => (* (exp ?a) (d ?x ?a))"],
    // 1/a is defined for a < 0 where log a is not; that is expected of a derivative rule.
    ["the chain rule for log", "d-log: (d ?x (log ?a)) => (* (/ 1 ?a) (d ?x ?a))"],
    ["a constant", "d-const: (d ?x ?c) => 0 if (free-of ?c ?x)"],
  ])("%s has no warnings or errors", (_name, text) => {
    const [report] = check(text);
    expect(report!.findings.filter((f) => f.severity !== "note")).toEqual([]);
    expect(report!.stats.compared).toBeGreaterThan(10);
  });
});

describe("the deliberately wrong rules of test/fixtures/unsound.rules", () => {
  const { theory, rules } = load(readFileSync(FIXTURE, "utf8"), defaultTheory(), FIXTURE);
  const reports = new Map(rules.map((rule) => [rule.name, checkRule(rule, theory, { seed: 11, runs: 150 })]));
  const report = (name: string) => reports.get(name)!;

  test("every rule is reported, the unsound ones as errors and the domain ones as warnings", () => {
    expect(Object.fromEntries([...reports].map(([name, r]) => [name, kinds(r)]))).toEqual({
      "wrong-d-sin": ["unsound"],
      "double-is-triple": ["unsound"],
      "div-self-always": ["domain"],
      "log-of-product": ["domain"],
      "sqrt-of-square": ["unsound"],
    });
    for (const r of reports.values()) {
      for (const finding of r.findings)
        expect(finding.severity).toBe(finding.kind === "unsound" ? "error" : "warning");
    }
  });

  test("counterexamples are shrunk to leaves", () => {
    for (const r of reports.values()) {
      for (const [, term] of r.findings[0]!.counterexample!.bindings!) expect(treeSize(term)).toBe(1);
    }
  });

  test("the unsound counterexamples really make the two sides differ", () => {
    for (const name of ["double-is-triple", "sqrt-of-square"]) {
      const example = only(report(name), "unsound");
      const [left, right] = sides(report(name).rule, example, theory);
      expect(left).toBe(example.left);
      expect(right).toBe(example.right);
      expect(Math.abs(left - right)).toBeGreaterThan(0.1);
    }
    // sqrt(a^2) = a fails exactly for negative a.
    const sqrtExample = only(report("sqrt-of-square"), "unsound");
    expect(
      evaluate(sqrtExample.bindings![0]![1], { x: 0, y: 0, ...sqrtExample.point }, { theory }),
    ).toBeLessThan(0);
  });

  test("the wrong derivative is caught against the real derivative of the function", () => {
    const example = only(report("wrong-d-sin"), "unsound");
    const bindings = new Map(example.bindings);
    const variable = bindings.get("?x")!;
    expect(variable.kind).toBe("sym");
    const body = instantiate(report("wrong-d-sin").rule.lhs, bindings);
    if (body.kind !== "app" || variable.kind !== "sym") throw new Error("unexpected shape");
    const env = { x: 0, y: 0, ...example.point };
    const derivative = evaluate(diff(body.args[1]!, variable.name, { theory }), env, { theory });
    expect(example.left).toBeCloseTo(derivative, 6);
    expect(Math.abs(example.left! - example.right!)).toBeGreaterThan(0.1);
  });

  test("the domain counterexamples have one side defined and the other not", () => {
    const divSelf = only(report("div-self-always"), "domain");
    const [left, right] = sides(report("div-self-always").rule, divSelf, theory);
    expect(Number.isNaN(left)).toBe(true);
    expect(right).toBe(1);

    const logProduct = only(report("log-of-product"), "domain");
    const [l, r] = sides(report("log-of-product").rule, logProduct, theory);
    expect(Number.isFinite(l)).toBe(true);
    expect(Number.isNaN(r)).toBe(true);
    expect(report("log-of-product").findings[0]!.summary).toMatch(
      /right side is undefined where the left side is defined/,
    );
    expect(report("div-self-always").findings[0]!.summary).toMatch(/drops a domain condition/);
  });
});

describe("domain warnings", () => {
  test("read right to left, a <=> rule must not narrow the domain either", () => {
    const [oneWay] = check("sq: (* (sqrt ?a) (sqrt ?a)) => ?a");
    expect(oneWay!.findings[0]!.summary).toMatch(/drops a domain condition/);
    const [twoWay] = check("sq: (* (sqrt ?a) (sqrt ?a)) <=> ?a");
    expect(kinds(twoWay!)).toEqual(["domain"]);
    expect(twoWay!.findings[0]!.summary).toMatch(/right to left/);
  });
});

describe("rule order", () => {
  const text = `
    same: (d ?x ?x) => 1 if (var? ?x)
    other: (d ?x ?y) => 0 if (var? ?y)`;

  test("an instance an earlier rule rewrites first is not held against a rule of an ordered set", () => {
    const [, other] = check(text, { shadowing: true });
    expect(other!.findings.filter((f) => f.severity !== "note")).toEqual([]);
    expect(kinds(other!)).toContain("order-dependent");
    expect(other!.stats.shadowed).toBeGreaterThan(0);
  });

  test("without the order, the same rule is unsound at ?y = ?x", () => {
    const [, other] = check(text);
    const example = only(other!, "unsound");
    const bindings = new Map(example.bindings);
    expect(bindings.get("?x")).toBe(bindings.get("?y"));
  });
});

describe("what limits a check", () => {
  test("a rule with an operator that has no numeric meaning is reported as untested", () => {
    const [report] = check("(operator blob 1)\nblob-id: (blob ?a) => (blob ?a)");
    expect(kinds(report!)).toEqual(["untested"]);
    expect(report!.findings[0]!.summary).toMatch(/blob/);
  });

  test("the tolerance decides how close is equal", () => {
    const text = "almost: (+ ?a 0) => (* ?a 100000001/100000000)";
    const { theory, rules } = load(text);
    expect(kinds(checkRule(rules[0]!, theory, { seed: 3, runs: 100 }))).toEqual(["unsound"]);
    const loose = { relative: 1e-6, absolute: 1e-12, derivative: 1e-6 };
    expect(kinds(checkRule(rules[0]!, theory, { seed: 3, runs: 100, tolerance: loose }))).toEqual([]);
  });

  test("the same seed replays the same check", () => {
    const text = readFileSync(FIXTURE, "utf8");
    const first = check(text, { seed: 99, runs: 80 });
    const second = check(text, { seed: 99, runs: 80 });
    expect(second.map((r) => [r.findings, r.stats])).toEqual(first.map((r) => [r.findings, r.stats]));
  });
});

describe("variableRoles", () => {
  test("aims the generator at what the conditions and derivatives require", () => {
    const { rules } = load(`
      power: (d ?x (^ ?a ?n)) => (* (* ?n (^ ?a (- ?n 1))) (d ?x ?a)) if (integer? ?n)
      other: (d ?x ?y) => 0 if (var? ?y)
      swap: (+ ?b ?c) => (+ ?c ?b) if (positive? ?b) (const? ?c)
      free: (* ?e ?v) => (* ?v ?e) if (free-of ?e ?v)`);
    const roles = rules.map((rule) => Object.fromEntries(variableRoles(rule)));
    expect(roles).toEqual([
      { "?a": "term", "?n": "integer", "?x": "variable" },
      { "?x": "variable", "?y": "variable" },
      { "?b": "signed", "?c": "number" },
      { "?e": "term", "?v": "variable" },
    ]);
  });
});
