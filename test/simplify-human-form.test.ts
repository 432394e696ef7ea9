import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { evaluate } from "../src/eval/evaluate.js";
import { HumanForm, humanForm } from "../src/simplify/human-form.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { app, sym, type Term } from "../src/term/term.js";
import { treeSize } from "../src/term/traverse.js";

/**
 * The human printing order, one rule at a time. Each input is already simplified (nothing to
 * collect), so the expected output is just the same term written the way a person would.
 */

const theory = defaultTheory();
const human = (text: string) =>
  printTerm(humanForm(parseExpression(text, { theory }), theory), { format: "infix", theory });

describe("human form", () => {
  it.each([
    // sums: by variable name, higher degree first, constants last
    ["1 + x", "x + 1"],
    ["2*x + x^2 + 1", "x^2 + 2*x + 1"],
    ["3*y^2 + x", "x + 3*y^2"],
    ["y + x*y + x^2", "x^2 + x*y + y"],
    ["sin(x) + x", "x + sin(x)"],
    // products: the number first, then variables by name
    ["x*2", "2*x"],
    ["y*x*3", "3*x*y"],
    ["x*2*3", "6*x"],
    // signs: subtraction and negation instead of -1 coefficients
    ["x + -1*y", "x - y"],
    ["-1*x", "-x"],
    ["x*(-2)", "-2*x"],
    ["-1*x + y", "y - x"],
    ["-1*x + -1*y", "-x - y"],
    // a sum of negative terms leads with its constant, which carries the sign for free
    ["-1*x + -1", "-1 - x"],
    ["-1/2*x - 1", "-1 - x/2"],
    ["-2*x - 1", "-2*x - 1"],
    ["x + y*(-3)", "x - 3*y"],
    // negative powers as division, x^(1/2) as sqrt
    ["x*y^-1", "x/y"],
    ["x^-2", "1/x^2"],
    ["-1*x^-1", "-1/x"],
    ["1/2*x", "x/2"],
    ["3/2*x^2", "3*x^2/2"],
    ["x^(1/2)", "sqrt(x)"],
    ["2*x*(x + 1)^-2", "2*x/(x + 1)^2"],
    // nested sums are flattened
    ["x + (y + (z + 1))", "x + y + z + 1"],
    // a factor that is a sum of negative terms gives its sign to the product
    ["x*(-x - 2) + 1", "1 - x*(x + 2)"],
    ["(-x - 1)^2*y", "y*(x + 1)^2"],
    // ... and a common whole number, when that is no larger
    ["x*(3*x - 6) + 1", "3*x*(x - 2) + 1"],
    ["y*(6*x + 4)", "y*(6*x + 4)"],
  ])("writes %s as %s", (input, expected) => {
    expect(human(input)).toBe(expected);
  });

  it("keeps structure it does not own: factored forms and function arguments stay", () => {
    expect(human("x*(3*x + -14)")).toBe("x*(3*x - 14)");
    expect(human("sin(1 + x)*cos(x*2)")).toBe("cos(2*x)*sin(x + 1)");
  });

  it("does not split a fractional power over a product (sqrt(x*y) is not sqrt(x)*sqrt(y) for x, y < 0)", () => {
    expect(human("(x*y)^(1/2)")).toBe("sqrt(x*y)");
    expect(human("(x*y)^2")).toBe("x^2*y^2");
  });

  it.each([
    // powers of one base collected, of one sign only (x^2/x keeps its divisor)
    ["x*x", "x^2"],
    ["2*x*y*y*y*x", "2*x^2*y^3"],
    ["(x + y)*(x + y)", "(x + y)^2"],
    ["1/(x*x*y)", "1/(x^2*y)"],
    ["x^2/x", "x^2/x"],
    // roots of roots as one power, where sqrt(a) and a^p (p not whole) need a >= 0 anyway
    ["sqrt(sqrt(x))", "x^(1/4)"],
    ["1/(8*sqrt(x)*sqrt(sqrt(x))*sqrt(sqrt(sqrt(x))))", "1/(8*x^(7/8))"],
    ["(x^(1/3))^(1/2)", "x^(1/6)"],
    ["(x^3)^(1/2)", "x^(3/2)"],
    // ... but not where that would widen the domain: |x| is not x, x^(1/3)*x^(2/3) is not x
    ["(x^2)^(1/2)", "sqrt(x^2)"],
    ["x^(1/3)*x^(2/3)", "x^(2/3)*x^(1/3)"],
    ["sqrt(x)*sqrt(x)", "sqrt(x)*sqrt(x)"],
    // exponentials as a textbook writes them: one per product, never a power of one
    ["exp(-1/2)^(x*x)", "exp(-x^2/2)"],
    ["exp(x)^2*y", "y*exp(2*x)"],
    ["exp(x)*exp(y)", "exp(x + y)"],
    ["x/exp(x^2/2)", "x*exp(-x^2/2)"],
    ["1/exp(x)", "exp(-x)"],
    ["exp(x)*exp(-y)*z", "z*exp(x - y)"],
    // a sine over a cosine of the same argument is a tangent; a cosine over a sine is not
    // 1/tan (that is undefined where cos is 0)
    ["sin(x)^2/cos(x)^3", "tan(x)^2/cos(x)"],
    ["y*sin(x + 1)/cos(x + 1)", "y*tan(x + 1)"],
    ["cos(x)/sin(x)", "cos(x)/sin(x)"],
    // twice a sine times its cosine, when the coefficient has the 2
    ["2*sin(x)*cos(x)*y", "y*sin(2*x)"],
    // ... and a reciprocal's sines and cosines are cosecants and secants
    ["1/(2*sin(x + y)*cos(x + y))", "csc(2*(x + y))"],
    ["1/(x*cos(y)^2)", "sec(y)^2/x"],
    ["-1/(2*cos(x)*sin(y))", "-csc(y)*sec(x)/2"],
    // with a numerator, no smaller: left as it is
    ["y/cos(x)^2", "y/cos(x)^2"],
    // the coefficient takes the 2 in when the argument is 3 nodes or more
    ["y*sin(x/y)*cos(x/y)", "y*sin(2*x/y)/2"],
    ["3*sin(x)*cos(x)", "3*cos(x)*sin(x)"],
  ])("collects %s as %s", (input, expected) => {
    expect(human(input)).toBe(expected);
  });

  it("collects powers of opposite signs only when told it may widen the domain", () => {
    const widening = new HumanForm(theory, { widenDomain: true });
    const show = (text: string) =>
      printTerm(widening.of(parseExpression(text, { theory })), { format: "infix", theory });
    expect(show("x^2/x")).toBe("x");
    expect(show("y*x/x")).toBe("y");
    expect(show("log(x)^2/log(x)^(3/2)")).toBe("sqrt(log(x))");
    expect(human("x^2/x")).toBe("x^2/x");
    // Symbolic exponents add up too, when that is smaller.
    expect(show("3*x^(2*cos(2))*x^(cos(2) - 1)*cos(2)")).toBe("3*x^(3*cos(2) - 1)*cos(2)");
    expect(show("y*(cos(x)^(2*x))^3")).toBe("y*cos(x)^(6*x)");
    expect(show("x^y*x^(-y)*z")).toBe("z");
    expect(show("2*x^log(x)/x")).toBe("2*x^log(x)/x");
    expect(human("3*x^(2*cos(2))*x^(cos(2) - 1)")).toBe("3*x^(2*cos(2))*x^(cos(2) - 1)");
  });

  it.each([
    // a coefficient goes into a sum factor that takes it in for free
    ["3*(1/(2*sqrt(x)) + 3)*(x + 1)^2", "(x + 1)^2*(3/(2*sqrt(x)) + 9)"],
    ["2*(x/2 + 1)*y", "y*(x + 2)"],
    // a product alone with -1 flips a sum's signs
    ["-1*(x - y)*sin(x)", "(y - x)*sin(x)"],
    ["-1*(x + 4)*y", "y*(-4 - x)"],
    ["-1*(3*x + 2)/x^3", "(-3*x - 2)/x^3"],
    // ... or an odd power of a difference, over the line or under it
    ["-1*y/(x - z)", "y/(z - x)"],
    ["-1*y/(x - z)^3", "y/(z - x)^3"],
    ["-1*y/(x - z)^2", "-y/(x - z)^2"],
    ["-1*y/(x^2 + 1)", "-y/(x^2 + 1)"],
    ["-1/(x - z)", "-1/(x - z)"],
    // not when that is larger, nor for a sign a sum gives for free
    ["3*(x + 1)*y", "3*y*(x + 1)"],
    ["-1*(x + y)*z", "-z*(x + y)"],
    ["1 - (x - y)*z", "1 - z*(x - y)"],
  ])("distributes the coefficient of %s as %s", (input, expected) => {
    expect(human(input)).toBe(expected);
  });

  it.each([
    // a power of a reciprocal goes under the fraction bar when it shares it
    ["y*(1/x)^u", "y/x^u"],
    ["-1*(1/x)^u", "-1/x^u"],
    ["2*(1/(x + 1))^u", "2/(x + 1)^u"],
    // not alone or over another denominator, where it saves nothing
    ["(1/x)^u", "(1/x)^u"],
    ["(1/x)^u/z", "(1/x)^u/z"],
  ])("writes the reciprocal power %s as %s", (input, expected) => {
    expect(human(input)).toBe(expected);
  });

  it.each([false, true])(
    "keeps the value of a product of powers wherever it is defined (widenDomain %s)",
    (widenDomain) => {
      const converter = new HumanForm(theory, { widenDomain });
      // Thousandths in [-4, 4]: no subnormal numbers, whose powers overflow differently in each form.
      const coordinate = fc.integer({ min: -4000, max: 4000 }).map((n) => n / 1000);
      const point = fc.record({
        x: coordinate,
        y: coordinate,
      });
      const base = fc.constantFrom(
        "x",
        "y",
        "(x + y)",
        "exp(x)",
        "exp(-x*y)",
        "sin(x)",
        "cos(x)",
        "2",
        "1/x",
        "sqrt(1/(x - y))",
        "sqrt(x)",
        "sqrt(sqrt(x))",
        "x^(1/3)",
        "x^3",
        "x^2",
        "(x - y)^(3/2)",
        // symbolic exponents, which add up on the input's domain
        "x^y",
        "x^(y - 1)",
        "(x^y)^2",
        "(x + y)^x",
        "(x + y)^(1 - x)",
        // sums that may take a coefficient in, or its sign (on their constant)
        "(1/(2*x) + 3)",
        "(x/2 - y)",
        "(x - y)",
        "(x + 4)",
        "(2*x + y)",
        // powers of reciprocals, which go under the fraction bar
        "(1/x)^y",
        "(1/(x + y))^(x - 1)",
      );
      const exponent = fc.constantFrom("1", "2", "3", "-1", "-2", "1/2", "-1/2", "1/3", "3/2");
      const product = fc.array(fc.tuple(base, exponent), { minLength: 1, maxLength: 5 });
      const coefficients = fc.constantFrom("1", "3", "-1", "(1/2)", "(-3)");
      fc.assert(
        fc.property(
          product,
          coefficients,
          fc.array(point, { minLength: 8, maxLength: 8 }),
          (factors, coefficient, points) => {
            const input = parseExpression(
              `${coefficient}*${factors.map(([b, e]) => `(${b})^(${e})`).join("*")}`,
              {
                theory,
              },
            );
            const output = converter.of(input);
            for (const p of points) {
              const a = evaluate(input, p, { theory });
              const b = evaluate(output, p, { theory });
              if (!Number.isFinite(a)) continue;
              expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
            }
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it("converts a sum 100,000 deep without recursion", () => {
    let t: Term = sym("x0");
    for (let i = 1; i <= 100_000; i++) t = app("+", [t, sym(i % 2 === 0 ? "a" : "b")]);
    expect(treeSize(humanForm(t, theory))).toBe(treeSize(t));
  });
});
