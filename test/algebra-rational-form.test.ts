import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rationalForms, type WrittenForms } from "../src/algebra/rational-form.js";
import { defaultTheory } from "../src/default-theory.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { hasSmallPowers, termArbitrary } from "./support/arbitrary.js";
import { exactAt as exactAtIn } from "./support/exact.js";

/**
 * The rational normal form (src/algebra/rational-form.ts): numerators and denominators with
 * their common factors cancelled. Its forms equal the input wherever the input is defined.
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });
const show = (t: Term) => printTerm(t, { format: "infix", theory });

const exactAt = (t: Term, env: Record<string, Rational>) => exactAtIn(t, env, theory);

const variables = ["x", "y", "z"];
const rationalPoint = fc.record(
  Object.fromEntries(
    variables.map((v) => [
      v,
      fc
        .tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: 1, max: 5 }))
        .map(([p, q]) => Rational.of(p, q)),
    ]),
  ),
);

/** Each of `forms` equals `t` at the points where `t` is defined and not near a pole. */
function expectEqualWhereDefined(
  t: Term,
  forms: WrittenForms,
  points: readonly Record<string, number>[],
): void {
  for (const env of points) {
    const before = evaluate(t, env, { theory });
    // Near a pole (|value| large) floating point cannot compare two spellings: skip it.
    if (!Number.isFinite(before) || Math.abs(before) > 1e4) continue;
    for (const form of [forms.factored, forms.expanded, forms.mixed]) {
      if (form === undefined) continue;
      const after = evaluate(form, env, { theory });
      expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(before)));
    }
  }
}

describe("rational forms", () => {
  it.each([
    ["x/x", "1", "1", ["x"]],
    ["(x*y)/(y*x)", "1", "1", ["y", "x"]],
    ["1/(1/x)", "x", "x", ["x"]],
    ["(1 + 1/x)*x", "x + 1", "x + 1", ["x"]],
    ["(x^2 - 1)/(x - 1)", "x + 1", "x + 1", ["x - 1"]],
    ["450*(x + 2)^2/(x + 2)", "450*(x + 2)", "450*x + 900", ["x + 2"]],
    ["(x - 1)/(x^2 - 1) + 1/(x + 1)", "2/(x + 1)", "2/(x + 1)", ["x^2 - 1"]],
    ["x^(3/2)/x^(1/2)", "x", "x", ["x^(1/2)"]],
    ["sin((x^2 - 1)/(x - 1))/x", "sin(x + 1)/x", "sin(x + 1)/x", ["x - 1"]],
  ])("%s: factored %s, expanded %s, cancelling %j", (input, factored, expanded, cancelled) => {
    const forms = rationalForms(parse(input))!;
    expect(show(forms.factored)).toBe(factored);
    expect(show(forms.expanded)).toBe(expanded);
    expect(forms.cancelled.map(show)).toEqual(cancelled);
  });

  it("leaves polynomials (no division) to the canonical forms", () => {
    expect(rationalForms(parse("(x + 1)^2 - x"))).toBeUndefined();
  });

  it("has no form for a term undefined everywhere, nor past its budget", () => {
    expect(rationalForms(parse("1/(x - x)"))).toBeUndefined();
    expect(rationalForms(parse("(x + y + 1)^40/(x - 1)"), { budget: 1000 })).toBeUndefined();
  });

  it("cancels only provably nonzero factors when divisors may not cancel", () => {
    expect(rationalForms(parse("x/x"), { cancelDivisors: false })).toBeUndefined();
    expect(rationalForms(parse("1/(1/x)"), { cancelDivisors: false })).toBeUndefined();
    const nonzero = (t: Term) => t.kind === "app" && t.op === "exp";
    const forms = rationalForms(parse("x*exp(y)/exp(y)"), { cancelDivisors: false, isNonzero: nonzero });
    expect(show(forms!.expanded)).toBe("x");
    // Constants always cancel: they are in the coefficient, not a factor.
    expect(show(rationalForms(parse("(2*x + 2)/4"), { cancelDivisors: false })!.factored)).toBe("(x + 1)/2");
  });

  it("equals the input at random rational points where the input is defined", () => {
    const terms = termArbitrary({
      theory,
      operators: ["+", "-", "*", "/", "neg", "^"],
      maxDepth: 4,
      numbers: "integers",
    }).filter((t) => hasSmallPowers(t, 3, true));
    fc.assert(
      fc.property(terms, fc.array(rationalPoint, { minLength: 3, maxLength: 3 }), (t, points) => {
        const forms = rationalForms(t);
        if (forms === undefined) return;
        for (const point of points) {
          const before = exactAt(t, point);
          if (before === undefined) continue;
          for (const form of [forms.factored, forms.expanded, forms.mixed]) {
            if (form === undefined) continue;
            expect(exactAt(form, point)?.key).toBe(before.key);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("equals the input at random points with functions and roots as atoms", () => {
    const terms = termArbitrary({
      theory,
      operators: ["+", "-", "*", "/", "sin", "exp", "sqrt"],
      variables: ["x", "y"],
      maxDepth: 4,
      numbers: "integers",
    });
    const point = fc.record({ x: fc.double({ min: 0.1, max: 3 }), y: fc.double({ min: 0.1, max: 3 }) });
    fc.assert(
      fc.property(terms, point, (t, env) => {
        const forms = rationalForms(app("*", [t, app("/", [sym("x"), app("+", [sym("x"), num(1)])])]));
        if (forms === undefined) return;
        const before = evaluate(app("*", [t, app("/", [sym("x"), app("+", [sym("x"), num(1)])])]), env, {
          theory,
        });
        // Near a pole (|value| large) floating point cannot compare two spellings: skip it.
        if (!Number.isFinite(before) || Math.abs(before) > 1e4) return;
        for (const form of [forms.factored, forms.expanded]) {
          const after = evaluate(form, env, { theory });
          expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(before)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["y/(x^3*(y/x^2)^(1/2))", "(y/x^2)^(1/2)/x"],
    ["x/x^(1/2)", "x^(1/2)"],
    ["(x + 1)/sqrt(x + 1)", "sqrt(x + 1)"],
    ["y/(x^2*(x*y)^(1/2))", "(x*y)^(1/2)/x^3"],
  ])("reduces powers of roots by their radicands: %s is %s", (input, reduced) => {
    expect(show(rationalForms(parse(input))!.reduced!.factored)).toBe(reduced);
  });

  it("keeps roots whose reduction is no smaller, and all of them on a strict domain", () => {
    expect(rationalForms(parse("1/(x*sqrt(x^2 + 1))"))!.reduced).toBeUndefined();
    expect(rationalForms(parse("x/x^(1/2)"), { cancelDivisors: false })?.reduced).toBeUndefined();
  });

  it("reduces roots to forms equal to the input wherever the input is defined", () => {
    const parts = termArbitrary({
      theory,
      operators: ["+", "-", "*", "/", "sqrt"],
      variables: ["x", "y"],
      maxDepth: 2,
      numbers: "integers",
    });
    const root = fc.record({
      radicand: parts,
      power: fc.integer({ min: -4, max: 4 }).filter((n) => n !== 0),
      degree: fc.constantFrom(2, 3),
    });
    const coordinate = fc.integer({ min: -3000, max: 3000 }).map((n) => n / 1000);
    const point = fc.record({ x: coordinate, y: coordinate });
    fc.assert(
      fc.property(parts, parts, root, fc.array(point, { minLength: 6, maxLength: 6 }), (a, b, r, points) => {
        const power = app("^", [r.radicand, num(Rational.of(BigInt(r.power), BigInt(r.degree)))]);
        const t = app("/", [app("*", [a, power]), b]);
        const reduced = rationalForms(t)?.reduced;
        if (reduced === undefined) return;
        expectEqualWhereDefined(t, reduced, points);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ["(1 - cos(x)^2)/sin(x)", "sin(x)"],
    ["1/((cos(x) + sin(x))^2 + 1)", "1/(2*(cos(x)*sin(x) + 1))"],
    ["(sin(y)^2 + cos(y)^2)/x", "1/x"],
  ])("knows sin(u)^2 + cos(u)^2 = 1 in its factors: %s is %s", (input, reduced) => {
    expect(show(rationalForms(parse(input))!.reduced!.factored)).toBe(reduced);
  });

  it("leaves a divisor the identity makes 0 to the other forms", () => {
    const forms = rationalForms(parse("1/(sin(x)^2 + cos(x)^2 - 1)"));
    expect(forms?.reduced).toBeUndefined();
  });

  it("applies sin(u)^2 + cos(u)^2 = 1 keeping the value wherever the input is defined", () => {
    const parts = termArbitrary({
      theory,
      operators: ["+", "-", "*", "/", "sin", "cos"],
      variables: ["x", "y"],
      maxDepth: 3,
      numbers: "integers",
    });
    const square = (t: Term) => app("^", [t, num(2)]);
    // Thousandths: no subnormal numbers, whose products underflow differently in each form.
    const coordinate = fc.integer({ min: -3000, max: 3000 }).map((n) => n / 1000);
    const point = fc.record({ x: coordinate, y: coordinate });
    let reducedCount = 0;
    fc.assert(
      fc.property(parts, parts, parts, fc.array(point, { minLength: 4, maxLength: 4 }), (a, b, c, points) => {
        // a*(sin(u)^2 + cos(u)^2) + b over c, multiplied out, so the identity has work.
        const u = app("+", [sym("x"), sym("y")]);
        const one = app("+", [square(app("sin", [u])), square(app("cos", [u]))]);
        const t = app("/", [app("+", [app("*", [a, one]), b]), c]);
        const reduced = rationalForms(t)?.reduced;
        if (reduced === undefined) return;
        reducedCount++;
        expectEqualWhereDefined(t, reduced, points);
      }),
      { numRuns: 300 },
    );
    expect(reducedCount).toBeGreaterThan(100);
  });
});
