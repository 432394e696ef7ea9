import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DivisionByZeroError,
  DomainError,
  UnboundVariableError,
  UnknownOperatorError,
} from "../src/errors.js";
import { evaluate, evaluateExact } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { baseTheory, extend } from "../src/theory.js";

const theory = baseTheory;
const t = (text: string) => parseSExpr(text, { theory });
const q = (text: string) => Rational.parse(text)!;

describe("evaluate", () => {
  it("computes floating-point values with the variables bound", () => {
    expect(evaluate(t("(+ (* x x) (+ (* x y) (* y (* y y))))"), { x: 1, y: 1 }, { theory })).toBe(3);
    expect(evaluate(t("(- (/ x 4) (neg y))"), { x: 2, y: 3 }, { theory })).toBe(3.5);
    expect(evaluate(t("(^ 2 10)"), {}, { theory })).toBe(1024);
    expect(evaluate(t("(sin (* 0 x))"), { x: 5 }, { theory })).toBe(0);
    expect(evaluate(t("(exp (log 7))"), {}, { theory })).toBeCloseTo(7, 12);
    expect(evaluate(t("1/3"), {}, { theory })).toBe(1 / 3);
  });

  it("gives NaN outside an operator's domain", () => {
    expect(evaluate(t("(log (neg 1))"), {}, { theory })).toBeNaN();
    expect(evaluate(t("(sqrt (- 0 4))"), {}, { theory })).toBeNaN();
    expect(evaluate(t("(/ 1 (- x x))"), { x: 2 }, { theory })).toBeNaN();
    expect(evaluate(t("(^ 0 -1)"), {}, { theory })).toBeNaN();
  });

  it("raises UnboundVariableError for a variable without a value, prototype names included", () => {
    expect(() => evaluate(t("(+ x y)"), { x: 1 }, { theory })).toThrow(UnboundVariableError);
    expect(() => evaluate(t("(+ x y)"), { x: 1 }, { theory })).toThrow("variable 'y' has no value");
    expect(() => evaluate(t("(+ x constructor)"), { x: 1 }, { theory })).toThrow(
      "variable 'constructor' has no value",
    );
  });

  it("refuses to evaluate d, or an operator without a numeric meaning", () => {
    expect(() => evaluate(t("(d x (* x x))"), { x: 1 }, { theory })).toThrow(DomainError);
    expect(() => evaluate(t("(d x (* x x))"), { x: 1 }, { theory })).toThrow(/cannot evaluate a derivative/);
    const opaque = extend(theory, (draft) => {
      draft.operators.blob = { name: "blob", arity: 1, syntax: { kind: "call", name: "blob" } };
    });
    expect(() => evaluate(app("blob", [sym("x")]), { x: 1 }, { theory: opaque })).toThrow(
      "operator 'blob' has no numeric meaning, so it cannot be evaluated",
    );
    expect(() => evaluate(app("blob", [sym("x")]), { x: 1 }, { theory })).toThrow(UnknownOperatorError);
  });

  it("evaluates each shared subterm once", () => {
    // 2^64 leaves as a tree, 65 nodes as a DAG.
    let term: Term = sym("x");
    for (let i = 0; i < 64; i++) term = app("+", [term, term]);
    expect(evaluate(term, { x: 1 }, { theory })).toBe(2 ** 64);
  });

  it("handles a term nested 100,000 deep", () => {
    let sum: Term = sym("x");
    let sines: Term = sym("x");
    for (let i = 1; i < 100_000; i++) {
      sum = app("+", [sym("x"), sum]);
      sines = app("sin", [sines]);
    }
    expect(evaluate(sum, { x: 2 }, { theory })).toBe(200_000);
    let expected = 1;
    for (let i = 1; i < 100_000; i++) expected = Math.sin(expected);
    expect(evaluate(sines, { x: 1 }, { theory })).toBe(expected);
  });
});

describe("evaluateExact", () => {
  it("computes exact rational values", () => {
    expect(evaluateExact(t("(/ x 3)"), { x: Rational.ONE }, { theory })).toEqual(q("1/3"));
    expect(evaluateExact(t("(+ 0.1 0.2)"), {}, { theory })).toEqual(q("3/10"));
    expect(evaluateExact(t("(* (sqrt 9/4) (^ x -2))"), { x: q("1/2") }, { theory })).toEqual(q("6"));
    expect(evaluateExact(t("(+ (sin 0) (exp 0))"), {}, { theory })).toEqual(Rational.ONE);
  });

  it("gives undefined as soon as one step is not rational", () => {
    expect(evaluateExact(t("(sqrt 2)"), {}, { theory })).toBeUndefined();
    expect(evaluateExact(t("(* 0 (sqrt 2))"), {}, { theory })).toBeUndefined();
    expect(evaluateExact(t("(exp x)"), { x: Rational.ONE }, { theory })).toBeUndefined();
  });

  it("raises DivisionByZeroError naming the expression, and the usual errors", () => {
    expect(() => evaluateExact(t("(/ 1 (- x x))"), { x: Rational.ONE }, { theory })).toThrow(
      DivisionByZeroError,
    );
    expect(() => evaluateExact(t("(/ 1 (- x x))"), { x: Rational.ONE }, { theory })).toThrow(
      "division by zero in 1/(x - x): its divisor is 0 at this point",
    );
    // A subterm too large to quote keeps the folded form.
    const sum = Array.from({ length: 300 }, () => "x").join(" + ");
    expect(() =>
      evaluateExact(parseExpression(`1/(${sum} - 300*x)`, { theory }), { x: Rational.ONE }, { theory }),
    ).toThrow("division by zero in exact arithmetic: (/ 1 0)");
    expect(() => evaluateExact(t("(+ x 1)"), {}, { theory })).toThrow(UnboundVariableError);
    expect(() => evaluateExact(t("(d x x)"), { x: Rational.ONE }, { theory })).toThrow(DomainError);
  });

  it("agrees with floating-point evaluation on rational arithmetic", () => {
    const leaf = fc.oneof(
      fc.constant(sym("x")),
      fc
        .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 4 }))
        .map(([n, d]) => num(Rational.of(n, d))),
    );
    const rationalTerms = fc.letrec<{ t: Term }>((tie) => ({
      t: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc
          .tuple(fc.constantFrom("+", "-", "*", "/"), tie("t"), tie("t"))
          .map(([op, a, b]) => app(op, [a, b])),
        tie("t").map((a) => app("neg", [a])),
      ),
    })).t;
    fc.assert(
      fc.property(rationalTerms, fc.integer({ min: -5, max: 5 }), (term, x) => {
        let exact: Rational | undefined;
        try {
          exact = evaluateExact(term, { x: Rational.of(x) }, { theory });
        } catch (error) {
          // An exact zero divisor: floating point must be undefined there too.
          expect(error).toBeInstanceOf(DivisionByZeroError);
          expect(evaluate(term, { x }, { theory })).toBeNaN();
          return;
        }
        expect(exact).toBeDefined();
        const float = evaluate(term, { x }, { theory });
        const expected = exact!.toNumber();
        expect(Math.abs(float - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      }),
    );
  });
});
