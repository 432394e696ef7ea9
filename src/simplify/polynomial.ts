import { Rational } from "../term/rational.js";
import type { Term } from "../term/term.js";

/**
 * Sums of monomials with exact rational coefficients over opaque "bases" (variables, function
 * applications, sums that were not multiplied out). The simplifier's canonical form: equal
 * polynomials are equal maps, so like terms and like factors collect by construction.
 *
 * Powers of one base merge (`x^2 * x^-1 = x`, `x * x^-1 = 1`): equal wherever the product is
 * defined. Such a merge cancels a divisor, so the product would become defined where the base
 * is 0: the merging functions report the bases they cancelled, and the caller keeps them as
 * {@link Poly.guards} unless it can prove them nonzero (`x/x` is 1 only where `x` is not 0).
 */

/** `base ^ exp` inside a monomial. */
export interface Factor {
  readonly base: Term;
  readonly exp: Rational;
  /** Which slot of the monomial it occupies: the base's id (one slot per base). */
  readonly slot: number;
}

/** `coef * factor1 * factor2 * …`, factors sorted by slot (so older bases first). */
export interface Monomial {
  readonly coef: Rational;
  readonly factors: readonly Factor[];
  /** Identifies the factors (not the coefficient): like terms have equal keys. */
  readonly key: string;
}

/**
 * A sum of monomials with distinct keys and nonzero coefficients; the empty map is 0.
 *
 * `guards` lists bases (terms) that must be nonzero where the polynomial stands for its
 * input, though no monomial may show it any more: what is left of a cancelled divisor.
 * `x * x^-1` is the polynomial 1 with guard `x`, printed `x/x`.
 */
export class Poly extends Map<string, Monomial> {
  guards: Term[] | undefined = undefined;
}

/** Adds `guards` to `target`'s guards (mutating it), each base once. */
export function addGuards(target: Poly, guards: readonly Term[] | undefined): void {
  if (guards === undefined) return;
  for (const g of guards) addGuard(target, g);
}

/** Adds one guard base to `target` unless it is there already. */
export function addGuard(target: Poly, base: Term): void {
  if (target.guards === undefined) target.guards = [base];
  else if (!target.guards.includes(base)) target.guards.push(base);
}

export function factorOf(base: Term, exp: Rational): Factor {
  return { base, exp, slot: base.id };
}

export function monomial(coef: Rational, factors: readonly Factor[]): Monomial {
  let key = "";
  for (const f of factors) key += `${f.slot}^${f.exp.key} `;
  return { coef, factors, key };
}

const bySlot = (a: Factor, b: Factor) => a.slot - b.slot;

/**
 * A monomial from factors in any order; folds numeric bases whose power is rational.
 * Pushes onto `cancelled` each base whose negative exponent merged into one that is not
 * negative (`x^2 * x^-1`): the product no longer shows that the base must be nonzero.
 */
export function monomialOf(coef: Rational, factors: Factor[], cancelled?: Term[]): Monomial {
  factors.sort(bySlot);
  // Merge equal slots (they may come from raising a product to a power).
  const merged: Factor[] = [];
  let c = coef;
  for (const f of factors) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.slot === f.slot) {
      const exp = last.exp.add(f.exp);
      if (cancelled !== undefined && (last.exp.isNegative() || f.exp.isNegative()) && !exp.isNegative()) {
        cancelled.push(f.base);
      }
      merged[merged.length - 1] = factorOf(last.base, exp);
    } else merged.push(f);
  }
  const kept: Factor[] = [];
  for (const f of merged) {
    if (f.exp.isZero()) continue;
    if (f.base.kind === "num") {
      const value = safePow(f.base.value, f.exp);
      if (value !== undefined) {
        c = c.mul(value);
        continue;
      }
    }
    kept.push(f);
  }
  return monomial(c, kept);
}

/** `base ^ exp` when it is rational and defined, else `undefined` (never throws). */
export function safePow(base: Rational, exp: Rational): Rational | undefined {
  if (base.isZero() && !exp.isPositive()) return exp.isZero() ? Rational.ONE : undefined;
  return base.pow(exp, 2048);
}

/** The constant polynomial `c`. */
export function constantPoly(c: Rational): Poly {
  const p = new Poly();
  if (!c.isZero()) p.set("", monomial(c, []));
  return p;
}

/** The polynomial `base ^ exp`. */
export function factorPoly(base: Term, exp: Rational): Poly {
  const m = monomialOf(Rational.ONE, [factorOf(base, exp)]);
  const p = new Poly();
  p.set(m.key, m);
  return p;
}

/** The value of a constant polynomial, or `undefined` when it has factors (guards are not read). */
export function constantValue(p: Poly): Rational | undefined {
  if (p.size === 0) return Rational.ZERO;
  if (p.size > 1) return undefined;
  const only = p.values().next().value!;
  return only.factors.length === 0 ? only.coef : undefined;
}

/** The only monomial of `p`, or `undefined` when it has none or several. */
export function singleMonomial(p: Poly): Monomial | undefined {
  return p.size === 1 ? p.values().next().value! : undefined;
}

/** Adds `m` into `target` (mutating it). */
export function addMonomial(target: Poly, m: Monomial): void {
  const existing = target.get(m.key);
  if (existing === undefined) {
    target.set(m.key, m);
    return;
  }
  const coef = existing.coef.add(m.coef);
  if (coef.isZero()) target.delete(m.key);
  else target.set(m.key, monomial(coef, existing.factors));
}

/** `target += source` (mutates and returns `target`); the guards of both are kept. */
export function addInto(target: Poly, source: Poly): Poly {
  for (const m of source.values()) addMonomial(target, m);
  addGuards(target, source.guards);
  return target;
}

/** `target *= c` (mutates and returns `target`; guards stay: the caller decides about `0 * a`). */
export function scaleInto(target: Poly, c: Rational): Poly {
  if (c.isOne()) return target;
  if (c.isZero()) {
    target.clear();
    return target;
  }
  for (const [key, m] of target) target.set(key, monomial(m.coef.mul(c), m.factors));
  return target;
}

/** The product of two monomials; cancelled divisors go to `cancelled` (see {@link monomialOf}). */
export function multiplyMonomials(a: Monomial, b: Monomial, cancelled?: Term[]): Monomial {
  if (a.factors.length === 0) return monomial(a.coef.mul(b.coef), b.factors);
  if (b.factors.length === 0) return monomial(a.coef.mul(b.coef), a.factors);
  return monomialOf(a.coef.mul(b.coef), [...a.factors, ...b.factors], cancelled);
}

/**
 * The product `p * q` multiplied out, or `undefined` when that would take more than `budget`
 * monomial products (the caller then keeps the factors whole). Guards are the caller's.
 */
export function multiplyOut(p: Poly, q: Poly, budget: number, cancelled?: Term[]): Poly | undefined {
  if (p.size * q.size > budget) return undefined;
  const result = new Poly();
  for (const a of p.values())
    for (const b of q.values()) addMonomial(result, multiplyMonomials(a, b, cancelled));
  return result;
}

/** A copy of `p`, guards included, that can be mutated without touching `p`. */
export function clonePoly(p: Poly): Poly {
  const copy = new Poly(p);
  if (p.guards !== undefined) copy.guards = [...p.guards];
  return copy;
}

/** The positive content of `p`'s coefficients: gcd of the numerators over lcm of the denominators. */
export function content(p: Poly): Rational {
  let num = 0n;
  let den = 1n;
  for (const m of p.values()) {
    num = gcd(num, m.coef.num);
    den = (den / gcd(den, m.coef.den)) * m.coef.den;
  }
  return num === 0n ? Rational.ONE : Rational.of(num, den);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}
