import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate, evaluateExact } from "../src/eval/evaluate.js";
import { formatDomainFact } from "../src/rules/domain-facts.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printInfix } from "../src/syntax/print-infix.js";
import { printSExpr } from "../src/syntax/print-sexpr.js";
import { Rational } from "../src/term/rational.js";
import type { Term } from "../src/term/term.js";
import { dsat } from "./support/cli.js";

/**
 * The operators shipped in rules/*.rules: they parse, print, evaluate, differentiate and
 * simplify like the base operators. Expected derivatives are the textbook ones; each is also
 * compared numerically with the function's difference quotient.
 */

const theory = defaultTheory();
const parse = (text: string): Term => parseExpression(text, { theory });
const show = (t: Term) => printInfix(t, { theory });
const derivative = (text: string, variable = "x") =>
  simplify(diff(parse(text), variable, { theory, raw: true }), { theory }).term;
const at = (t: Term, x: number) => evaluate(t, { x }, { theory });

/** Central difference; fine for the smooth points used below. */
function slope(text: string, x: number): number {
  const f = parse(text);
  const h = 1e-6;
  return (at(f, x + h) - at(f, x - h)) / (2 * h);
}

describe("parsing, printing and evaluating", () => {
  it.each([
    ["sinh(x)", Math.sinh],
    ["cosh(x)", Math.cosh],
    ["tanh(x)", Math.tanh],
    ["asin(x)", Math.asin],
    ["acos(x)", Math.acos],
    ["atan(x)", Math.atan],
    ["abs(x)", Math.abs],
    ["cbrt(x)", Math.cbrt],
  ] as const)("%s", (text, reference) => {
    const t = parse(text);
    expect(show(t)).toBe(text);
    expect(parse(printSExpr(t))).toBe(t);
    for (const x of [-2, -0.75, -0.5, 0, 0.3, 1, 3]) {
      const expected = reference(x);
      if (Number.isNaN(expected)) expect(at(t, x)).toBeNaN();
      else expect(at(t, x)).toBe(expected);
    }
  });

  it("sign is ±1 away from 0 and undefined at 0 (it is the derivative of |x|)", () => {
    const t = parse("sign(x)");
    expect([at(t, -3), at(t, 0.1)]).toEqual([-1, 1]);
    expect(at(t, 0)).toBeNaN();
    expect(evaluateExact(t, { x: Rational.ZERO }, { theory })).toBeUndefined();
  });

  it("logb(b, a) is the logarithm of a to base b, and folds exactly when rational", () => {
    expect(at(parse("logb(10, x)"), 1000)).toBeCloseTo(3, 14);
    expect(at(parse("logb(x, 2)"), 1)).toBeNaN(); // base 1
    expect(at(parse("logb(x, 2)"), 0)).toBeNaN(); // base 0
    expect(at(parse("logb(2, x)"), -4)).toBeNaN();
    expect(show(simplify(parse("logb(2, 8) + logb(8, 2) + logb(9, 1/3)"), { theory }).term)).toBe("17/6"); // 3 + 1/3 - 1/2
  });

  it("cbrt is the real cube root, defined for negative numbers (where x^(1/3) is not)", () => {
    expect(at(parse("cbrt(x)"), -27)).toBe(-3);
    expect(at(parse("x^(1/3)"), -27)).toBeNaN();
    expect(show(simplify(parse("cbrt(-8) + cbrt(27/64)"), { theory }).term)).toBe("-5/4");
  });
});

describe("derivatives", () => {
  it.each([
    ["sinh(x)", "cosh(x)"],
    ["cosh(x)", "sinh(x)"],
    ["tanh(x)", "1/cosh(x)^2"],
    ["asin(x)", "1/sqrt(1 - x^2)"],
    ["acos(x)", "-1/sqrt(1 - x^2)"],
    ["atan(x)", "1/(x^2 + 1)"],
    ["abs(x)", "sign(x)"],
    ["sign(x)", "0"],
    ["logb(2, x)", "1/(x*log(2))"],
    ["cbrt(x)", "1/(3*cbrt(x)^2)"],
    ["sqrt(x)", "1/(2*sqrt(x))"],
    ["2^x", "2^x*log(2)"],
  ])("d/dx %s = %s", (f, expected) => {
    expect(show(derivative(f))).toBe(expected);
  });

  it.each([
    ["sinh(x^2)", [0.3, -1.2]],
    ["tanh(3*x)", [0.1, -0.7]],
    ["asin(x/2)", [0.5, -1.5]],
    ["acos(x^2)", [0.4, -0.8]],
    ["atan(2*x)", [0.2, 3]],
    ["abs(x^2 - 1)", [0.5, 2, -3]],
    ["logb(x, 2)", [0.5, 3]], // the base depends on x: through log(2)/log(x)
    ["logb(x, x^2 + 1)", [0.5, 3]],
    ["cbrt(x^3 + 1)", [0.5, -2]], // -2: cbrt of -7, a negative argument
    ["x^x", [0.5, 2]],
    ["x^sin(x)", [0.7, 2]],
    ["2^(x^2)", [0.5, -1]],
    ["sqrt(x^2 + 1)", [0.5, -1]],
  ] as const)("d/dx %s agrees with the difference quotient", (f, points) => {
    const d = derivative(f);
    for (const x of points) expect(at(d, x)).toBeCloseTo(slope(f, x), 6);
  });

  it("the derivative of |x| is undefined at 0 (where |x| has none), ±1 elsewhere", () => {
    const d = derivative("abs(x)");
    expect(at(d, 0)).toBeNaN();
    expect([at(d, -2), at(d, 0.5)]).toEqual([-1, 1]);
    // The chain rule keeps that honesty: |x^3| is smooth at 0, but its derivative by the
    // rules, 3*x^2*sign(x), is undefined there (as 1/(2*sqrt(x^4))*4*x^3 is with sqrt).
    expect(at(derivative("abs(x^3)"), 0)).toBeNaN();
    // A constant argument needs no chain rule: d/dx |y| = 0 even at y = 0.
    expect(show(derivative("abs(y)"))).toBe("0");
  });

  it("the derivatives of asin and acos are undefined at ±1, of cbrt at 0 (vertical tangents)", () => {
    for (const x of [1, -1]) {
      expect(at(derivative("asin(x)"), x)).toBeNaN();
      expect(at(derivative("acos(x)"), x)).toBeNaN();
    }
    expect(at(derivative("cbrt(x)"), 0)).toBeNaN();
  });

  it("dsat diff differentiates the new operators from the command line", async () => {
    expect((await dsat("diff", "sinh(2*x)", "x")).stdout).toBe("2*cosh(2*x)");
    expect((await dsat("diff", "atan(x)", "x", "x")).stdout).toMatch(/^-2\*x\/\(x\^2 \+ 1\)\^2$/);
  });
});

describe("algebra rules in the simplifier", () => {
  it.each([
    ["cosh(x)^2 - sinh(x)^2", "1"],
    ["sinh(-x) + sinh(x)", "0"],
    ["cosh(-x) - cosh(x)", "0"],
    ["cosh(x) + sinh(x)", "exp(x)"],
    ["asin(-x) + asin(x)", "0"],
    ["atan(-x) + atan(x)", "0"],
    ["abs(-x)", "abs(x)"],
    ["abs(abs(x))", "abs(x)"],
    ["sqrt(x^2)", "abs(x)"],
    ["abs(x)^2", "x^2"],
    ["abs(exp(x))", "exp(x)"],
    ["sign(exp(x))", "1"],
    ["cbrt(x^3)", "x"],
    ["cbrt(x)^3", "x"],
    ["cbrt(-x) + cbrt(x)", "0"],
  ])("%s = %s", (input, expected) => {
    expect(show(simplify(parse(input), { theory }).term)).toBe(expected);
  });

  it("makes sign(x)*|x| into x where it is defined (x ≠ 0), and with strictDomain does not", () => {
    const { term, report } = simplify(parse("sign(x)*abs(x)"), { theory });
    expect(show(term)).toBe("x");
    expect(report.conditions.map((c) => formatDomainFact(c, { theory }))).toEqual(["x ≠ 0"]);
    const strict = simplify(parse("sign(x)*abs(x)"), { theory, strictDomain: true }).term;
    expect(at(strict, 0)).toBeNaN();
    expect(at(strict, -2)).toBe(-2);
  });
});
