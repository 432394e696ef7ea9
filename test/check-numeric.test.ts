import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { numericDerivative } from "../src/check/numeric-derivative.js";
import { numericValue } from "../src/check/numeric-value.js";
import { agree, DEFAULT_TOLERANCE } from "../src/check/tolerance.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, sym, type Term } from "../src/term/term.js";
import { baseTheory, extend } from "../src/theory.js";

const theory = baseTheory;
const parse = (text: string): Term => parseSExpr(text, { theory });

describe("numericDerivative", () => {
  test("agrees with known derivatives at random points", () => {
    const cases: [string, (t: number) => number, (t: number) => number][] = [
      ["sin", Math.sin, Math.cos],
      ["exp", Math.exp, Math.exp],
      ["cube", (t) => t * t * t, (t) => 3 * t * t],
      ["sin of a square", (t) => Math.sin(t * t), (t) => 2 * t * Math.cos(t * t)],
    ];
    for (const [, f, derivative] of cases) {
      fc.assert(
        fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (x) => {
          const estimate = numericDerivative(f, x);
          expect(estimate).toBeDefined();
          const exact = derivative(x);
          expect(Math.abs(estimate!.value - exact)).toBeLessThan(1e-7 * Math.max(1, Math.abs(exact)));
        }),
        { numRuns: 50 },
      );
    }
  });

  test("works close to the edge of the domain by taking smaller steps", () => {
    // log at 0.05: the first step (0.1) would leave the domain.
    const estimate = numericDerivative(Math.log, 0.05);
    expect(estimate?.value).toBeCloseTo(20, 6);
  });

  test("gives up at the edge of the domain, at a kink and at a pole", () => {
    expect(numericDerivative(Math.sqrt, 0)).toBeUndefined(); // undefined left of 0
    expect(numericDerivative(Math.abs, 0)).toBeUndefined(); // one-sided slopes -1 and 1
    expect(numericDerivative((t) => 1 / t, 0)).toBeUndefined(); // not defined at the point
    expect(numericDerivative(Math.log, -1)).toBeUndefined();
  });
});

describe("numericValue", () => {
  test("evaluates a defined term and records the largest magnitude met", () => {
    const outcome = numericValue(parse("(- (* x 1000) (* x 1000))"), { x: 3 }, { theory });
    expect(outcome).toEqual({ kind: "value", value: 0, scale: 3000, approximate: false });
  });

  test("says undefined outside an operator's domain and at poles", () => {
    expect(numericValue(parse("(log x)"), { x: -1 }, { theory }).kind).toBe("undefined");
    expect(numericValue(parse("(/ 1 x)"), { x: 0 }, { theory }).kind).toBe("undefined");
    expect(numericValue(parse("(log x)"), { x: 0 }, { theory }).kind).toBe("undefined");
    expect(numericValue(parse("(sqrt x)"), { x: -4 }, { theory }).kind).toBe("undefined");
    // An undefined part makes the whole undefined, even where IEEE pow says NaN^0 = 1.
    expect(numericValue(parse("(^ (log x) 0)"), { x: -1 }, { theory }).kind).toBe("undefined");
  });

  test("calls overflow and underflow unreliable rather than undefined", () => {
    expect(numericValue(parse("(exp (exp x))"), { x: 10 }, { theory }).kind).toBe("unreliable");
    // exp(-800) underflows to 0, and log(0) would then look like a pole.
    expect(numericValue(parse("(log (exp x))"), { x: -800 }, { theory }).kind).toBe("unreliable");
    // log 1 is exactly 0 and is not an underflow.
    expect(numericValue(parse("(log x)"), { x: 1 }, { theory })).toMatchObject({ kind: "value", value: 0 });
  });

  test("evaluates a derivative as the numeric derivative of its argument", () => {
    const outcome = numericValue(parse("(* 2 (d x (sin (* x y))))"), { x: 0.3, y: 2 }, { theory });
    expect(outcome.kind).toBe("value");
    if (outcome.kind !== "value") return;
    expect(outcome.approximate).toBe(true);
    expect(outcome.value).toBeCloseTo(2 * 2 * Math.cos(0.6), 8);
    // Undefined where the function is; unreliable where it has no two-sided derivative.
    expect(numericValue(parse("(d x (log x))"), { x: -1 }, { theory }).kind).toBe("undefined");
    expect(numericValue(parse("(d x (sqrt x))"), { x: 0 }, { theory }).kind).toBe("unreliable");
  });

  test("reports terms it can never evaluate", () => {
    const withIntegral = extend(theory, (draft) => {
      draft.operators.i = { name: "i", arity: 2, syntax: { kind: "call", name: "i" } };
    });
    const integral = app("i", [sym("x"), sym("x")]);
    expect(numericValue(integral, { x: 1 }, { theory: withIntegral })).toMatchObject({ kind: "unevaluable" });
    expect(numericValue(parse("(+ x z)"), { x: 1 }, { theory })).toMatchObject({ kind: "unevaluable" });
  });

  test("handles a term nested 100,000 deep without recursion", () => {
    let term: Term = sym("x");
    for (let i = 0; i < 100_000; i++) term = app("neg", [term]);
    expect(numericValue(term, { x: 2 }, { theory })).toMatchObject({ kind: "value", value: 2 });
  });
});

describe("agree", () => {
  const value = (v: number, scale = Math.abs(v), approximate = false) => ({
    kind: "value" as const,
    value: v,
    scale,
    approximate,
  });

  test("allows rounding errors of the size of the largest intermediate value", () => {
    // a*b - a*c against a*(b - c): cancellation leaves an error of about eps * a*b.
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (a, b) => {
          const c = b * (1 + 1e-12);
          const left = numericValue(parse("(- (* a b) (* a c))"), { a, b, c }, { theory });
          const right = numericValue(parse("(* a (- b c))"), { a, b, c }, { theory });
          if (left.kind !== "value" || right.kind !== "value") return;
          expect(agree(left, right, DEFAULT_TOLERANCE)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  test("rejects real differences, more loosely for numeric derivatives", () => {
    expect(agree(value(1), value(1.001), DEFAULT_TOLERANCE)).toBe(false);
    expect(agree(value(1), value(1 + 1e-7), DEFAULT_TOLERANCE)).toBe(false);
    expect(agree(value(1, 1, true), value(1 + 1e-7), DEFAULT_TOLERANCE)).toBe(true);
    expect(agree(value(1, 1, true), value(1.001), DEFAULT_TOLERANCE)).toBe(false);
  });
});
