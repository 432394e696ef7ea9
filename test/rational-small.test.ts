import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZeroError } from "../src/errors.js";
import { Rational } from "../src/term/rational.js";

// Rational computes with plain numbers while numerator and denominator are safe integers and
// with bigints past that. These properties compare it with a reference written with bigints
// only, on values on both sides of 2^53 (where the two representations meet).

type Ref = { num: bigint; den: bigint };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function ref(num: bigint, den: bigint): Ref {
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g === 0n ? { num: 0n, den: 1n } : { num: num / g, den: den / g };
}

const LIMIT = 2n ** 53n;
/** Integers clustered around 0, around ±2^53 and well past it. */
const integer = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: LIMIT - 5000n, max: LIMIT + 5000n }),
  fc.bigInt({ min: -LIMIT - 5000n, max: -LIMIT + 5000n }),
  fc.bigInt({ min: -(2n ** 30n), max: 2n ** 30n }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
);
const positive = integer.map((n) => (n < 0n ? -n : n) + 1n);
const pair = fc.tuple(integer, positive);

function same(r: Rational, expected: Ref): void {
  expect(r.num).toBe(expected.num);
  expect(r.den).toBe(expected.den);
  expect(r.key).toBe(expected.den === 1n ? `${expected.num}` : `${expected.num}/${expected.den}`);
}

describe("Rational across the safe-integer boundary", () => {
  it("adds, subtracts, multiplies and divides exactly", () => {
    fc.assert(
      fc.property(pair, pair, ([an, ad], [bn, bd]) => {
        const a = Rational.of(an, ad);
        const b = Rational.of(bn, bd);
        same(a, ref(an, ad));
        same(a.add(b), ref(an * bd + bn * ad, ad * bd));
        same(a.sub(b), ref(an * bd - bn * ad, ad * bd));
        same(a.mul(b), ref(an * bn, ad * bd));
        if (bn !== 0n) same(a.div(b), ref(an * bd, ad * bn));
        else expect(() => a.div(b)).toThrow(DivisionByZeroError);
        same(a.neg(), ref(-an, ad));
      }),
    );
  });

  it("compares, tests signs and equality like the bigint reference", () => {
    fc.assert(
      fc.property(pair, pair, ([an, ad], [bn, bd]) => {
        const a = Rational.of(an, ad);
        const b = Rational.of(bn, bd);
        const left = an * bd;
        const right = bn * ad;
        expect(a.compare(b)).toBe(left < right ? -1 : left > right ? 1 : 0);
        expect(a.equals(b)).toBe(left === right);
        expect(a.sign()).toBe(an < 0n ? -1 : an > 0n ? 1 : 0);
        expect(a.isZero()).toBe(an === 0n);
        expect(a.isNegative()).toBe(an < 0n);
        expect(a.isPositive()).toBe(an > 0n);
        expect(a.isInteger()).toBe(an % ad === 0n);
        expect(a.isOne()).toBe(an === ad);
      }),
    );
  });

  it("keeps equal values equal whichever way they were made", () => {
    fc.assert(
      fc.property(integer, (n) => {
        // The same value through number and bigint paths: parsing, of, arithmetic.
        const direct = Rational.of(n);
        expect(Rational.parse(n.toString())!.equals(direct)).toBe(true);
        expect(direct.add(Rational.ONE).sub(Rational.ONE).equals(direct)).toBe(true);
        expect(direct.mul(Rational.TWO).div(Rational.TWO).equals(direct)).toBe(true);
        expect(Rational.of(n * 3n, 3n).key).toBe(direct.key);
        // Deeply equal too (tests compare rationals with toEqual), whatever was cached.
        const other = Rational.parse(n.toString())!.add(Rational.ZERO);
        void other.key;
        expect(other).toEqual(direct);
        expect(direct.add(Rational.ONE)).not.toEqual(direct);
      }),
    );
  });

  it("raises to integer powers exactly, within the size bound", () => {
    const base = fc.tuple(
      fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }),
      fc.bigInt({ min: 1n, max: 2n ** 20n }),
    );
    fc.assert(
      fc.property(base, fc.integer({ min: -12, max: 12 }), ([n, d], e) => {
        const r = Rational.of(n, d);
        if (n === 0n && e < 0) {
          expect(() => r.pow(Rational.of(e))).toThrow(DivisionByZeroError);
          return;
        }
        const m = BigInt(Math.abs(e));
        const expected = e >= 0 ? ref(r.num ** m, r.den ** m) : ref(r.den ** m, r.num ** m);
        same(r.pow(Rational.of(e))!, expected);
      }),
    );
    // The bound counts binary digits (a minus sign included) times the exponent.
    expect(Rational.of(3n).pow(Rational.of(2048n), 4096)).toBeDefined();
    expect(Rational.of(3n).pow(Rational.of(2049n), 4096)).toBeUndefined();
    expect(Rational.of(-3n).pow(Rational.of(1366n), 4096)).toBeUndefined();
    expect(Rational.ONE.pow(Rational.of(10n ** 30n))!.isOne()).toBe(true);
    expect(Rational.of(2n, 3n).pow(Rational.of(-3n))!.key).toBe("27/8");
  });

  it("takes the gcd of two rationals as gcd of numerators over lcm of denominators", () => {
    fc.assert(
      fc.property(pair, pair, ([an, ad], [bn, bd]) => {
        const a = Rational.of(an, ad);
        const b = Rational.of(bn, bd);
        const g = Rational.gcd(a, b);
        if (a.isZero() && b.isZero()) {
          expect(g.isZero()).toBe(true);
          return;
        }
        same(g, ref(gcd(a.num, b.num), (a.den / gcd(a.den, b.den)) * b.den));
        // Both are integer multiples of it.
        expect(a.div(g).isInteger()).toBe(true);
        expect(b.div(g).isInteger()).toBe(true);
      }),
    );
    expect(Rational.gcd(Rational.of(4n, 3n), Rational.of(-6n, 5n)).key).toBe("2/15");
  });

  it("converts to the nearest double on both sides of 2^53", () => {
    fc.assert(
      fc.property(pair, ([n, d]) => {
        const r = Rational.of(n, d);
        // Parts within double range: the quotient of the nearest doubles.
        expect(r.toNumber()).toBe(Number(r.num) / Number(r.den));
      }),
    );
  });

  it("never stores a negative zero", () => {
    const zero = Rational.of(-0).mul(Rational.of(-3));
    expect(Object.is(zero.toNumber(), 0)).toBe(true);
    expect(zero.key).toBe("0");
    expect(Rational.fromNumber(-0).equals(Rational.ZERO)).toBe(true);
    expect(Rational.parse("-0")!.key).toBe("0");
  });
});
