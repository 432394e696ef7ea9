import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { evaluateExact } from "../src/eval/evaluate.js";
import { hornerForm } from "../src/simplify/horner.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";

const theory = defaultTheory();
const sexpr = (text: string) => parseSExpr(text, { theory });

describe("Horner's form", () => {
  it("nests a polynomial in one variable from its highest degree down", () => {
    // 3x^2 - 6x + 1: coefficients 1, -6, 3 by degree, so 1 + x*(-6 + x*3).
    expect(hornerForm(sexpr("(+ (+ (* 3 (^ x 2)) (* -6 x)) 1)"))).toBe(sexpr("(+ 1 (* x (+ -6 (* x 3))))"));
    // Gaps in the degrees become powers; a polynomial without a constant term keeps x outside.
    expect(hornerForm(sexpr("(- (^ x 5) (* 2 (^ x 2)))"))).toBe(sexpr("(* (^ x 2) (+ -2 (* (^ x 3) 1)))"));
  });

  it("leaves alone what is not a polynomial in one variable with two terms in it", () => {
    for (const text of [
      "(+ (sin x) (* 2 x))",
      "(+ (* x y) (^ x 2))",
      "(+ (^ x 2) 1)",
      "(+ (^ x 1/2) x)",
      "x",
    ]) {
      expect(hornerForm(sexpr(text))).toBe(sexpr(text));
    }
  });

  it("rewrites polynomials inside other terms", () => {
    expect(hornerForm(sexpr("(sin (+ (^ x 2) x))"))).toBe(sexpr("(sin (* x (+ 1 (* x 1))))"));
  });

  it("keeps the exact value of random polynomials", () => {
    const monomial = fc
      .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 0, max: 6 }))
      .map(([c, k]): Term => app("*", [num(c), k === 0 ? num(1) : app("^", [sym("x"), num(k)])]));
    const polynomial = fc
      .array(monomial, { minLength: 1, maxLength: 6 })
      .map((terms) => terms.reduce((sum, t) => app("+", [sum, t])));
    fc.assert(
      fc.property(polynomial, fc.integer({ min: -20, max: 20 }), (p, x) => {
        const env = { x: Rational.of(BigInt(x), 1n) };
        expect(evaluateExact(hornerForm(p), env, { theory })).toEqual(evaluateExact(p, env, { theory }));
      }),
    );
  });

  it("lets the simplifier print polynomials nested when that is smaller", () => {
    const show = (text: string) =>
      printTerm(simplify(parseExpression(text, { theory }), { theory }).term, { format: "infix", theory });
    expect(show("x^3 - 2*x^2 + 5*x")).toBe("x*(x*(x - 2) + 5)");
    // Equal size either way: the expanded form, which reads better, stays.
    expect(show("x^4 + 3*x^2 + 2")).toBe("x^4 + 3*x^2 + 2");
  });
});
