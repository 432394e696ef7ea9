import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonomial,
  compareMonomials,
  content,
  type Factor,
  factorOf,
  type Monomial,
  monomialOf,
  multiplyMonomials,
  multiplyOut,
  Poly,
} from "../src/simplify/polynomial.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";

// Bases: variables, a function application, and the number 2 (whose half powers stay factors).
const bases: Term[] = ["a", "b", "c", "d", "e", "f"].map((name) => sym(`poly_${name}`));
bases.push(app("sin", [bases[0]!]), num(2));
const exponents = [-2, -1, 1, 2, 3]
  .map((n) => Rational.of(n))
  .concat([Rational.of(1, 2), Rational.of(-3, 2)]);

const factorArbitrary: fc.Arbitrary<Factor> = fc
  .tuple(fc.integer({ min: 0, max: bases.length - 1 }), fc.integer({ min: 0, max: exponents.length - 1 }))
  .map(([b, e]) => factorOf(bases[b]!, exponents[e]!));
const coefficientArbitrary = fc
  .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .filter(([n]) => n !== 0)
  .map(([n, d]) => Rational.of(n, d));
const monomialArbitrary: fc.Arbitrary<Monomial> = fc
  .tuple(coefficientArbitrary, fc.array(factorArbitrary, { maxLength: 4 }))
  .map(([c, factors]) => monomialOf(c, factors));

/** The value of a monomial where base `i` is `values[i]` (numbers are their own value). */
function evaluateMonomial(m: Monomial, values: readonly number[]): number {
  let v = m.coef.toNumber();
  for (const f of m.factors) {
    const i = bases.indexOf(f.base);
    v *= (f.base.kind === "num" ? f.base.value.toNumber() : values[i]!) ** f.exp.toNumber();
  }
  return v;
}

function evaluate(p: Poly, values: readonly number[]): number {
  let sum = 0;
  for (const m of p.monomials) sum += evaluateMonomial(m, values);
  return sum;
}

/** Positive values, so that every power of every base is defined. */
const pointArbitrary = fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), {
  minLength: bases.length,
  maxLength: bases.length,
});

describe("polynomials", () => {
  it("collect like monomials in first-added order, as a map keyed by the factors would", () => {
    // Enough distinct monomials to pass the size where lookups switch to a hash index, each
    // with its negation so that monomials also cancel and come back.
    const pool = fc
      .array(monomialArbitrary, { minLength: 1, maxLength: 60 })
      .map((ms) => ms.flatMap((m) => [m, m.withCoef(m.coef.neg())]));
    fc.assert(
      fc.property(pool, fc.array(fc.nat(), { minLength: 100, maxLength: 400 }), (monomials, picks) => {
        const p = new Poly();
        const reference = new Map<string, Rational>();
        for (const pick of picks) {
          const m = monomials[pick % monomials.length]!;
          addMonomial(p, m);
          const sum = (reference.get(m.key) ?? Rational.ZERO).add(m.coef);
          if (sum.isZero()) reference.delete(m.key);
          else reference.set(m.key, sum);
        }
        expect(p.size).toBe(reference.size);
        expect(p.monomials.map((m) => [m.key, m.coef.key])).toEqual(
          [...reference].map(([key, coef]) => [key, coef.key]),
        );
      }),
    );
  });

  it("find like terms by their factors: equal keys exactly when sameFactors", () => {
    fc.assert(
      fc.property(monomialArbitrary, monomialArbitrary, (m, n) => {
        expect(m.sameFactors(n)).toBe(m.key === n.key);
        if (m.key === n.key) expect(m.hash).toBe(n.hash);
      }),
    );
    // Exponents close enough to share a hash.
    const x = bases[0]!;
    const m = monomialOf(Rational.ONE, [factorOf(x, Rational.of(1, 200))]);
    const n = monomialOf(Rational.ONE, [factorOf(x, Rational.of(1, 201))]);
    expect(m.sameFactors(n)).toBe(false);
  });

  it("order monomials as their keys' text does, without writing the keys", () => {
    // Bases whose ids cross a power of ten, so that one id's digits can begin another's (12, 123).
    const first = sym("order_0").id;
    const power = 10 ** String(first).length;
    const many: Term[] = [];
    for (let i = 1; many.length === 0 || many[many.length - 1]!.id < power + 50; i++)
      many.push(sym(`order_${i}`));
    const picks = [...many.slice(0, 30), ...many.filter((t) => t.id >= power - 5 && t.id <= power + 40)];
    const wideFactor = fc
      .tuple(fc.integer({ min: 0, max: picks.length - 1 }), fc.integer({ min: 0, max: exponents.length - 1 }))
      .map(([b, e]) => factorOf(picks[b]!, exponents[e]!));
    const wideMonomial = fc
      .array(wideFactor, { maxLength: 4 })
      .map((factors) => monomialOf(Rational.ONE, factors));
    fc.assert(
      fc.property(
        fc.oneof(wideMonomial, monomialArbitrary),
        fc.oneof(wideMonomial, monomialArbitrary),
        (m, n) => {
          const text = m.key < n.key ? -1 : m.key > n.key ? 1 : 0;
          expect(Math.sign(compareMonomials(m, n))).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("multiply monomials as the monomial of all their factors, reporting the same cancelled divisors", () => {
    fc.assert(
      fc.property(monomialArbitrary, monomialArbitrary, (m, n) => {
        const cancelled: Term[] = [];
        const product = multiplyMonomials(m, n, cancelled);
        const expectedCancelled: Term[] = [];
        const expected = monomialOf(m.coef.mul(n.coef), [...m.factors, ...n.factors], expectedCancelled);
        expect(product.key).toBe(expected.key);
        expect(product.coef.equals(expected.coef)).toBe(true);
        expect(cancelled).toEqual(expectedCancelled);
      }),
    );
  });

  it("multiply out to a polynomial with the value of the product", () => {
    const polyArbitrary = fc.array(monomialArbitrary, { maxLength: 8 }).map((ms) => {
      const p = new Poly();
      for (const m of ms) addMonomial(p, m);
      return p;
    });
    fc.assert(
      fc.property(polyArbitrary, polyArbitrary, pointArbitrary, (p, q, point) => {
        const product = multiplyOut(p, q, 1000)!;
        const expected = evaluate(p, point) * evaluate(q, point);
        expect(evaluate(product, point)).toBeCloseTo(expected, 6);
        // No two monomials of the product are alike.
        const keys = product.monomials.map((m) => m.key);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it("refuse to multiply out past the budget", () => {
    const p = new Poly();
    for (let i = 0; i < 6; i++) addMonomial(p, monomialOf(Rational.ONE, [factorOf(bases[i]!, Rational.ONE)]));
    expect(multiplyOut(p, p, 35)).toBeUndefined();
    expect(multiplyOut(p, p, 36)!.size).toBe(21);
  });

  it("fold numbers whose power is rational into the coefficient", () => {
    const two = num(2);
    const m = monomialOf(Rational.of(3), [
      factorOf(two, Rational.of(1, 2)),
      factorOf(two, Rational.of(3, 2)),
    ]);
    expect(m.coef.key).toBe("12");
    expect(m.factors).toEqual([]);
    const cancelled: Term[] = [];
    const x = bases[0]!;
    const one = monomialOf(
      Rational.ONE,
      [factorOf(x, Rational.of(2)), factorOf(x, Rational.MINUS_ONE)],
      cancelled,
    );
    expect(one.factors.map((f) => f.exp.key)).toEqual(["1"]);
    expect(cancelled).toEqual([x]);
  });

  it("take the content as the largest rational dividing every coefficient to an integer", () => {
    fc.assert(
      fc.property(fc.array(monomialArbitrary, { minLength: 1, maxLength: 8 }), (ms) => {
        const p = new Poly();
        for (const m of ms) addMonomial(p, m);
        const k = content(p);
        expect(k.isPositive()).toBe(true);
        const quotients = p.monomials.map((m) => m.coef.div(k));
        for (const q of quotients) expect(q.isInteger()).toBe(true);
        // Largest: the quotients share no factor.
        let g = Rational.ZERO;
        for (const q of quotients) g = Rational.gcd(g, q);
        if (p.size > 0) expect(g.isOne()).toBe(true);
      }),
    );
  });
});
