import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZeroError } from "../src/errors.js";
import { Rational } from "../src/term/rational.js";

const small = fc.integer({ min: -1000, max: 1000 });
const rational = fc
  .tuple(small, fc.integer({ min: 1, max: 1000 }))
  .map(([n, d]) => Rational.of(BigInt(n), BigInt(d)));

describe("Rational", () => {
  it("reads decimals and fractions exactly", () => {
    expect(Rational.parse("0.5")!.toString()).toBe("1/2");
    expect(Rational.parse("1/3")!.add(Rational.parse("1/3")!).toString()).toBe("2/3");
    expect(Rational.parse("2.5e-3")!.toString()).toBe("1/400");
    expect(Rational.parse("-6/4")!.toString()).toBe("-3/2");
    expect(Rational.parse("x")).toBeUndefined();
  });

  it("keeps 0.1 + 0.2 exact", () => {
    expect(Rational.parse("0.1")!.add(Rational.parse("0.2")!).equals(Rational.parse("0.3")!)).toBe(true);
  });

  it("raises DivisionByZeroError for a zero divisor", () => {
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(DivisionByZeroError);
    expect(() => Rational.ZERO.pow(Rational.MINUS_ONE)).toThrow(DivisionByZeroError);
  });

  it("takes exact roots and refuses irrational ones", () => {
    expect(Rational.of(4n, 9n).pow(Rational.of(1n, 2n))!.toString()).toBe("2/3");
    expect(Rational.of(8n).pow(Rational.of(-2n, 3n))!.toString()).toBe("1/4");
    expect(Rational.of(2n).pow(Rational.of(1n, 2n))).toBeUndefined();
  });

  it("obeys the field laws", () => {
    fc.assert(
      fc.property(rational, rational, rational, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.sub(a).isZero()).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).equals(a)).toBe(true);
      }),
    );
  });

  it("round-trips through its key and converts to the nearest double", () => {
    fc.assert(
      fc.property(rational, (a) => {
        expect(Rational.parse(a.key)!.equals(a)).toBe(true);
        expect(a.toNumber()).toBeCloseTo(Number(a.num) / Number(a.den), 12);
      }),
    );
  });

  it("represents every finite double exactly", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Rational.fromNumber(x).toNumber()).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});
