import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gcd, gcdWithCofactors, primitivePartIn, pseudoRemainder } from "../src/algebra/gcd.js";
import {
  add,
  constantPoly,
  degreeIn,
  divideExact,
  equalPolys,
  type IntPoly,
  isConstant,
  isZero,
  multiply,
  type PolyTerm,
  power,
  subtract,
  variablePoly,
  withBudget,
} from "../src/algebra/int-poly.js";

/** A polynomial from `[coef, exponents of x0, x1, x2]` rows. */
function poly(rows: readonly (readonly [number, ...number[]])[]): IntPoly {
  let p: IntPoly = [];
  for (const [c, ...exps] of rows) {
    let t: IntPoly = constantPoly(BigInt(c));
    exps.forEach((e, v) => {
      if (e > 0) t = multiply(t, variablePoly(v, e));
    });
    p = add(p, t);
  }
  return p;
}

const x = variablePoly(0);
const y = variablePoly(1);
const one = constantPoly(1n);

const termArbitrary = fc.tuple(
  fc.integer({ min: -5, max: 5 }),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: 2 }),
  fc.integer({ min: 0, max: 1 }),
);
const polyArbitrary = (maxTerms: number) =>
  fc.array(termArbitrary, { minLength: 1, maxLength: maxTerms }).map((rows) => poly(rows));
const nonzeroPoly = (maxTerms: number) => polyArbitrary(maxTerms).filter((p) => !isZero(p));

/**
 * A slow reference: Euclid's algorithm with primitive remainders (the primitive PRS) over the
 * first variable only, for polynomials in x0 alone, compared up to a constant.
 */
function referenceGcdInX(a: IntPoly, b: IntPoly): IntPoly {
  let u = a;
  let w = b;
  if (degreeIn(u, 0) < degreeIn(w, 0)) [u, w] = [w, u];
  while (!isZero(w)) {
    const r = pseudoRemainder(u, w, 0);
    u = w;
    w = isZero(r) ? r : primitivePartIn(r, 0);
  }
  return primitivePartIn(u, 0);
}

describe("multivariate gcd (subresultant PRS)", () => {
  it("finds the common factor of textbook examples", () => {
    const xm1 = subtract(x, one);
    expect(equalPolys(gcd(subtract(power(x, 2), one), power(xm1, 2)), xm1)).toBe(true);
    // gcd((x + y)^2 (x - y), (x + y)(x^2 + 1)) = x + y
    const s = add(x, y);
    const a = multiply(power(s, 2), subtract(x, y));
    const b = multiply(s, add(power(x, 2), one));
    expect(equalPolys(gcd(a, b), s)).toBe(true);
    // Contents combine: gcd(6x + 6, 4x^2 - 4) = 2x + 2.
    expect(equalPolys(gcd(poly([[6, 1], [6]]), poly([[4, 2], [-4]])), poly([[2, 1], [2]]))).toBe(true);
    expect(equalPolys(gcd(x, y), one)).toBe(true);
    expect(equalPolys(gcd([], multiply(constantPoly(-1n), x)), x)).toBe(true);
  });

  it("gcd(a*g, b*g) is divisible by g", () => {
    fc.assert(
      fc.property(nonzeroPoly(3), nonzeroPoly(3), nonzeroPoly(3), (a, b, g) => {
        const h = gcd(multiply(a, g), multiply(b, g));
        // Z[x0, x1, x2] has unique factorisation: g divides the gcd exactly (up to sign).
        expect(divideExact(h, g)).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });

  it("divides both arguments, and the cofactors are coprime", () => {
    fc.assert(
      fc.property(nonzeroPoly(4), nonzeroPoly(4), nonzeroPoly(2), (a, b, g) => {
        const [h, aBar, bBar] = gcdWithCofactors(multiply(a, g), multiply(b, g));
        expect(equalPolys(multiply(h, aBar), multiply(a, g))).toBe(true);
        expect(equalPolys(multiply(h, bBar), multiply(b, g))).toBe(true);
        expect(isConstant(gcd(aBar, bBar))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("agrees with a slow reference (Euclid with primitive remainders) on polynomials in one variable", () => {
    const univariate = fc
      .array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 0, max: 5 })), {
        minLength: 1,
        maxLength: 5,
      })
      .map((rows) => poly(rows))
      .filter((p) => !isConstant(p));
    fc.assert(
      fc.property(univariate, univariate, univariate, (a, b, g) => {
        const left = multiply(a, g);
        const right = multiply(b, g);
        const fast = primitivePartIn(gcd(left, right), 0);
        const slow = referenceGcdInX(left, right);
        expect(equalPolys(fast, slow)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("is symmetric and is 1 for coprime polynomials in several variables", () => {
    fc.assert(
      fc.property(nonzeroPoly(4), nonzeroPoly(4), (a, b) => {
        expect(equalPolys(gcd(a, b), gcd(b, a))).toBe(true);
      }),
      { numRuns: 100 },
    );
    const z = variablePoly(2);
    expect(equalPolys(gcd(add(multiply(x, y), z), add(x, z)), one)).toBe(true);
  });

  it("stops within its work budget instead of running on", () => {
    const big = power(add(add(x, y), one), 12);
    expect(withBudget(50, () => gcd(big, add(power(big, 1), one)))).toBeUndefined();
    const terms: PolyTerm[] = [...big];
    expect(terms.length).toBeGreaterThan(50);
  });

  it("stops at a coefficient past 8,192 bits, which the term count alone does not bound (seed 14, #32883)", () => {
    // (u + 1e9999)^100 has 101 terms but a coefficient of a million digits.
    const huge = add(x, constantPoly(10n ** 9999n));
    expect(withBudget(1_000_000, () => power(huge, 100))).toBeUndefined();
    // Below the limit the same computation goes through, exactly.
    const fits = withBudget(1_000_000, () => power(add(x, constantPoly(10n ** 20n)), 100));
    expect(fits?.length).toBe(101);
    expect(fits?.[fits.length - 1]?.coef).toBe(10n ** 2000n);
  });
});
