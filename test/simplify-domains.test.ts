import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { DivisionByZeroError, DsatError, UndefinedConstantError } from "../src/errors.js";
import { evaluateExact } from "../src/eval/evaluate.js";
import { findUndefinedConstant, requiresNonzero } from "../src/simplify/domain.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { Rational } from "../src/term/rational.js";
import { app, sym, type Term } from "../src/term/term.js";
import { termArbitrary } from "./support/arbitrary.js";

/**
 * The simplifier and domains: under the strict domain a divisor that may be 0 is never
 * cancelled (the result stays undefined where the divisor vanishes), one that is provably
 * nonzero is; a constant division by zero is an error. Expected values are worked out by hand.
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });
const show = (t: Term) => printTerm(t, { format: "infix", theory });

function exactAt(t: Term, env: Record<string, number>): Rational | undefined {
  const point = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, Rational.of(v)]));
  try {
    return evaluateExact(t, point, { theory });
  } catch (error) {
    if (error instanceof DsatError) return undefined;
    throw error;
  }
}

describe("under the strict domain, a divisor that may be 0 stays", () => {
  // [input, a point where a divisor is 0, a point where everything is defined]
  it.each([
    ["x/x", { x: 0 }, { x: 3 }],
    ["(x - 1)/(x - 1)", { x: 1 }, { x: 3 }],
    ["x^3/x", { x: 0 }, { x: 2 }],
    ["x*y/y", { x: 2, y: 0 }, { x: 2, y: 5 }],
    ["(x^2 + x)/x", { x: 0 }, { x: 2 }],
    ["1/(1/x)", { x: 0 }, { x: 2 }],
    ["x/x - 1", { x: 0 }, { x: 2 }],
    ["y/(x*y)", { x: 2, y: 0 }, { x: 2, y: 3 }],
    ["(x + 1)*(y - 2)/(y - 2)", { x: 1, y: 2 }, { x: 1, y: 3 }],
    ["(2*x - 2)/(4*x - 4)", { x: 1 }, { x: 3 }],
  ])("%s is undefined at %o after simplifying, and keeps its value elsewhere", (text, zero, elsewhere) => {
    const input = parse(text);
    const result = simplify(input, { theory, strictDomain: true }).term;
    expect(exactAt(input, zero)).toBeUndefined();
    expect(exactAt(result, zero)).toBeUndefined();
    expect(exactAt(result, elsewhere)!.key).toBe(exactAt(input, elsewhere)!.key);
  });

  it.each([
    ["exp(x)/exp(x)", "1"],
    ["(x^2 + 1)/(x^2 + 1)", "1"],
    ["x*exp(y)/exp(y)", "x"],
    ["x*log(x)/x", "log(x)"], // log(x) is undefined at 0 anyway
  ])("cancels a provably nonzero divisor: %s is %s", (text, expected) => {
    expect(show(simplify(parse(text), { theory, strictDomain: true }).term)).toBe(expected);
  });

  it("does not turn sign(0), undefined by its declaration, into a number: it refuses the input", () => {
    for (const text of ["sign(0)", "0*sign(0)"]) {
      expect(() => simplify(parse(text), { theory })).toThrow(new UndefinedConstantError("sign(0)", "sign"));
    }
  });

  it("still allows 0*a = 0 and a - a = 0 for a term that is not a constant", () => {
    expect(show(simplify(parse("0*(1/x)"), { theory }).term)).toBe("0");
    expect(show(simplify(parse("1/x - 1/x"), { theory }).term)).toBe("0");
  });
});

describe("constant division by zero", () => {
  it.each(["1/0", "0/0", "0^(-1)", "x + 1/0", "0*(1/0)", "x^(1/(2 - 2))"])("%s throws", (text) => {
    expect(() => simplify(parse(text), { theory })).toThrow(DivisionByZeroError);
  });

  it.each([
    ["sqrt(-1) + 0/0", "sqrt(-1) is undefined"],
    ["sign(0)*x + 1/0", "sign(0) is undefined"],
    ["x + 1/0 + log(-1)", "the divisor 0 is 0"],
  ])("%s is defined nowhere: the first culprit in reading order is named", (text, culprit) => {
    expect(() => simplify(parse(text), { theory })).toThrow(culprit);
  });

  it("findUndefinedConstant names an undefined constant and throws for a zero divisor", () => {
    expect(findUndefinedConstant(parse("x + sign(1 - 1)"), theory)).toBe(parse("sign(1 - 1)"));
    expect(findUndefinedConstant(parse("x + log(-2)"), theory)).toBe(parse("log(-2)"));
    expect(findUndefinedConstant(parse("x + sqrt(2) + sign(3)"), theory)).toBeUndefined();
    expect(() => findUndefinedConstant(parse("x*(1/0)"), theory)).toThrow(DivisionByZeroError);
  });

  it("findUndefinedConstant names the first undefined constant, left to right and inner first", () => {
    expect(findUndefinedConstant(parse("sign(0) + log(-2)"), theory)).toBe(parse("sign(0)"));
    expect(findUndefinedConstant(parse("log(-2) + sign(0)"), theory)).toBe(parse("log(-2)"));
    // log(log(-2)) is undefined too, but its argument is met first.
    expect(findUndefinedConstant(parse("x*log(log(-2))"), theory)).toBe(parse("log(-2)"));
    // A division by zero is an error even when an undefined constant comes first.
    expect(() => findUndefinedConstant(parse("sign(0) + 2/(1 - 1)"), theory)).toThrow(DivisionByZeroError);
  });

  it("findUndefinedConstant finds the same constant in a term too large to walk as a tree", () => {
    // Operators undefined somewhere, so that random constants are often undefined or divide by 0.
    const partial = ["+", "-", "*", "/", "^", "neg", "log", "sqrt", "sign"];
    // Tree size 2^31 - 1 from 31 distinct nodes: only a walk over distinct subterms finishes.
    let padding: Term = sym("x");
    for (let i = 0; i < 30; i++) padding = app("*", [padding, padding]);
    const outcome = (t: Term) => {
      try {
        return findUndefinedConstant(t, theory);
      } catch (error) {
        return error instanceof DivisionByZeroError ? "division by zero" : error;
      }
    };
    fc.assert(
      fc.property(termArbitrary({ theory, operators: partial, variables: ["x"], maxDepth: 3 }), (t) => {
        expect(outcome(app("+", [t, padding]))).toBe(outcome(t));
        expect(outcome(app("+", [padding, t]))).toBe(outcome(t));
      }),
    );
  });
});

describe("requiresNonzero", () => {
  it("sees divisors, negative powers and logarithms of a product with the base as a factor", () => {
    const x = sym("x");
    expect(requiresNonzero(parse("1/(2*x*y)"), x)).toBe(true);
    expect(requiresNonzero(parse("(x^2 + 1)*(x*y)^-1"), x)).toBe(true);
    expect(requiresNonzero(parse("sin(log(x))"), x)).toBe(true);
    expect(requiresNonzero(parse("1/(x + 1)"), x)).toBe(false);
    expect(requiresNonzero(parse("x^2/y"), x)).toBe(false);
  });
});

describe("derivatives stay correct", () => {
  // d/dx of x/x is 0 where x != 0; of x^2/x it is 1 there; of 1/x it is -1/x^2.
  it.each([
    ["x/x", "x", { x: 3 }, "0"],
    ["x^2/x", "x", { x: 3 }, "1"],
    ["1/x", "x", { x: 2 }, "-1/4"],
    ["log(x*y)", "x", { x: 2, y: 3 }, "1/2"],
    ["x*log(x) - x", "x", { x: 1 }, "0"],
  ])("d/dx or d/dy of %s (by %s) at %o is %s", (text, variable, point, value) => {
    const derivative = simplify(diff(parse(text), variable, { theory, raw: true }), { theory }).term;
    expect(exactAt(derivative, point)!.equals(Rational.parse(value)!)).toBe(true);
  });

  it("keep the must-hold outputs", () => {
    const d = (text: string, variable: string) =>
      show(simplify(diff(parse(text), variable, { theory, raw: true }), { theory }).term);
    expect(d("x*x + (x*y + y*(y*y))", "x")).toBe("2*x + y");
    expect(d("x*x + (x*y + y*(y*y))", "y")).toBe("x + 3*y^2");
    expect(d("x^2 + x*y + y^3", "x")).toBe("2*x + y");
    expect(d("x*log(x) - x", "x")).toBe("log(x)");
    expect(d("1/x", "x")).toBe("-1/x^2");
  });
});
