import { DivisionByZeroError } from "../errors.js";
import { formatCount } from "../format-count.js";

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

/** Greatest common divisor of two safe integers (either sign); `gcdSmall(0, 0)` is 0. */
function gcdSmall(a: number, b: number): number {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Largest decimal exponent a literal may have (`1e100000`, `1e-100000`), after its fraction digits
 * are counted in: beyond it {@link Rational.parse} refuses the text rather than build a number
 * of millions of digits.
 */
export const MAX_DECIMAL_EXPONENT = 100_000;

/**
 * Why {@link Rational.parse} refused a well-formed decimal literal: its exponent is out of range,
 * too large (`1e999999`) or too small (`1e-99999999`), and which limit it passed.
 */
export function decimalRangeProblem(text: string): string {
  const decimal = /^[+-]?\d+(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const exponent = Number(decimal?.[2] ?? "0") - (decimal?.[1] ?? "").length;
  const limit = formatCount(MAX_DECIMAL_EXPONENT);
  return exponent < 0
    ? `is too small to represent: its decimal exponent is below -${limit}, the limit of exact literals`
    : `is too large to represent: its decimal exponent is above ${limit}, the limit of exact literals`;
}

const MAX_SMALL = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SMALL = -MAX_SMALL;

/** Whether a bigint is a safe integer (then `Number` converts it exactly). */
function fitsSmall(n: bigint): boolean {
  return n >= MIN_SMALL && n <= MAX_SMALL;
}

/** Length of `n.toString(2)` for a safe integer `n` (a minus sign counts, as in the string). */
function binaryLength(n: number): number {
  const sign = n < 0 ? 1 : 0;
  const magnitude = n < 0 ? -n : n;
  if (magnitude < 0x1_0000_0000) return sign + (magnitude === 0 ? 1 : 32 - Math.clz32(magnitude));
  return sign + 64 - Math.clz32(Math.floor(magnitude / 0x1_0000_0000));
}

/** Integers with a shared instance: the common small coefficients and exponents. */
const CACHED_MIN = -64;
const CACHED_MAX = 64;
const cachedIntegers: Rational[] = [];

/**
 * An exact rational number with arbitrary-precision numerator and denominator.
 *
 * Always normalised: the denominator is positive and shares no factor with the numerator,
 * so two equal rationals have equal fields and the same {@link Rational.key}.
 *
 * Numerators and denominators that are safe integers (|n| < 2^53) are computed with plain
 * numbers, checked so that no intermediate result is rounded; larger ones with bigints. The
 * results are the same either way: this is only a faster path for the common case.
 *
 * @example
 * ```ts
 * Rational.parse("1/3").add(Rational.parse("1/3")).toString(); // "2/3"
 * Rational.parse("0.5").toString(); // "1/2"
 * ```
 */
export class Rational {
  /** The numerator (carries the sign). */
  readonly num: bigint;
  /** The denominator (always positive). */
  readonly den: bigint;
  /**
   * Numerator and denominator as numbers when both are safe integers (the value is then
   * "small"); otherwise `NaN` and 0. A value that fits is always stored small, so a small and a
   * large rational are never equal. Like `num` and `den`, a function of the value: equal
   * rationals have equal fields (tests compare them deeply).
   */
  private readonly smallNum: number;
  private readonly smallDen: number;
  /** {@link Rational.key}, made on first use (a private field: not part of a deep comparison). */
  #key: string | undefined = undefined;

  private constructor(num: bigint, den: bigint, smallNum: number, smallDen: number) {
    this.num = num;
    this.den = den;
    this.smallNum = smallNum;
    this.smallDen = smallDen;
  }

  static readonly ZERO = Rational.smallInteger(0);
  static readonly ONE = Rational.smallInteger(1);
  static readonly MINUS_ONE = Rational.smallInteger(-1);
  static readonly TWO = Rational.smallInteger(2);

  /** Builds `num/den` in lowest terms; throws {@link DivisionByZeroError} when `den` is 0. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    if (
      typeof num === "number" &&
      typeof den === "number" &&
      Number.isSafeInteger(num) &&
      Number.isSafeInteger(den)
    ) {
      if (den === 0) throw new DivisionByZeroError(`${num}/0`);
      return Rational.fromSmall(num, den);
    }
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new DivisionByZeroError(`${n}/0`);
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return Rational.integer(n);
    const g = gcd(n, d);
    return g === 1n ? Rational.fraction(n, d) : Rational.integerOrFraction(n / g, d / g);
  }

  /** `n/d` in lowest terms for safe integers `n` and `d != 0`. */
  private static fromSmall(n: number, d: number): Rational {
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (d === 1) return Rational.smallInteger(n);
    const g = gcdSmall(n, d);
    if (g !== 1) {
      n /= g;
      d /= g;
      if (d === 1) return Rational.smallInteger(n);
    }
    return new Rational(BigInt(n), BigInt(d), n, d);
  }

  /** The integer `n`, a safe integer (`-0` reads as 0). */
  private static smallInteger(n: number): Rational {
    if (n >= CACHED_MIN && n <= CACHED_MAX) {
      const index = n - CACHED_MIN;
      let cached = cachedIntegers[index];
      if (cached === undefined) {
        cached = new Rational(BigInt(n), 1n, n + 0, 1);
        cachedIntegers[index] = cached;
      }
      return cached;
    }
    return new Rational(BigInt(n), 1n, n, 1);
  }

  private static integerOrFraction(n: bigint, d: bigint): Rational {
    return d === 1n ? Rational.integer(n) : Rational.fraction(n, d);
  }

  private static integer(n: bigint): Rational {
    return fitsSmall(n) ? Rational.smallInteger(Number(n)) : new Rational(n, 1n, Number.NaN, 0);
  }

  /** `n/d`, already in lowest terms with `d > 1`. */
  private static fraction(n: bigint, d: bigint): Rational {
    return fitsSmall(n) && fitsSmall(d)
      ? new Rational(n, d, Number(n), Number(d))
      : new Rational(n, d, Number.NaN, 0);
  }

  /** Whether both parts are safe integers (see {@link Rational.smallNum}). */
  private get small(): boolean {
    return this.smallDen !== 0;
  }

  /**
   * Reads a decimal or fraction literal exactly: `"3"`, `"-2"`, `"0.5"`, `"1/3"`, `"2.5e-3"`.
   * Returns `undefined` for text that is not such a literal.
   */
  static parse(text: string): Rational | undefined {
    // Plain integers of up to 15 digits are safe integers: no bigint needed.
    if (text.length <= 16 && /^[+-]?\d{1,15}$/.test(text)) return Rational.smallInteger(Number(text));
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
    if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) return undefined;
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
    if (Number.isSafeInteger(value)) return Rational.smallInteger(value);
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
    if (this.#key === undefined) {
      if (this.small)
        this.#key = this.smallDen === 1 ? String(this.smallNum) : `${this.smallNum}/${this.smallDen}`;
      else this.#key = this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
    }
    return this.#key;
  }

  isZero(): boolean {
    // Zero is always small.
    return this.smallNum === 0;
  }
  isOne(): boolean {
    return this.smallNum === 1 && this.smallDen === 1;
  }
  isInteger(): boolean {
    return this.small ? this.smallDen === 1 : this.den === 1n;
  }
  isNegative(): boolean {
    return this.small ? this.smallNum < 0 : this.num < 0n;
  }
  isPositive(): boolean {
    return this.small ? this.smallNum > 0 : this.num > 0n;
  }
  sign(): -1 | 0 | 1 {
    if (this.small) return this.smallNum < 0 ? -1 : this.smallNum > 0 ? 1 : 0;
    return this.num < 0n ? -1 : 1;
  }

  add(other: Rational): Rational {
    if (this.small && other.small) {
      const a = this.smallNum;
      const b = this.smallDen;
      const c = other.smallNum;
      const d = other.smallDen;
      if (b === 1 && d === 1) {
        const sum = a + c;
        if (Number.isSafeInteger(sum)) return Rational.smallInteger(sum);
      } else {
        // Each step is exact while its result is a safe integer.
        const ad = a * d;
        const cb = c * b;
        const bd = b * d;
        const sum = ad + cb;
        if (Number.isSafeInteger(ad) && Number.isSafeInteger(cb) && Number.isSafeInteger(bd)) {
          if (Number.isSafeInteger(sum)) return Rational.fromSmall(sum, bd);
        }
      }
    }
    if (this.den === 1n && other.den === 1n) return Rational.integer(this.num + other.num);
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }
  sub(other: Rational): Rational {
    return this.add(other.neg());
  }
  mul(other: Rational): Rational {
    if (this.small && other.small) {
      const n = this.smallNum * other.smallNum;
      const d = this.smallDen * other.smallDen;
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) {
        return d === 1 ? Rational.smallInteger(n) : Rational.fromSmall(n, d);
      }
    }
    if (this.den === 1n && other.den === 1n) return Rational.integer(this.num * other.num);
    return Rational.of(this.num * other.num, this.den * other.den);
  }
  /** Exact quotient; throws {@link DivisionByZeroError} when `other` is zero. */
  div(other: Rational): Rational {
    if (other.isZero()) throw new DivisionByZeroError(`${this.key} / 0`);
    if (this.small && other.small) {
      const n = this.smallNum * other.smallDen;
      const d = this.smallDen * other.smallNum;
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return Rational.fromSmall(n, d);
    }
    return Rational.of(this.num * other.den, this.den * other.num);
  }
  neg(): Rational {
    if (this.smallNum === 0) return this;
    // The negation of a safe integer is one.
    if (this.small) {
      return this.smallDen === 1
        ? Rational.smallInteger(-this.smallNum)
        : new Rational(-this.num, this.den, -this.smallNum, this.smallDen);
    }
    return new Rational(-this.num, this.den, Number.NaN, 0);
  }
  abs(): Rational {
    return this.isNegative() ? this.neg() : this;
  }

  /**
   * `this ^ exponent` when the result is rational: integer exponents (bounded so the result
   * stays a reasonable size) and exact roots such as `4^(1/2)`. Otherwise `undefined`.
   * Throws {@link DivisionByZeroError} for `0` to a negative power.
   */
  pow(exponent: Rational, maxBits = 4096): Rational | undefined {
    if (exponent.isInteger()) return this.powInteger(exponent, maxBits);
    // 0 and 1 to any fractional power, however fine its denominator: 0^(10^-400) is 0.
    if (this.isOne()) return Rational.ONE;
    if (this.isZero()) {
      if (exponent.isNegative()) throw new DivisionByZeroError(`0^${exponent.key}`);
      return Rational.ZERO;
    }
    if (this.isNegative() || exponent.den > 64n) return undefined;
    const root = (n: bigint): bigint | undefined => integerRoot(n, exponent.den);
    const n = root(this.num);
    const d = root(this.den);
    if (n === undefined || d === undefined) return undefined;
    return Rational.of(n, d).powInteger(Rational.of(exponent.num), maxBits);
  }

  private powInteger(exponent: Rational, maxBits: number): Rational | undefined {
    if (exponent.isZero()) return Rational.ONE;
    if (this.isZero()) {
      if (exponent.isNegative()) throw new DivisionByZeroError(`0^${exponent.key}`);
      return Rational.ZERO;
    }
    // 1 to any power (only 1 has a one-digit binary numerator and denominator).
    if (this.isOne()) return Rational.ONE;
    const negative = exponent.isNegative();
    const bits = this.small
      ? Math.max(binaryLength(this.smallNum), binaryLength(this.smallDen))
      : Math.max(this.num.toString(2).length, this.den.toString(2).length);
    const magnitude = exponent.small
      ? Math.abs(exponent.smallNum)
      : Number(negative ? -exponent.num : exponent.num);
    if (bits > 1 && magnitude * bits > maxBits) return undefined;
    if (this.small && exponent.small) {
      const n = smallPower(this.smallNum, magnitude);
      const d = smallPower(this.smallDen, magnitude);
      if (n !== undefined && d !== undefined)
        return negative ? Rational.fromSmall(d, n) : Rational.fromSmall(n, d);
    }
    const e = negative ? -exponent.num : exponent.num;
    const n = this.num ** e;
    const d = this.den ** e;
    return negative ? Rational.of(d, n) : Rational.of(n, d);
  }

  compare(other: Rational): -1 | 0 | 1 {
    if (this.small && other.small) {
      if (this.smallDen === 1 && other.smallDen === 1) {
        return this.smallNum < other.smallNum ? -1 : this.smallNum > other.smallNum ? 1 : 0;
      }
      const left = this.smallNum * other.smallDen;
      const right = other.smallNum * this.smallDen;
      if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) {
        return left < right ? -1 : left > right ? 1 : 0;
      }
    }
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }
  equals(other: Rational): boolean {
    if (this.small || other.small)
      return this.smallNum === other.smallNum && this.smallDen === other.smallDen;
    return this.num === other.num && this.den === other.den;
  }

  /**
   * The greatest common divisor of two rationals: the largest `g` with `a/g` and `b/g` both
   * integers (the gcd of the numerators over the lcm of the denominators), positive; `gcd(0, 0)`
   * is 0.
   *
   * @example
   * ```ts
   * Rational.gcd(Rational.of(4n, 3n), Rational.of(-6n, 5n)).toString(); // "2/15"
   * ```
   */
  static gcd(a: Rational, b: Rational): Rational {
    if (a.small && b.small) {
      const g = gcdSmall(a.smallNum, b.smallNum);
      const d =
        a.smallDen === b.smallDen ? a.smallDen : (a.smallDen / gcdSmall(a.smallDen, b.smallDen)) * b.smallDen;
      if (Number.isSafeInteger(d)) return g === 0 ? Rational.ZERO : Rational.fromSmall(g, d);
    }
    const g = gcd(a.num, b.num);
    if (g === 0n) return Rational.ZERO;
    return Rational.of(g, (a.den / gcd(a.den, b.den)) * b.den);
  }

  /**
   * Whether floating point can hold this value: 0, or a magnitude that neither overflows to
   * infinity nor underflows to 0 as a double. Exact arithmetic may go beyond (`2^1100`), but a
   * constant the simplifier builds must not, or evaluating its result gives a wrong number.
   */
  fitsDouble(): boolean {
    if (this.small) return true;
    const value = this.toNumber();
    return Number.isFinite(value) && value !== 0;
  }

  /**
   * The value as `mantissa · 2^exponent` with `1 <= |mantissa| < 2` (the mantissa rounded to a
   * double), for any nonzero value, also one far beyond floating point's range: `10^400` is
   * about `1.43 · 2^1328`. Throws a RangeError for 0.
   */
  binaryScaled(): { readonly mantissa: number; readonly exponent: number } {
    if (this.isZero()) throw new RangeError("0 has no binary exponent");
    const negative = this.isNegative();
    const magnitude = negative ? -this.num : this.num;
    // A quotient of 64 to 65 bits, then its leading bit found exactly.
    const e = magnitude.toString(2).length - this.den.toString(2).length;
    const shift = BigInt(64 - e);
    const q = shift >= 0n ? (magnitude << shift) / this.den : magnitude / (this.den << -shift);
    const bits = q.toString(2).length;
    const mantissa = Number(q) / 2 ** (bits - 1);
    // Rounding q to a double may carry into the next power of two.
    const carry = mantissa >= 2 ? 1 : 0;
    return { mantissa: (negative ? -mantissa : mantissa) / 2 ** carry, exponent: e - 64 + bits - 1 + carry };
  }

  /** Nearest double. Precise even when numerator and denominator exceed 2^53. */
  toNumber(): number {
    if (this.small) return this.smallNum / this.smallDen;
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

  /** As `toString`: JSON has no bigints, and `Rational.parse` reads the text back exactly. */
  toJSON(): string {
    return this.key;
  }
}

/** `base ^ e` for a safe integer base and `e >= 1`, or `undefined` when it is not a safe integer. */
function smallPower(base: number, e: number): number | undefined {
  let result = 1;
  for (let i = 0; i < e; i++) {
    result *= base;
    if (!Number.isSafeInteger(result)) return undefined;
  }
  return result;
}

/** The exact `k`-th root of a non-negative integer, or `undefined` when it is irrational. */
function integerRoot(n: bigint, k: bigint): bigint | undefined {
  if (n < 2n) return n;
  const approximate = Number(n) ** (1 / Number(k));
  // Past 2^1024 Number(n) is Infinity: only Newton's method below can find the root.
  if (Number.isFinite(approximate) && approximate < 2 ** 53) {
    const near = BigInt(Math.round(approximate));
    for (const candidate of [near - 1n, near, near + 1n]) {
      if (candidate >= 0n && candidate ** k === n) return candidate;
    }
  }
  // Newton's method for values past double precision, from above.
  let guess = 1n << BigInt(Math.ceil(n.toString(2).length / Number(k)));
  for (;;) {
    const next = ((k - 1n) * guess + n / guess ** (k - 1n)) / k;
    if (next >= guess) break;
    guess = next;
  }
  return guess ** k === n ? guess : undefined;
}
