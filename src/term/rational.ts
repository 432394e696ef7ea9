import { DivisionByZeroError } from "../errors.js";

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * An exact rational number with arbitrary-precision numerator and denominator.
 *
 * Always normalised: the denominator is positive and shares no factor with the numerator,
 * so two equal rationals have equal fields and the same {@link Rational.key}.
 *
 * @example
 * ```ts
 * Rational.parse("1/3").add(Rational.parse("1/3")).toString(); // "2/3"
 * Rational.parse("0.5").toString(); // "1/2"
 * ```
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);
  static readonly TWO = new Rational(2n, 1n);

  /** Builds `num/den` in lowest terms; throws {@link DivisionByZeroError} when `den` is 0. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new DivisionByZeroError(`${n}/0`);
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return Rational.integer(n);
    const g = gcd(n, d);
    return g === 1n ? new Rational(n, d) : Rational.integerOrFraction(n / g, d / g);
  }

  private static integerOrFraction(n: bigint, d: bigint): Rational {
    return d === 1n ? Rational.integer(n) : new Rational(n, d);
  }

  private static integer(n: bigint): Rational {
    if (n === 0n) return Rational.ZERO;
    if (n === 1n) return Rational.ONE;
    return new Rational(n, 1n);
  }

  /**
   * Reads a decimal or fraction literal exactly: `"3"`, `"-2"`, `"0.5"`, `"1/3"`, `"2.5e-3"`.
   * Returns `undefined` for text that is not such a literal.
   */
  static parse(text: string): Rational | undefined {
    const fraction = /^([+-]?\d+)\/(\d+)$/.exec(text);
    if (fraction) {
      if (BigInt(fraction[2]!) === 0n) throw new DivisionByZeroError(text);
      return Rational.of(BigInt(fraction[1]!), BigInt(fraction[2]!));
    }
    const decimal = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!decimal) return undefined;
    const sign = decimal[1] === "-" ? -1n : 1n;
    const fractionDigits = decimal[3] ?? "";
    const exponent = Number(decimal[4] ?? "0") - fractionDigits.length;
    if (Math.abs(exponent) > 100_000) return undefined;
    const digits = BigInt(decimal[2]! + fractionDigits) * sign;
    return exponent >= 0
      ? Rational.of(digits * 10n ** BigInt(exponent))
      : Rational.of(digits, 10n ** BigInt(-exponent));
  }

  /**
   * The exact value of a finite JavaScript number (every double is a dyadic rational).
   * Throws a RangeError for NaN or infinities.
   */
  static fromNumber(value: number): Rational {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    if (Number.isInteger(value)) return Rational.of(BigInt(value));
    let den = 1n;
    let scaled = value;
    while (!Number.isInteger(scaled)) {
      scaled *= 2;
      den *= 2n;
    }
    return Rational.of(BigInt(scaled), den);
  }

  /** A string that identifies the value: equal rationals have equal keys. */
  get key(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  isZero(): boolean {
    return this.num === 0n;
  }
  isOne(): boolean {
    return this.num === 1n && this.den === 1n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  isNegative(): boolean {
    return this.num < 0n;
  }
  isPositive(): boolean {
    return this.num > 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  add(other: Rational): Rational {
    if (this.den === 1n && other.den === 1n) return Rational.integer(this.num + other.num);
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }
  sub(other: Rational): Rational {
    return this.add(other.neg());
  }
  mul(other: Rational): Rational {
    if (this.den === 1n && other.den === 1n) return Rational.integer(this.num * other.num);
    return Rational.of(this.num * other.num, this.den * other.den);
  }
  /** Exact quotient; throws {@link DivisionByZeroError} when `other` is zero. */
  div(other: Rational): Rational {
    if (other.num === 0n) throw new DivisionByZeroError(`${this.key} / 0`);
    return Rational.of(this.num * other.den, this.den * other.num);
  }
  neg(): Rational {
    return this.num === 0n ? this : Rational.of(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }

  /**
   * `this ^ exponent` when the result is rational: integer exponents (bounded so the result
   * stays a reasonable size) and exact roots such as `4^(1/2)`. Otherwise `undefined`.
   * Throws {@link DivisionByZeroError} for `0` to a negative power.
   */
  pow(exponent: Rational, maxBits = 4096): Rational | undefined {
    if (exponent.den === 1n) return this.powInteger(exponent.num, maxBits);
    if (this.num < 0n || exponent.den > 64n) return undefined;
    const root = (n: bigint): bigint | undefined => integerRoot(n, exponent.den);
    const n = root(this.num);
    const d = root(this.den);
    if (n === undefined || d === undefined) return undefined;
    return Rational.of(n, d).powInteger(exponent.num, maxBits);
  }

  private powInteger(e: bigint, maxBits: number): Rational | undefined {
    if (e === 0n) return Rational.ONE;
    if (this.num === 0n) {
      if (e < 0n) throw new DivisionByZeroError(`0^${e}`);
      return Rational.ZERO;
    }
    const magnitude = e < 0n ? -e : e;
    const bits = Math.max(this.num.toString(2).length, this.den.toString(2).length);
    if (bits > 1 && Number(magnitude) * bits > maxBits) return undefined;
    const n = this.num ** magnitude;
    const d = this.den ** magnitude;
    return e > 0n ? Rational.of(n, d) : Rational.of(d, n);
  }

  compare(other: Rational): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }
  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  /** Nearest double. Precise even when numerator and denominator exceed 2^53. */
  toNumber(): number {
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // Huge parts: keep 64 significant bits of the quotient, then scale by a power of two.
    const negative = this.num < 0n;
    const magnitude = negative ? -this.num : this.num;
    const e = magnitude.toString(2).length - this.den.toString(2).length;
    const shift = BigInt(64 - e);
    const q = shift >= 0n ? (magnitude << shift) / this.den : magnitude / (this.den << -shift);
    const half = (e - 64) / 2;
    const value = Number(q) * 2 ** Math.trunc(half) * 2 ** (e - 64 - Math.trunc(half));
    return negative ? -value : value;
  }

  /** `3`, `-2`, `1/3`, `-5/2`. */
  toString(): string {
    return this.key;
  }
}

/** The exact `k`-th root of a non-negative integer, or `undefined` when it is irrational. */
function integerRoot(n: bigint, k: bigint): bigint | undefined {
  if (n < 2n) return n;
  let guess = BigInt(Math.round(Number(n) ** (1 / Number(k))));
  for (const candidate of [guess - 1n, guess, guess + 1n]) {
    if (candidate >= 0n && candidate ** k === n) return candidate;
  }
  // Newton's method for values past double precision.
  guess = 1n << BigInt(Math.ceil(n.toString(2).length / Number(k)));
  for (;;) {
    const next = ((k - 1n) * guess + n / guess ** (k - 1n)) / k;
    if (next >= guess) break;
    guess = next;
  }
  return guess ** k === n ? guess : undefined;
}
