import { describe, expect, it } from "vitest";
import { DivisionByZeroError, LimitError } from "../src/errors.js";
import { foldConstantApplication, foldOperation } from "../src/rewrite/fold-constants.js";
import { DEFAULT_FUEL, normalize } from "../src/rewrite/normalize.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { depth } from "../src/term/traverse.js";
import { baseTheory, type Theory } from "../src/theory.js";

/** A theory with the rules in `text` (file `t.rules`, so the default set is `t`). */
function theoryWith(text: string): Theory {
  return applyRuleFile(baseTheory, parseRuleFile(text, { theory: baseTheory, file: "t.rules" }));
}
const t = (text: string) => parseSExpr(text, { theory: baseTheory });

function run(rules: string, term: string, options: { fuel?: number; trace?: boolean } = {}) {
  const theory = theoryWith(rules);
  return normalize(t(term), theory.ruleSets.t!, { theory, ...options });
}

describe("normalize", () => {
  it("rewrites innermost first, to a normal form", () => {
    const result = run("mul-one: (* ?a 1) => ?a\nadd-zero: (+ ?a 0) => ?a", "(+ (* (+ x 0) 1) (* 0 1))", {
      trace: true,
    });
    // The children become x and 0, so the root becomes (+ x 0): already normalised (to x)
    // on the way down, so the memo answers without a fourth rewrite.
    expect(result.term).toBe(t("x"));
    expect(result.steps).toBe(3);
    expect(result.trace!.map((s) => [s.rule, s.before, s.after])).toEqual([
      ["add-zero", t("(+ x 0)"), t("x")],
      ["mul-one", t("(* x 1)"), t("x")],
      ["mul-one", t("(* 0 1)"), t("0")],
    ]);
  });

  it("fires the earliest rule in file order when several match", () => {
    const rules = "first: (sin ?a) => 1\nsecond: (sin x) => 2";
    expect(run(rules, "(sin x)").term).toBe(t("1"));
    expect(run("second: (sin x) => 2\nfirst: (sin ?a) => 1", "(sin x)").term).toBe(t("2"));
  });

  it("checks conditions before firing", () => {
    const rules = "div-self: (/ ?a ?a) => 1 if (nonzero? ?a)";
    expect(run(rules, "(/ (exp x) (exp x))").term).toBe(t("1"));
    expect(run(rules, "(/ x x)").term).toBe(t("(/ x x)"));
  });

  it("rewrites leaves with rules whose left side is a symbol or number", () => {
    expect(run("pi: pi => 3\nthree: 3 => (+ 1 2)", "(* pi 2)").term).toBe(t("(* (+ 1 2) 2)"));
  });

  it("reads <=> rules left to right", () => {
    expect(run("swap: (- ?a ?b) <=> (+ ?a (neg ?b))", "(- x y)").term).toBe(t("(+ x (neg y))"));
  });

  it("does not count a rewrite that gives back the same term", () => {
    const result = run("comm-add: (+ ?a ?b) => (+ ?b ?a)", "(+ x x)");
    expect(result).toEqual({ term: t("(+ x x)"), steps: 0 });
  });

  it("normalises a shared subterm once (memo on term ids)", () => {
    // A DAG whose tree has 2^60 leaves: without sharing this would never finish.
    let term: Term = t("(* x 1)");
    for (let i = 0; i < 60; i++) term = app("+", [term, term]);
    const result = normalize(term, theoryWith("mul-one: (* ?a 1) => ?a").ruleSets.t!, { theory: baseTheory });
    expect(result.steps).toBe(1);
    let expected: Term = sym("x");
    for (let i = 0; i < 60; i++) expected = app("+", [expected, expected]);
    expect(result.term).toBe(expected);
  });

  it("normalises a term nested 100,000 deep without recursion", () => {
    // x + (x + (… + (x + 0))): add-zero removes the innermost 0.
    let term: Term = num(0);
    let expected: Term = sym("x");
    for (let i = 0; i < 100_000; i++) term = app("+", [sym("x"), term]);
    for (let i = 1; i < 100_000; i++) expected = app("+", [sym("x"), expected]);
    const result = run("add-zero: (+ ?a 0) => ?a", "0");
    expect(result.term).toBe(t("0"));
    const theory = theoryWith("add-zero: (+ ?a 0) => ?a");
    const deep = normalize(term, theory.ruleSets.t!, { theory });
    expect(deep.term).toBe(expected);
    expect(deep.steps).toBe(1);
    expect(depth(deep.term)).toBe(100_000);
  });
});

describe("fuel", () => {
  it("defaults to a million rewrites", () => {
    expect(DEFAULT_FUEL).toBe(1_000_000);
  });

  it("stops a non-terminating rule set with a LimitError naming the rules that fired most", () => {
    const rules = "(ruleset loop)\nsin-to-cos: (sin ?a) => (cos ?a)\ncos-to-sin: (cos ?a) => (sin ?a)";
    const theory = theoryWith(rules);
    const attempt = () => normalize(t("(sin x)"), theory.ruleSets.loop!, { theory, fuel: 1001 });
    expect(attempt).toThrow(LimitError);
    // Odd rewrites are sin-to-cos: 501 of the 1001 allowed.
    expect(attempt).toThrow(
      "rule set 'loop' did not terminate within 1001 rewrites (the fuel given; raise it with --fuel); most fired: sin-to-cos (501), cos-to-sin (500)",
    );
    try {
      attempt();
    } catch (error) {
      expect((error as LimitError).limit).toBe("fuel");
    }
  });

  it("catches commutativity looping", () => {
    const rules = "(ruleset loop)\ncomm-add: (+ ?a ?b) => (+ ?b ?a)";
    const theory = theoryWith(rules);
    expect(() => normalize(t("(+ x y)"), theory.ruleSets.loop!, { theory, fuel: 1000 })).toThrow(
      "rule set 'loop' did not terminate within 1000 rewrites (the fuel given; raise it with --fuel); most fired: comm-add (1000)",
    );
  });

  it("allows exactly the fuel it is given", () => {
    const rules = "mul-one: (* ?a 1) => ?a";
    expect(run(rules, "(+ (* x 1) (* y 1))", { fuel: 2 }).term).toBe(t("(+ x y)"));
    expect(() => run(rules, "(+ (* x 1) (* y 1))", { fuel: 1 })).toThrow(LimitError);
  });
});

describe("constant folding", () => {
  const folding = "(fold-constants)\nmul-zero: (* 0 ?a) => 0";

  it("folds applications of numbers to their exact rational value when the set asks for it", () => {
    expect(run(folding, "(+ (* 2 3) (/ 1 3))").term).toBe(t("19/3"));
    expect(run(folding, "(+ (sqrt 4) (^ 2 -2))").term).toBe(t("9/4"));
    expect(run(folding, "(neg (- 1/2 1))").term).toBe(t("1/2"));
    expect(run("mul-zero: (* 0 ?a) => 0", "(+ 1 2)").term).toBe(t("(+ 1 2)"));
  });

  it("leaves irrational values and non-numbers alone", () => {
    expect(run(folding, "(+ (sqrt 2) (log 1))").term).toBe(t("(+ (sqrt 2) 0)"));
    expect(run(folding, "(+ x (* 2 3))").term).toBe(t("(+ x 6)"));
    expect(run(folding, "(* 0 (exp 1))").term).toBe(t("0"));
  });

  it("records folds in the trace and counts them as steps", () => {
    const result = run(folding, "(* 2 3)", { trace: true });
    expect(result.steps).toBe(1);
    expect(result.trace).toEqual([{ rule: "fold-constants", before: t("(* 2 3)"), after: t("6") }]);
  });

  it("raises DivisionByZeroError naming the expression for a zero divisor", () => {
    expect(() => run(folding, "(+ x (/ 1 (- 2 2)))")).toThrow(DivisionByZeroError);
    expect(() => run(folding, "(+ x (/ 1 (- 2 2)))")).toThrow(
      "division by zero in exact arithmetic: (/ 1 0)",
    );
    expect(() => run(folding, "(^ 0 -1)")).toThrow("division by zero in exact arithmetic: (^ 0 -1)");
  });

  it("exposes folding for other users (the e-graph's constant analysis)", () => {
    const plus = baseTheory.operators["+"]!;
    expect(foldOperation(plus, [Rational.ONE, Rational.TWO])).toEqual(Rational.of(3n));
    expect(foldOperation(baseTheory.operators.d!, [Rational.ONE, Rational.TWO])).toBeUndefined();
    expect(foldConstantApplication(t("(* 1/2 4)"), baseTheory)).toBe(num(2));
    expect(foldConstantApplication(t("(* x 4)"), baseTheory)).toBeUndefined();
    expect(foldConstantApplication(t("4"), baseTheory)).toBeUndefined();
  });
});
