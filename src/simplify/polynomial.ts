import { Rational } from "../term/rational.js";
import type { Term } from "../term/term.js";

/**
 * Sums of monomials with exact rational coefficients over opaque "bases" (variables, function
 * applications, sums that were not multiplied out). The simplifier's canonical form: equal
 * polynomials hold the same monomials, so like terms and like factors collect by construction.
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
export class Monomial {
  private sortKey: string | undefined = undefined;

  /** Use {@link monomial} or {@link monomialOf}. */
  constructor(
    readonly coef: Rational,
    readonly factors: readonly Factor[],
    /** A number that like terms share (equal factors give equal hashes): a quick test. */
    readonly hash: number,
  ) {}

  /**
   * Identifies the factors (not the coefficient): like terms have equal keys. Its text order,
   * `slot^exp ` per factor, is the order in which a sum is written; {@link compareMonomials}
   * computes that order without the text, which is made only when asked for.
   */
  get key(): string {
    if (this.sortKey === undefined) {
      let key = "";
      for (const f of this.factors) key += `${f.slot}^${f.exp.key} `;
      this.sortKey = key;
    }
    return this.sortKey;
  }

  /** Whether `other` has the same factors (they are like terms). */
  sameFactors(other: Monomial): boolean {
    if (this.hash !== other.hash) return false;
    const a = this.factors;
    const b = other.factors;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (a[i]!.slot !== b[i]!.slot || !a[i]!.exp.equals(b[i]!.exp)) return false;
    }
    return true;
  }

  /** This monomial with coefficient `coef`. */
  withCoef(coef: Rational): Monomial {
    const m = new Monomial(coef, this.factors, this.hash);
    m.sortKey = this.sortKey;
    return m;
  }
}

/**
 * The order of two monomials' keys ({@link Monomial.key}), worked out from their factors
 * without writing the keys: negative when `a` comes first, 0 for like monomials.
 */
export function compareMonomials(a: Monomial, b: Monomial): number {
  const fa = a.factors;
  const fb = b.factors;
  const n = Math.min(fa.length, fb.length);
  for (let i = 0; i < n; i++) {
    const x = fa[i]!;
    const y = fb[i]!;
    if (x.slot !== y.slot) return compareSlotTexts(x.slot, y.slot);
    if (!x.exp.equals(y.exp)) return x.exp.key < y.exp.key ? -1 : 1;
  }
  // One factor list starts the other: the shorter key is a prefix, so it comes first.
  return fa.length - fb.length;
}

/**
 * The order of `${a}^` and `${b}^` as text, for different non-negative integers: decimal
 * digits compare as characters, and `^` comes after every digit, so a number whose digits
 * begin the other's comes after it (`123^` < `12^`).
 */
function compareSlotTexts(a: number, b: number): number {
  const da = decimalDigits(a);
  const db = decimalDigits(b);
  if (da === db) return a < b ? -1 : 1;
  // Compare the longer one's leading digits with the shorter one; a tie means the shorter
  // one's digits begin the other's, and then it comes second.
  if (da < db) return a < Math.floor(b / 10 ** (db - da)) ? -1 : 1;
  return Math.floor(a / 10 ** (da - db)) <= b ? -1 : 1;
}

function decimalDigits(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

/**
 * A sum of monomials with distinct factors and nonzero coefficients, in the order they were
 * first added (a monomial that cancels leaves; one that returns goes to the end); no
 * monomials is 0.
 *
 * `guards` lists bases (terms) that must be nonzero where the polynomial stands for its
 * input, though no monomial may show it any more: what is left of a cancelled divisor.
 * `x * x^-1` is the polynomial 1 with guard `x`, printed `x/x`.
 */
export class Poly {
  /** The monomials in order, with `undefined` holes where one was removed (until read). */
  private slots: (Monomial | undefined)[];
  private holes = 0;
  /** Positions by monomial hash, made once the polynomial is large (small ones are scanned). */
  private index: Map<number, number[]> | undefined = undefined;
  guards: Term[] | undefined = undefined;
  /**
   * The term this polynomial was written as, kept by whoever wrote it (the canonicalizer);
   * whoever mutates a polynomial after that clears it. Copies start without one.
   */
  term: Term | undefined = undefined;

  constructor(monomials: Monomial[] = []) {
    this.slots = monomials;
  }

  /** Number of monomials. */
  get size(): number {
    return this.slots.length - this.holes;
  }

  /** The monomials, in order (to read only: change them through the functions below). */
  get monomials(): readonly Monomial[] {
    if (this.holes > 0) this.compact();
    return this.slots as Monomial[];
  }

  /** The position of the monomial like `m`, or -1. */
  private find(m: Monomial): number {
    const slots = this.slots;
    if (this.index === undefined && slots.length > INDEXED_SIZE) this.buildIndex();
    if (this.index === undefined) {
      for (let i = 0; i < slots.length; i++) if (slots[i]?.sameFactors(m)) return i;
      return -1;
    }
    const positions = this.index.get(m.hash);
    if (positions !== undefined) for (const i of positions) if (slots[i]!.sameFactors(m)) return i;
    return -1;
  }

  /** The monomial like `m`, if there is one. */
  like(m: Monomial): Monomial | undefined {
    const i = this.find(m);
    return i < 0 ? undefined : this.slots[i];
  }

  /** Adds `m` into the sum: its coefficient joins a like monomial's, or it goes last. */
  add(m: Monomial): void {
    const i = this.find(m);
    if (i < 0) {
      this.append(m);
      return;
    }
    const coef = this.slots[i]!.coef.add(m.coef);
    if (coef.isZero()) this.removeAt(i);
    else this.slots[i] = this.slots[i]!.withCoef(coef);
  }

  /** Removes the monomial like `m`, if there is one. */
  remove(m: Monomial): void {
    const i = this.find(m);
    if (i >= 0) this.removeAt(i);
  }

  /** Replaces every monomial by `f` of it (same factors, so positions and hashes stay). */
  mapCoefficients(f: (coef: Rational) => Rational): void {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const m = slots[i];
      if (m !== undefined) slots[i] = m.withCoef(f(m.coef));
    }
  }

  /** Removes every monomial. */
  clear(): void {
    this.slots = [];
    this.holes = 0;
    this.index = undefined;
  }

  private append(m: Monomial): void {
    if (this.index !== undefined) {
      const positions = this.index.get(m.hash);
      if (positions === undefined) this.index.set(m.hash, [this.slots.length]);
      else positions.push(this.slots.length);
    }
    this.slots.push(m);
  }

  private removeAt(i: number): void {
    if (this.index !== undefined) {
      const positions = this.index.get(this.slots[i]!.hash)!;
      positions.splice(positions.indexOf(i), 1);
    }
    this.slots[i] = undefined;
    this.holes++;
  }

  private compact(): void {
    const kept: Monomial[] = [];
    for (const m of this.slots) if (m !== undefined) kept.push(m);
    this.slots = kept;
    this.holes = 0;
    if (this.index !== undefined) this.buildIndex();
  }

  private buildIndex(): void {
    const index = new Map<number, number[]>();
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const m = slots[i];
      if (m === undefined) continue;
      const positions = index.get(m.hash);
      if (positions === undefined) index.set(m.hash, [i]);
      else positions.push(i);
    }
    this.index = index;
  }
}

/** Size past which a polynomial finds like monomials through a hash index rather than a scan. */
const INDEXED_SIZE = 24;

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

/** Mixes a factor into a monomial hash: its slot and, roughly, its exponent. */
function mixFactor(hash: number, f: Factor): number {
  const exp = f.exp.isOne() ? 1 : Math.round(f.exp.toNumber() * 64) | 0;
  return Math.imul(Math.imul(hash ^ f.slot, 0x9e3779b1) ^ exp, 0x85ebca6b);
}

/** The monomial `coef * Π factors`, the factors sorted by slot, merged and folded already. */
export function monomial(coef: Rational, factors: readonly Factor[]): Monomial {
  let hash = factors.length;
  for (let i = 0; i < factors.length; i++) hash = mixFactor(hash, factors[i]!);
  return new Monomial(coef, factors, hash);
}

/** Sorts factors by slot in place, keeping equal slots in order (insertion sort: lists are short). */
function sortBySlot(factors: Factor[]): void {
  for (let i = 1; i < factors.length; i++) {
    const f = factors[i]!;
    let j = i - 1;
    while (j >= 0 && factors[j]!.slot > f.slot) {
      factors[j + 1] = factors[j]!;
      j--;
    }
    factors[j + 1] = f;
  }
}

/**
 * A monomial from factors in any order; folds numeric bases whose power is rational.
 * Pushes onto `cancelled` each base whose negative exponent merged into one that is not
 * negative (`x^2 * x^-1`): the product no longer shows that the base must be nonzero.
 */
export function monomialOf(coef: Rational, factors: Factor[], cancelled?: Term[]): Monomial {
  if (factors.length <= 1) return foldedMonomial(coef, factors);
  sortBySlot(factors);
  // Merge equal slots (they may come from raising a product to a power).
  const merged: Factor[] = [];
  for (const f of factors) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.slot === f.slot)
      merged[merged.length - 1] = mergeFactors(last, f, cancelled);
    else merged.push(f);
  }
  return foldedMonomial(coef, merged);
}

/** `last * f` for one slot, noting a divisor it cancels (see {@link monomialOf}). */
function mergeFactors(last: Factor, f: Factor, cancelled: Term[] | undefined): Factor {
  const exp = last.exp.add(f.exp);
  if (cancelled !== undefined && (last.exp.isNegative() || f.exp.isNegative()) && !exp.isNegative()) {
    cancelled.push(f.base);
  }
  return factorOf(last.base, exp);
}

/**
 * The monomial of sorted, merged `factors`, dropping zero powers and folding numbers whose
 * power is rational into the coefficient.
 */
function foldedMonomial(coef: Rational, factors: Factor[]): Monomial {
  let c = coef;
  let kept: Factor[] | undefined;
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i]!;
    let drop = f.exp.isZero();
    if (!drop && f.base.kind === "num") {
      const value = safePow(f.base.value, f.exp);
      if (value !== undefined) {
        c = c.mul(value);
        drop = true;
      }
    }
    if (drop) {
      if (kept === undefined) kept = factors.slice(0, i);
    } else if (kept !== undefined) kept.push(f);
  }
  return monomial(c, kept ?? factors);
}

/** `base ^ exp` when it is rational and defined, else `undefined` (never throws). */
export function safePow(base: Rational, exp: Rational): Rational | undefined {
  if (base.isZero() && !exp.isPositive()) return exp.isZero() ? Rational.ONE : undefined;
  return base.pow(exp, 2048);
}

const NO_FACTORS: readonly Factor[] = [];

/** The constant polynomial `c`. */
export function constantPoly(c: Rational): Poly {
  return c.isZero() ? new Poly() : new Poly([monomial(c, NO_FACTORS)]);
}

/** The polynomial `base ^ exp`. */
export function factorPoly(base: Term, exp: Rational): Poly {
  return polyOfMonomial(monomialOf(Rational.ONE, [factorOf(base, exp)]));
}

/** The polynomial of one monomial (0 when its coefficient is). */
export function polyOfMonomial(m: Monomial): Poly {
  return m.coef.isZero() ? new Poly() : new Poly([m]);
}

/** The value of a constant polynomial, or `undefined` when it has factors (guards are not read). */
export function constantValue(p: Poly): Rational | undefined {
  if (p.size === 0) return Rational.ZERO;
  if (p.size > 1) return undefined;
  const only = p.monomials[0]!;
  return only.factors.length === 0 ? only.coef : undefined;
}

/** The only monomial of `p`, or `undefined` when it has none or several. */
export function singleMonomial(p: Poly): Monomial | undefined {
  return p.size === 1 ? p.monomials[0] : undefined;
}

/** Adds `m` into `target` (mutating it). */
export function addMonomial(target: Poly, m: Monomial): void {
  target.add(m);
}

/** `target += source` (mutates and returns `target`); the guards of both are kept. */
export function addInto(target: Poly, source: Poly): Poly {
  for (const m of source.monomials) addMonomial(target, m);
  addGuards(target, source.guards);
  return target;
}

/** `target -= source` (mutates and returns `target`); the guards of both are kept. */
export function subtractInto(target: Poly, source: Poly): Poly {
  for (const m of source.monomials) addMonomial(target, m.withCoef(m.coef.neg()));
  addGuards(target, source.guards);
  return target;
}

/** `target *= c` (mutates and returns `target`; guards stay: the caller decides about `0 * a`). */
export function scaleInto(target: Poly, c: Rational): Poly {
  if (c.isOne()) return target;
  if (c.isZero()) target.clear();
  else target.mapCoefficients((coef) => coef.mul(c));
  return target;
}

/** The product of two monomials; cancelled divisors go to `cancelled` (see {@link monomialOf}). */
export function multiplyMonomials(a: Monomial, b: Monomial, cancelled?: Term[]): Monomial {
  const coef = a.coef.mul(b.coef);
  if (a.factors.length === 0) return b.withCoef(coef);
  if (b.factors.length === 0) return a.withCoef(coef);
  // Both factor lists are sorted by slot: merge them (a's first on a tie, as a stable sort).
  const fa = a.factors;
  const fb = b.factors;
  const merged: Factor[] = [];
  let i = 0;
  let j = 0;
  let mergedAny = false;
  while (i < fa.length || j < fb.length) {
    const x = fa[i];
    const y = fb[j];
    if (y === undefined || (x !== undefined && x.slot < y.slot)) {
      merged.push(x!);
      i++;
    } else if (x === undefined || y.slot < x.slot) {
      merged.push(y);
      j++;
    } else {
      merged.push(mergeFactors(x, y, cancelled));
      mergedAny = true;
      i++;
      j++;
    }
  }
  // Factors of a monomial are folded already: only a merge can make a zero power or a number to fold.
  return mergedAny ? foldedMonomial(coef, merged) : monomial(coef, merged);
}

/**
 * The product `p * q` multiplied out, or `undefined` when that would take more than `budget`
 * monomial products (the caller then keeps the factors whole). Guards are the caller's.
 */
export function multiplyOut(p: Poly, q: Poly, budget: number, cancelled?: Term[]): Poly | undefined {
  if (p.size * q.size > budget) return undefined;
  const result = new Poly();
  for (const a of p.monomials)
    for (const b of q.monomials) addMonomial(result, multiplyMonomials(a, b, cancelled));
  return result;
}

/** A copy of `p`, guards included, that can be mutated without touching `p`. */
export function clonePoly(p: Poly): Poly {
  const copy = new Poly(p.monomials.slice());
  if (p.guards !== undefined) copy.guards = p.guards.slice();
  return copy;
}

/** The positive content of `p`'s coefficients: gcd of the numerators over lcm of the denominators. */
export function content(p: Poly): Rational {
  let g = Rational.ZERO;
  for (const m of p.monomials) g = Rational.gcd(g, m.coef);
  return g.isZero() ? Rational.ONE : g;
}
