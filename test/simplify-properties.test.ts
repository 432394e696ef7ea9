import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { DivisionByZeroError, LimitError, UndefinedConstantError } from "../src/errors.js";
import { evaluate, evaluateExact } from "../src/eval/evaluate.js";
import { humanForm } from "../src/simplify/human-form.js";
import { type SimplifyOptions, simplify } from "../src/simplify/simplify.js";
import { printTerm } from "../src/syntax/print.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { postorder, treeSize } from "../src/term/traverse.js";
import { hasSmallPowers, termArbitrary } from "./support/arbitrary.js";
import { exactAt as exactAtIn } from "./support/exact.js";
import { sizeBound } from "./support/size-bound.js";

/**
 * The simplifier's laws: the result has the same value as the input wherever both are
 * defined, is never larger, is deterministic, and deep terms do not overflow the stack.
 */

const theory = defaultTheory();
const variables = ["x", "y", "z"];
const rationalOperators = ["+", "-", "*", "/", "neg"];
const allOperators = Object.keys(theory.operators).filter((op) => op !== "d");

const exactAt = (t: Term, env: Record<string, Rational>) => exactAtIn(t, env, theory);

/** Whether a subterm without variables divides by zero exactly (`1/0`, `0^-1`, `1/(2 - 2)`). */
function hasConstantDivisionByZero(t: Term): boolean {
  for (const s of postorder(t)) {
    if (s.kind !== "app" || postorder(s).some((u) => u.kind === "sym")) continue;
    try {
      evaluateExact(s, {}, { theory });
    } catch (error) {
      if (error instanceof DivisionByZeroError) return true;
    }
  }
  return false;
}

/**
 * `simplify(t)`, or `undefined` after checking why it threw a `DivisionByZeroError`: it must
 * when `t` has a constant division by zero, and may otherwise only when `t` is defined nowhere
 * (a divisor that cancels to 0, issue 11; a constant such as `log(0)`, an
 * `UndefinedConstantError`), which `undefinedAtSamples` then confirms.
 */
function simplified(
  t: Term,
  undefinedAtSamples: () => boolean,
  options: SimplifyOptions = {},
): Term | undefined {
  if (hasConstantDivisionByZero(t)) {
    expect(() => simplify(t, { theory, ...options })).toThrow(DivisionByZeroError);
    return undefined;
  }
  try {
    return simplify(t, { theory, ...options }).term;
  } catch (error) {
    if (!(error instanceof DivisionByZeroError || error instanceof UndefinedConstantError)) throw error;
    expect(undefinedAtSamples(), `refused as defined nowhere: ${printTerm(t, { theory })}`).toBe(true);
    return undefined;
  }
}

/** A rational point with small numerators and denominators. */
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

/** A float point away from the integers and from 0, where the functions are smooth. */
const floatPoint = fc.record(
  Object.fromEntries(variables.map((v) => [v, fc.double({ min: 0.1, max: 2.9, noNaN: true })])),
);

describe("simplify keeps the value", () => {
  it("exactly, for rational functions at rational points where both are defined", () => {
    const terms = termArbitrary({
      operators: [...rationalOperators, "^"],
      maxDepth: 4,
      numbers: "integers",
    }).filter((t) => hasSmallPowers(t, 4));
    fc.assert(
      fc.property(terms, fc.array(rationalPoint, { minLength: 3, maxLength: 3 }), (t, points) => {
        const result = simplified(t, () => points.every((p) => exactAt(t, p) === undefined));
        if (result === undefined) return;
        expect(treeSize(result)).toBeLessThanOrEqual(sizeBound(t, { theory }));
        for (const point of points) {
          const before = exactAt(t, point);
          const after = exactAt(result, point);
          if (before !== undefined && after !== undefined) expect(after.key).toBe(before.key);
          // Simplifying may make a value defined (x - x is 0 everywhere), never undefined.
          if (before !== undefined) expect(after).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("numerically, for terms over every operator at points where both are defined", () => {
    fc.assert(
      fc.property(termArbitrary({ theory, operators: allOperators, maxDepth: 3 }), floatPoint, (t, point) => {
        const result = simplified(t, () => !Number.isFinite(evaluate(t, point, { theory })));
        if (result === undefined) return;
        expect(treeSize(result)).toBeLessThanOrEqual(sizeBound(t, { theory }));
        const before = evaluate(t, point, { theory });
        const after = evaluate(result, point, { theory });
        if (!Number.isFinite(before) || !Number.isFinite(after) || Math.abs(before) > 1e6) return;
        // Loose: floating point can be far off on exact values (cbrt(cos(asin(1))) is 3.9e-6,
        // not 0), and simplifying may compute the exact value; a wrong rule is off by far more.
        expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(before)));
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(termArbitrary({ theory, operators: allOperators, maxDepth: 3 }), (t) => {
        const result = simplified(t, () => true);
        if (result !== undefined) expect(simplify(t, { theory }).term).toBe(result);
      }),
      { numRuns: 100 },
    );
  });
});

describe("simplify under the strict domain keeps divisors that may be 0", () => {
  it("u*((x - c)/(x - c)) stays undefined at x = c unless u is 0 (0*a = 0 is allowed)", () => {
    const u = termArbitrary({
      operators: [...rationalOperators, "^"],
      maxDepth: 3,
      numbers: "integers",
    }).filter(
      (t) =>
        !hasConstantDivisionByZero(t) &&
        postorder(t).every(
          (s) =>
            s.kind !== "app" ||
            s.op !== "^" ||
            (s.args[1]!.kind === "num" && Math.abs(s.args[1]!.value.toNumber()) <= 3),
        ),
    );
    const c = fc
      .tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 }))
      .map(([p, q]) => Rational.of(p, q));
    fc.assert(
      fc.property(u, c, rationalPoint, (t, root, point) => {
        const divisor = app("-", [sym("x"), num(root)]);
        const input = app("*", [t, app("/", [divisor, divisor])]);
        const result = simplified(input, () => exactAt(input, point) === undefined, { strictDomain: true });
        if (result === undefined) return;
        // 0*a = 0 may drop the divisor when u is 0 wherever it is defined (u = 1 - x/x).
        const shifts = [0, 1, 7 / 3].map((d) => root.add(Rational.of(Math.round(d * 3), 3)));
        const zeroWhereDefined = shifts.every((x) => {
          const value = exactAt(t, { ...point, x });
          return value === undefined || value.isZero();
        });
        if (zeroWhereDefined) return;
        expect(exactAt(result, { ...point, x: root })).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe("human form", () => {
  it("is idempotent and keeps exact values", () => {
    // sqrt and sin too: sqrt(a) and a^(1/2) are one spelling, and functions are factors.
    const terms = termArbitrary({
      operators: [...rationalOperators, "^", "sqrt", "sin"],
      maxDepth: 4,
      numbers: "rationals",
    }).filter((t) =>
      postorder(t).every((s) => s.kind !== "app" || s.op !== "^" || s.args[1]!.kind === "num"),
    );
    fc.assert(
      fc.property(terms, rationalPoint, (t, point) => {
        const h = humanForm(t, theory);
        expect(humanForm(h, theory)).toBe(h);
        const before = exactAt(t, point);
        const after = exactAt(h, point);
        if (before !== undefined && after !== undefined) expect(after.key).toBe(before.key);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("deep terms", () => {
  const depth = 100_000;
  const x = sym("x");
  const chain = (wrap: (t: Term, i: number) => Term): Term => {
    let t: Term = x;
    for (let i = 0; i < depth; i++) t = wrap(t, i);
    return t;
  };

  it.each([
    ["nested sin", () => chain((t) => app("sin", [t])), (r: Term) => expect(treeSize(r)).toBe(depth + 1)],
    [
      "a long sum",
      () => chain((t) => app("+", [x, t])),
      (r: Term) => expect(r).toBe(app("*", [num(depth + 1), x])),
    ],
    ["nested negation", () => chain((t) => app("neg", [t])), (r: Term) => expect(r).toBe(x)],
    [
      "a product with ones",
      () => chain((t, i) => app("*", [i % 2 === 0 ? num(1) : x, t])),
      (r: Term) => expect(r).toBe(app("^", [x, num(depth / 2 + 1)])),
    ],
  ])("simplifies %s 100,000 deep without overflowing the stack", (_name, build, check) => {
    const input = build();
    try {
      check(simplify(input, { theory }).term);
    } catch (error) {
      expect(error).toBeInstanceOf(LimitError);
    }
  });
});
