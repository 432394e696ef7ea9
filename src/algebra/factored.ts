import { Rational } from "../term/rational.js";
import { gcd } from "./gcd.js";
import {
  add,
  constantPoly,
  divideExact,
  type IntPoly,
  integerContent,
  isConstant,
  isZero,
  monomialContent,
  multiply,
  ONE_POLY,
  polyKey,
  power,
  scale,
  variablePoly,
} from "./int-poly.js";

/**
 * Rational functions in factored form: `coef * Π poly_i ^ exp_i`, each `poly_i` a primitive
 * integer polynomial with a positive leading coefficient (a single variable is one), each
 * `exp_i` a nonzero integer. Products and powers only add exponents, so a factor the input
 * writes once stays one factor (`450*(x + 2)^2/(x + 2)` is `450*(x + 2)`); sums are brought
 * over a common denominator and multiplied out into one new factor; {@link cancelCommonFactors}
 * (called once, at the end) splits numerator and denominator factors by their gcd until they
 * are coprime.
 *
 * Cancelling a factor of a denominator widens the domain (`x/x` is 1 at x = 0 too): each
 * arithmetic function takes an {@link Cancellation} that is told, and may refuse, every such
 * cancellation, which is how the strict domain contract keeps its results defined exactly
 * where the input is.
 */

export interface Factor {
  readonly poly: IntPoly;
  /** `polyKey(poly)`: equal factors have equal keys. */
  readonly key: string;
  readonly exp: number;
}

export interface Factored {
  readonly coef: Rational;
  /** Distinct factors (by key), nonzero exponents, in the order they first appeared. */
  readonly factors: readonly Factor[];
}

/** Told of each divisor factor that cancels; throws to refuse it (see the file comment). */
export type Cancellation = (cancelled: Factor) => void;

/** Thrown when a divisor is the zero polynomial: the term is undefined everywhere. */
export class ZeroDivisor extends Error {}

export const ZERO_FACTORED: Factored = { coef: Rational.ZERO, factors: [] };

export function constantFactored(c: Rational): Factored {
  return { coef: c, factors: [] };
}

/** The variable `v` (one factor). */
export function variableFactored(v: number): Factored {
  const poly = variablePoly(v);
  return { coef: Rational.ONE, factors: [{ poly, key: polyKey(poly), exp: 1 }] };
}

/**
 * `p` with its integer content, each variable dividing all its terms, and the primitive rest
 * as separate factors: `6*x^2*y + 4*x` is `2 * x * (3*x*y + 2)`.
 */
export function factoredOfPoly(p: IntPoly): Factored {
  if (isZero(p)) return ZERO_FACTORED;
  let content = integerContent(p);
  if (p[0]!.coef < 0n) content = -content;
  let rest = content === 1n ? p : divideExact(p, constantPoly(content))!;
  const factors: Factor[] = [];
  const common = monomialContent(rest);
  if (common.length > 0) {
    rest = divideExact(rest, [{ mono: common, coef: 1n }])!;
    for (let i = 0; i < common.length; i += 2) {
      const poly = variablePoly(common[i]!);
      factors.push({ poly, key: polyKey(poly), exp: common[i + 1]! });
    }
  }
  if (!isConstant(rest)) factors.push({ poly: rest, key: polyKey(rest), exp: 1 });
  return { coef: Rational.of(content), factors };
}

/** Exponents by key, merged in first-seen order; a divisor whose exponent rises is reported. */
function mergeFactors(
  a: readonly Factor[],
  b: readonly Factor[],
  scaleB: number,
  cancel: Cancellation,
): Factor[] {
  if (b.length === 0) return a.slice();
  const out = a.slice();
  for (const f of b) {
    const exp = f.exp * scaleB;
    const i = out.findIndex((g) => g.key === f.key);
    if (i < 0) {
      out.push(exp === f.exp ? f : { ...f, exp });
      continue;
    }
    const g = out[i]!;
    if ((g.exp < 0 && exp > 0) || (g.exp > 0 && exp < 0)) cancel(g.exp < 0 ? g : { ...f, exp });
    const sum = g.exp + exp;
    if (sum === 0) out.splice(i, 1);
    else out[i] = { ...g, exp: sum };
  }
  return out;
}

export function multiplyFactored(a: Factored, b: Factored, cancel: Cancellation): Factored {
  const coef = a.coef.mul(b.coef);
  // 0 * a = 0, as the simplifier's other forms allow.
  if (coef.isZero()) return ZERO_FACTORED;
  return { coef, factors: mergeFactors(a.factors, b.factors, 1, cancel) };
}

/** `a ^ n` for an integer `n`; `undefined` when the coefficient's power is too large to hold. */
export function powerFactored(a: Factored, n: number, cancel: Cancellation): Factored | undefined {
  if (n === 0) {
    for (const f of a.factors) if (f.exp < 0) cancel(f);
    return constantFactored(Rational.ONE);
  }
  if (a.coef.isZero()) {
    if (n < 0) throw new ZeroDivisor();
    return ZERO_FACTORED;
  }
  const coef = a.coef.pow(Rational.of(n), 4096);
  if (coef === undefined) return undefined;
  // (1/x)^-2 = x^2 is defined at x = 0 too: the divisor x is cancelled.
  if (n < 0) for (const f of a.factors) if (f.exp < 0) cancel(f);
  return { coef, factors: a.factors.map((f) => ({ ...f, exp: f.exp * n })) };
}

export function divideFactored(a: Factored, b: Factored, cancel: Cancellation): Factored {
  if (b.coef.isZero()) throw new ZeroDivisor();
  const coef = a.coef.div(b.coef);
  if (coef.isZero()) return ZERO_FACTORED;
  // a/(1/x) = a*x is defined at x = 0 too: the divisor x is cancelled.
  for (const f of b.factors) if (f.exp < 0) cancel(f);
  return { coef, factors: mergeFactors(a.factors, b.factors, -1, cancel) };
}

/** `Π poly ^ exp` over the given factors and exponents (all positive), multiplied out. */
function expandProduct(parts: readonly (readonly [IntPoly, number])[]): IntPoly {
  let product = ONE_POLY;
  for (const [poly, exp] of parts) product = multiply(product, power(poly, exp));
  return product;
}

/**
 * `a + b` (or `a - b` with `sign` -1): both over the least common denominator by factors,
 * with the factors both numerators share kept outside, the rest multiplied out into one
 * factor, which then cancels against the denominator.
 */
export function addFactored(a: Factored, b: Factored, cancel: Cancellation, sign: 1 | -1 = 1): Factored {
  if (b.coef.isZero()) return a;
  const bCoef = sign === 1 ? b.coef : b.coef.neg();
  if (a.coef.isZero()) return { coef: bCoef, factors: b.factors };
  const keys = new Map<string, { poly: IntPoly; ea: number; eb: number }>();
  for (const f of a.factors) keys.set(f.key, { poly: f.poly, ea: f.exp, eb: 0 });
  for (const f of b.factors) {
    const known = keys.get(f.key);
    if (known === undefined) keys.set(f.key, { poly: f.poly, ea: 0, eb: f.exp });
    else known.eb = f.exp;
  }
  const outside: Factor[] = [];
  const partsA: [IntPoly, number][] = [];
  const partsB: [IntPoly, number][] = [];
  for (const [key, { poly, ea, eb }] of keys) {
    const shared = ea > 0 && eb > 0 ? Math.min(ea, eb) : 0;
    const denominator = Math.max(0, -ea, -eb);
    if (shared - denominator !== 0) outside.push({ poly, key, exp: shared - denominator });
    if (ea - shared + denominator > 0) partsA.push([poly, ea - shared + denominator]);
    if (eb - shared + denominator > 0) partsB.push([poly, eb - shared + denominator]);
  }
  // a.coef * PA + bCoef * PB over the integers, divided by the product of the denominators.
  const pa = scale(expandProduct(partsA), a.coef.num * bCoef.den);
  const pb = scale(expandProduct(partsB), bCoef.num * a.coef.den);
  const sum = factoredOfPoly(add(pa, pb));
  if (sum.coef.isZero()) return ZERO_FACTORED;
  const coef = sum.coef.div(Rational.of(a.coef.den * bCoef.den));
  // Common factors with the denominator cancel once, at the end (cancelCommonFactors).
  return { coef, factors: mergeFactors(outside, sum.factors, 1, cancel) };
}

/**
 * Splits every numerator factor and denominator factor by their gcd until all numerator
 * factors are coprime to all denominator factors: `(x^2 - 1)/(x - 1)` is `x + 1`.
 */
export function cancelCommonFactors(a: Factored, cancel: Cancellation): Factored {
  let factors = a.factors.slice();
  let changed = true;
  while (changed) {
    changed = false;
    search: for (let i = 0; i < factors.length; i++) {
      const f = factors[i]!;
      if (f.exp <= 0) continue;
      for (let j = 0; j < factors.length; j++) {
        const d = factors[j]!;
        if (d.exp >= 0 || d.key === f.key || surelyCoprime(f.poly, d.poly)) continue;
        const h = gcd(f.poly, d.poly);
        if (isConstant(h)) continue;
        factors = splitFactors(factors, f, d, h, cancel);
        changed = true;
        break search;
      }
    }
  }
  return { coef: a.coef, factors };
}

/**
 * Whether two different factors are coprime without a gcd: a one-term factor is a single
 * variable (factoredOfPoly splits monomial contents off), which divides no other factor; and
 * factors without a common variable have only constants in common.
 */
function surelyCoprime(a: IntPoly, b: IntPoly): boolean {
  if (a.length === 1 || b.length === 1) return true;
  const inA = new Set<number>();
  for (const t of a) for (let i = 0; i < t.mono.length; i += 2) inA.add(t.mono[i]!);
  for (const t of b) for (let i = 0; i < t.mono.length; i += 2) if (inA.has(t.mono[i]!)) return false;
  return true;
}

/** `f` and `d` each split into `h` times the rest, the `h` parts merged (the numerator's cancels). */
function splitFactors(factors: Factor[], f: Factor, d: Factor, h: IntPoly, cancel: Cancellation): Factor[] {
  const hKey = polyKey(h);
  cancel({ poly: h, key: hKey, exp: d.exp });
  const pieces: Factor[] = [{ poly: h, key: hKey, exp: f.exp + d.exp }];
  for (const g of [f, d]) {
    const rest = divideExact(g.poly, h)!;
    if (!isConstant(rest)) pieces.push({ poly: rest, key: polyKey(rest), exp: g.exp });
  }
  const others = factors.filter((g) => g !== f && g !== d);
  // Merged by key: a rest may equal h or another factor (f = h^2 leaves h).
  return mergeFactors(
    others,
    pieces.filter((g) => g.exp !== 0),
    1,
    cancel,
  );
}
