import { DomainError, LimitError } from "../errors.js";
import { foldOperation } from "../rewrite/fold-constants.js";
import { baseOperators, type OperatorSpec } from "../term/operator.js";
import { Rational } from "../term/rational.js";
import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
import { cannotEvaluate, lookup, namingDivision, operatorFor } from "./evaluate.js";

/**
 * The value of a term with exact inputs, as `dsat eval` prints it: exact where every step is
 * rational, otherwise a double computed so that exact parts never pass through floating point
 * before they have to. A literal such as `1e400` or `1e-400` is a number like any other here,
 * though no double holds it: `sin(1) + 1e400 - 1e400` is `sin(1)`, `1e-400*1e400` is 1,
 * `sqrt(1e309)` is about 3.16e154.
 *
 * How: each intermediate value is either exact or `scale·f + offset`, a double `f` with an exact
 * scale and offset. Sums, differences, negations, and products and quotients by exact numbers
 * act on the exact parts only, so they cancel exactly (`t + L - L` and `t·L/L` have the value of
 * `t`, bit for bit, for any rational `L`: the law the property tests check); anything else turns
 * its arguments into doubles first. `sqrt`, `log` and `^` of an exact number beyond the range of
 * doubles are computed from its binary exponent instead.
 */

/** A value `dsat eval` prints: exact, or a double. */
export type MixedValue = { readonly exact: Rational } | { readonly float: number };

/** An intermediate value with a floating-point part: `scale·float + offset`. */
interface Affine {
  readonly kind: "float";
  readonly scale: Rational;
  readonly float: number;
  readonly offset: Rational;
  /** Some input left floating point's range on the way (became ±Infinity or 0). */
  readonly lost: boolean;
}

/** An intermediate value: exact, or affine in a double. */
type Part = { readonly kind: "exact"; readonly value: Rational } | Affine;

const BASE = Object.fromEntries(baseOperators.map((spec) => [spec.name, spec]));

/** Whether `spec` is the base operator `name` itself (a theory could bind the name to another). */
function isBase(spec: OperatorSpec, name: string): boolean {
  const base = BASE[name];
  return base !== undefined && spec.evaluate === base.evaluate && spec.exact === base.exact;
}

const exact = (value: Rational): Part => ({ kind: "exact", value });
const float = (value: number, lost: boolean): Affine => ({
  kind: "float",
  scale: Rational.ONE,
  float: value,
  offset: Rational.ZERO,
  lost,
});

/** `x · 2^k` without overflowing on the way (`2^k` alone may not be a double). */
function timesPowerOfTwo(x: number, k: number): number {
  let result = x;
  let rest = k;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

/** Whether a nonzero rational becomes 0 or ±Infinity as a double. */
function beyondDoubles(r: Rational): boolean {
  return !r.fitsDouble();
}

/** `r · x` in floating point, also when `r` itself is beyond the range of doubles. */
function scaleFloat(r: Rational, x: number): number {
  if (r.isOne()) return x;
  if (r.isZero()) return 0 * x;
  if (!beyondDoubles(r)) return r.toNumber() * x;
  const { mantissa, exponent } = r.binaryScaled();
  return timesPowerOfTwo(mantissa * x, exponent);
}

/** A part as one double, and whether a step left the range of doubles. */
function toFloat(part: Part): { value: number; lost: boolean } {
  if (part.kind === "exact") {
    return { value: part.value.toNumber(), lost: !part.value.isZero() && beyondDoubles(part.value) };
  }
  const scaled = scaleFloat(part.scale, part.float);
  const underflow = scaled === 0 && part.float !== 0 && !part.scale.isZero();
  const value = scaled + part.offset.toNumber();
  const offsetLost = !part.offset.isZero() && beyondDoubles(part.offset);
  return { value, lost: part.lost || underflow || offsetLost };
}

/** `a + b`, exact parts kept exact. */
function add(a: Part, b: Part): Part {
  if (a.kind === "exact" && b.kind === "exact") return exact(a.value.add(b.value));
  if (a.kind === "exact" && b.kind === "float") return { ...b, offset: b.offset.add(a.value) };
  if (a.kind === "float" && b.kind === "exact") return { ...a, offset: a.offset.add(b.value) };
  const [x, y] = [a, b] as [Affine, Affine];
  const lost = x.lost || y.lost;
  const offset = x.offset.add(y.offset);
  // x.scale·(x.float + ratio·y.float): a common scale keeps a sum of huge or tiny terms in range.
  const ratio = y.scale.div(x.scale);
  if (!beyondDoubles(ratio)) return { ...x, float: x.float + scaleFloat(ratio, y.float), offset, lost };
  return { ...float(scaleFloat(x.scale, x.float) + scaleFloat(y.scale, y.float), lost), offset };
}

function negate(a: Part): Part {
  if (a.kind === "exact") return exact(a.value.neg());
  return { ...a, scale: a.scale.neg(), offset: a.offset.neg() };
}

/** `a · c` for an exact `c`. */
function timesExact(a: Affine, c: Rational): Part {
  if (c.isZero() && Number.isFinite(a.float)) return exact(Rational.ZERO);
  return { ...a, scale: a.scale.mul(c), offset: a.offset.mul(c) };
}

function multiply(a: Part, b: Part, spec: OperatorSpec): Part {
  if (a.kind === "exact" && b.kind === "exact") return exact(a.value.mul(b.value));
  if (a.kind === "exact" && b.kind === "float") return timesExact(b, a.value);
  if (a.kind === "float" && b.kind === "exact") return timesExact(a, b.value);
  const [x, y] = [a, b] as [Affine, Affine];
  if (x.offset.isZero() && y.offset.isZero()) {
    return { ...float(x.float * y.float, x.lost || y.lost), scale: x.scale.mul(y.scale) };
  }
  return viaFloats(spec, [a, b]);
}

function divide(a: Part, b: Part, spec: OperatorSpec): Part {
  if (b.kind === "exact") {
    if (a.kind === "exact") return exact(foldOperation(spec, [a.value, b.value])!);
    // Undefined, as a float division by zero is (`sin(1)/0`).
    if (b.value.isZero()) return float(Number.NaN, a.lost);
    return timesExact(a, Rational.ONE.div(b.value));
  }
  if (a.kind === "exact" && a.value.isZero()) {
    // 0 divided by a nonzero number; keeping a zero scale would break the sums above.
    return b.float === 0 || Number.isNaN(b.float) ? float(Number.NaN, b.lost) : exact(Rational.ZERO);
  }
  if (b.offset.isZero() && (a.kind === "exact" || a.offset.isZero())) {
    const numerator = a.kind === "exact" ? { scale: a.value, float: 1, lost: false } : a;
    const quotient = spec.evaluate!([numerator.float, b.float]);
    return { ...float(quotient, numerator.lost || b.lost), scale: numerator.scale.div(b.scale) };
  }
  return viaFloats(spec, [a, b]);
}

/**
 * `sqrt`, `log` and `^` of an exact number beyond the range of doubles (`sqrt(1e309)`), from
 * its binary exponent: `undefined` when `args` has no such number or the operator is another.
 */
function beyondRange(spec: OperatorSpec, args: readonly Part[]): number | undefined {
  const first = args[0];
  if (first === undefined || first.kind !== "exact" || first.value.isZero() || !beyondDoubles(first.value))
    return undefined;
  const { mantissa, exponent } = first.value.binaryScaled();
  if (isBase(spec, "sqrt")) {
    if (mantissa < 0) return Number.NaN;
    const odd = exponent % 2 !== 0 ? 1 : 0;
    return timesPowerOfTwo(Math.sqrt(mantissa * 2 ** odd), (exponent - odd) / 2);
  }
  if (isBase(spec, "log")) return mantissa < 0 ? Number.NaN : Math.log(mantissa) + exponent * Math.LN2;
  if (isBase(spec, "^")) {
    const power = toFloat(args[1]!);
    if (power.lost || !Number.isFinite(power.value)) return undefined;
    const p = power.value;
    if (mantissa < 0 && !Number.isInteger(p)) return Number.NaN;
    const sign = mantissa < 0 && Math.abs(p % 2) === 1 ? -1 : 1;
    // |x|^p = m^p · 2^(e·p), the power of two split into a whole and a fractional part; e·p
    // exactly when p is exact (1/3 as a double, times 1328, would lose 14 bits).
    const second = args[1]!;
    const bits = second.kind === "exact" ? second.value.mul(Rational.of(exponent)) : undefined;
    const whole = bits === undefined ? Math.floor(exponent * p) : Number(floorOf(bits));
    const fraction = bits === undefined ? exponent * p - whole : bits.sub(Rational.of(whole)).toNumber();
    return sign * timesPowerOfTwo(Math.abs(mantissa) ** p * 2 ** fraction, whole);
  }
  return undefined;
}

/** The largest integer not above `r`. */
function floorOf(r: Rational): bigint {
  const quotient = r.num / r.den;
  return r.num < 0n && quotient * r.den !== r.num ? quotient - 1n : quotient;
}

/** `spec` applied in floating point, each argument turned into a double. */
function viaFloats(spec: OperatorSpec, args: readonly Part[]): Part {
  const special = beyondRange(spec, args);
  if (special !== undefined) return float(special, false);
  let lost = false;
  const values = args.map((a) => {
    const converted = toFloat(a);
    lost ||= converted.lost;
    return converted.value;
  });
  return float(spec.evaluate!(values), lost);
}

/** One application: exact arithmetic where it folds, the affine parts for the base operators. */
function apply(spec: OperatorSpec, args: readonly Part[]): Part {
  if (args.every((a) => a.kind === "exact")) {
    const folded = foldOperation(
      spec,
      args.map((a) => (a as { value: Rational }).value),
    );
    if (folded !== undefined) return exact(folded);
  }
  const [a, b] = args;
  if (isBase(spec, "+")) return add(a!, b!);
  if (isBase(spec, "-")) return add(a!, negate(b!));
  if (isBase(spec, "neg")) return negate(a!);
  if (isBase(spec, "*")) return multiply(a!, b!, spec);
  if (isBase(spec, "/")) return divide(a!, b!, spec);
  return viaFloats(spec, args);
}

/**
 * The value of `term` with its variables bound to exact numbers by `env`: exact when every step
 * is rational, otherwise a finite double computed with the exact parts folded first (see the
 * file comment).
 *
 * Throws a `DivisionByZeroError` for an exact division by zero, a `DomainError` where the term
 * is undefined (`log(-1)`, `sin(1)/0`), and a `LimitError` (`limit: "range"`) when the value
 * cannot be computed in floating point: it overflows (`exp(1000)`, `2^5000`), or a step left
 * the range of doubles so that the double would be wrong (`sin(1e-400)*1e400`). It never
 * returns an infinity or a NaN.
 *
 * @example
 * ```ts
 * evaluateMixed(parseExpression("sin(1) + 1e400 - 1e400"), {}); // { float: 0.8414709848078965 }
 * evaluateMixed(parseExpression("x/3"), { x: Rational.ONE }, { theory }); // { exact: 1/3 }
 * ```
 */
export function evaluateMixed(
  term: Term,
  env: Readonly<Record<string, Rational>>,
  options: TheoryOption = {},
): MixedValue {
  const theory = theoryOrDefault(options.theory);
  const values = new Map<number, Part>();
  let current: Term | undefined;
  try {
    for (const t of postorder(term)) {
      current = t;
      let value: Part;
      if (t.kind === "num") value = exact(t.value);
      else if (t.kind === "sym") value = exact(lookup(env, t.name));
      else {
        const spec = operatorFor(t, theory);
        if (spec.evaluate === undefined && spec.exact === undefined) throw cannotEvaluate(t);
        const args = t.args.map((a) => values.get(a.id)!);
        if (spec.evaluate === undefined) {
          // An operator with an exact meaning only: it must fold.
          const folded = args.every((a) => a.kind === "exact") ? apply(spec, args) : undefined;
          if (folded?.kind !== "exact") throw cannotEvaluate(t);
          value = folded;
        } else value = apply(spec, args);
      }
      values.set(t.id, value);
    }
  } catch (error) {
    throw namingDivision(error, current, theory);
  }
  const result = values.get(term.id)!;
  if (result.kind === "exact") return { exact: result.value };
  const { value, lost } = toFloat(result);
  if (Number.isNaN(value) && !lost) {
    throw new DomainError("the expression is undefined at this point (outside an operator's domain)");
  }
  if (!Number.isFinite(value) || (lost && value === 0)) {
    throw new LimitError(
      "range",
      lost
        ? "the value cannot be computed in floating point: a number in it is beyond its range (about 1e-308 to 1e308) and does not cancel exactly"
        : "the value cannot be computed in floating point: a step overflowed (beyond about 1.8e308)",
    );
  }
  return { float: value };
}

/** Significant digits of a value printed from its exact form (a double has 17 at most). */
const DIGITS = 17;

/**
 * A value as `dsat eval` prints it: the exact rational (`2/3`), or with `float` a decimal (`0.6666666666666666`).
 * An exact value no double holds prints in scientific notation from the exact value
 * (`1e-400`, `1.3582985265193575e+331` for `2^1100`), never as 0 or Infinity.
 */
export function formatMixed(value: MixedValue, float = false): string {
  if ("float" in value) return String(value.float);
  const r = value.exact;
  if (!float) return r.toString();
  if (r.isZero() || !beyondDoubles(r)) return String(r.toNumber());
  return scientific(r);
}

/** `r` in scientific notation with {@link DIGITS} significant digits, trailing zeros dropped. */
function scientific(r: Rational): string {
  const negative = r.isNegative();
  const n = negative ? -r.num : r.num;
  // A first estimate of the decimal exponent from the binary one, then corrected.
  let e = Math.floor(r.binaryScaled().exponent * Math.LOG10E * Math.LN2);
  const digitsAt = (exponent: number): bigint => {
    const shift = DIGITS - 1 - exponent;
    const scaled = shift >= 0 ? n * 10n ** BigInt(shift) : n;
    const divisor = shift >= 0 ? r.den : r.den * 10n ** BigInt(-shift);
    return (scaled * 2n + divisor) / (2n * divisor);
  };
  // The estimate is the exponent or one below it; rounding up may add a digit (a trailing 0).
  let digits = digitsAt(e);
  if (digits.toString().length > DIGITS) digits = digitsAt(++e);
  if (digits.toString().length > DIGITS) {
    digits /= 10n;
    e++;
  }
  const text = digits.toString().replace(/0+$/, "");
  const mantissa = text.length > 1 ? `${text[0]}.${text.slice(1)}` : text;
  return `${negative ? "-" : ""}${mantissa}e${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}
