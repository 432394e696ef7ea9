/**
 * Sparse multivariate polynomials with exact integer (bigint) coefficients, the ground ring of
 * the rational functions in this layer. Variables are small non-negative integers; what they
 * stand for (a symbol, `sin(x)`, …) is the caller's business.
 *
 * A monomial is a flat list `[v0, e0, v1, e1, …]` of variables in increasing order with
 * positive exponents. A polynomial is a list of terms in decreasing lexicographic order
 * (variable 0 most significant), distinct monomials and nonzero coefficients, so equal
 * polynomials have equal lists and {@link polyKey}s.
 *
 * Every operation spends from a work budget ({@link withBudget}): multiplying out or dividing
 * large polynomials stops with `undefined` instead of taking unbounded time or memory.
 */

/** `[v0, e0, v1, e1, …]`, variables increasing, exponents positive. */
export type Monomial = readonly number[];

export interface PolyTerm {
  readonly mono: Monomial;
  readonly coef: bigint;
}

/** Terms in decreasing lexicographic order of their monomials; `[]` is 0. */
export type IntPoly = readonly PolyTerm[];

const NO_VARIABLES: Monomial = [];

export const ZERO_POLY: IntPoly = [];
export const ONE_POLY: IntPoly = [{ mono: NO_VARIABLES, coef: 1n }];

/** Thrown inside a budgeted computation when its work budget is spent; caught by {@link withBudget}. */
class BudgetSpent extends Error {}
const SPENT = new BudgetSpent("polynomial work budget spent");

/** Work left for the current {@link withBudget} call (term operations). */
let fuel = Number.POSITIVE_INFINITY;

/** Counts `n` units of work against the current budget. */
export function spend(n: number): void {
  fuel -= n;
  if (fuel < 0) throw SPENT;
}

/**
 * The largest coefficient a budgeted computation may make: 8,192 bits, far past any constant
 * a result can print (results must evaluate in floating point, below 2^1024), and small enough
 * that arithmetic on it stays cheap. The term budget alone does not bound the cost: one
 * product of few terms can hold a million-digit coefficient (`(log(u) + 1e9999)^100`).
 */
const COEFFICIENT_LIMIT = 1n << 8192n;

/**
 * Spends the budget at once when `c` is past {@link COEFFICIENT_LIMIT} inside a budgeted
 * computation; returns `c`.
 */
export function boundedCoefficient(c: bigint): bigint {
  if (fuel !== Number.POSITIVE_INFINITY && (c > COEFFICIENT_LIMIT || c < -COEFFICIENT_LIMIT)) {
    fuel = -1;
    throw SPENT;
  }
  return c;
}

/**
 * `compute()`, or `undefined` when it needs more than `limit` units of work (about one unit per
 * term of every polynomial made). Nested calls share the outer budget, taking at most `limit`.
 *
 * @example
 * ```ts
 * withBudget(1000, () => mul(p, q)); // the product, or undefined if it is too large
 * ```
 */
export function withBudget<T>(limit: number, compute: () => T): T | undefined {
  const outer = fuel;
  const inner = Math.min(limit, outer);
  fuel = inner;
  try {
    return compute();
  } catch (error) {
    if (error === SPENT) return undefined;
    throw error;
  } finally {
    fuel = outer === Number.POSITIVE_INFINITY ? outer : outer - (inner - Math.max(fuel, 0));
  }
}

/** Lexicographic order of two monomials: positive when `a` is larger. */
export function compareMonomials(a: Monomial, b: Monomial): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 2) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? 1 : -1;
    if (a[i + 1] !== b[i + 1]) return a[i + 1]! > b[i + 1]! ? 1 : -1;
  }
  return a.length - b.length;
}

export function multiplyMonomials(a: Monomial, b: Monomial): Monomial {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      out.push(a[i]!, a[i + 1]!);
      i += 2;
    } else if (i >= a.length || b[j]! < a[i]!) {
      out.push(b[j]!, b[j + 1]!);
      j += 2;
    } else {
      out.push(a[i]!, a[i + 1]! + b[j + 1]!);
      i += 2;
      j += 2;
    }
  }
  return out;
}

/** `a / b` when `b` divides `a`, else `undefined`. */
export function divideMonomials(a: Monomial, b: Monomial): Monomial | undefined {
  const out: number[] = [];
  let i = 0;
  for (let j = 0; j < b.length; j += 2) {
    while (i < a.length && a[i]! < b[j]!) {
      out.push(a[i]!, a[i + 1]!);
      i += 2;
    }
    if (i >= a.length || a[i] !== b[j] || a[i + 1]! < b[j + 1]!) return undefined;
    const e = a[i + 1]! - b[j + 1]!;
    if (e > 0) out.push(a[i]!, e);
    i += 2;
  }
  for (; i < a.length; i += 2) out.push(a[i]!, a[i + 1]!);
  return out;
}

/** The exponent of variable `v` in `m` (0 when absent). */
export function exponentOf(m: Monomial, v: number): number {
  for (let i = 0; i < m.length; i += 2) if (m[i] === v) return m[i + 1]!;
  return 0;
}

/** A text that equal polynomials share: the key of a factor in a product. */
export function polyKey(p: IntPoly): string {
  // A single variable, the commonest factor, has a short key made once.
  if (p.length === 1 && p[0]!.coef === 1n && p[0]!.mono.length === 2 && p[0]!.mono[1] === 1) {
    const v = p[0]!.mono[0]!;
    return (variableKeys[v] ??= `v${v}`);
  }
  let key = "";
  for (const t of p) {
    key += t.coef.toString();
    for (let i = 0; i < t.mono.length; i++) key += i & 1 ? `^${t.mono[i]}` : `.${t.mono[i]}`;
    key += ";";
  }
  return key;
}

const variableKeys: string[] = [];

export function constantPoly(c: bigint): IntPoly {
  return c === 0n ? ZERO_POLY : [{ mono: NO_VARIABLES, coef: boundedCoefficient(c) }];
}

/** The polynomial `v ^ e` (`e` > 0). */
export function variablePoly(v: number, e = 1): IntPoly {
  return [{ mono: [v, e], coef: 1n }];
}

export function isZero(p: IntPoly): boolean {
  return p.length === 0;
}

/** Whether `p` is a constant (0 included). */
export function isConstant(p: IntPoly): boolean {
  return p.length === 0 || (p.length === 1 && p[0]!.mono.length === 0);
}

/** The constant value of a constant polynomial (0 for the zero polynomial). */
export function constantOf(p: IntPoly): bigint {
  return p.length === 0 ? 0n : p[0]!.coef;
}

export function equalPolys(a: IntPoly, b: IntPoly): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.coef !== b[i]!.coef || compareMonomials(a[i]!.mono, b[i]!.mono) !== 0) return false;
  }
  return true;
}

/** `a + k*b` by merging the two term lists. */
function addScaled(a: IntPoly, b: IntPoly, k: bigint): IntPoly {
  spend(a.length + b.length);
  const out: PolyTerm[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i < a.length && j < b.length ? compareMonomials(a[i]!.mono, b[j]!.mono) : i < a.length ? 1 : -1;
    if (c > 0) out.push(a[i++]!);
    else if (c < 0) {
      const t = b[j++]!;
      out.push(k === 1n ? t : { mono: t.mono, coef: boundedCoefficient(t.coef * k) });
    } else {
      const coef = boundedCoefficient(a[i]!.coef + k * b[j]!.coef);
      if (coef !== 0n) out.push({ mono: a[i]!.mono, coef });
      i++;
      j++;
    }
  }
  return out;
}

export function add(a: IntPoly, b: IntPoly): IntPoly {
  return addScaled(a, b, 1n);
}

export function subtract(a: IntPoly, b: IntPoly): IntPoly {
  return addScaled(a, b, -1n);
}

export function scale(p: IntPoly, k: bigint): IntPoly {
  if (k === 1n) return p;
  if (k === 0n) return ZERO_POLY;
  spend(p.length);
  return p.map((t) => ({ mono: t.mono, coef: boundedCoefficient(t.coef * k) }));
}

export function negate(p: IntPoly): IntPoly {
  return scale(p, -1n);
}

/** `p * m` for a term `m`: the order of the terms is kept. */
function multiplyByTerm(p: IntPoly, m: PolyTerm): IntPoly {
  spend(p.length);
  return p.map((t) => ({
    mono: multiplyMonomials(t.mono, m.mono),
    coef: boundedCoefficient(t.coef * m.coef),
  }));
}

/** Terms with equal monomials summed, zero sums dropped, in decreasing order. */
function collect(terms: PolyTerm[]): IntPoly {
  terms.sort((s, t) => compareMonomials(t.mono, s.mono));
  const out: PolyTerm[] = [];
  for (const t of terms) {
    const last = out[out.length - 1];
    if (last !== undefined && compareMonomials(last.mono, t.mono) === 0) {
      const coef = boundedCoefficient(last.coef + t.coef);
      if (coef === 0n) out.pop();
      else out[out.length - 1] = { mono: last.mono, coef };
    } else out.push(t);
  }
  return out;
}

export function multiply(a: IntPoly, b: IntPoly): IntPoly {
  if (a.length === 0 || b.length === 0) return ZERO_POLY;
  if (a.length === 1) return multiplyByTerm(b, a[0]!);
  if (b.length === 1) return multiplyByTerm(a, b[0]!);
  spend(a.length * b.length);
  const terms: PolyTerm[] = [];
  for (const s of a)
    for (const t of b)
      terms.push({ mono: multiplyMonomials(s.mono, t.mono), coef: boundedCoefficient(s.coef * t.coef) });
  return collect(terms);
}

/** `p ^ n` for an integer `n >= 0`, by repeated squaring. */
export function power(p: IntPoly, n: number): IntPoly {
  let result = ONE_POLY;
  let base = p;
  for (let k = n; k > 0; k >>= 1) {
    if (k & 1) result = multiply(result, base);
    if (k > 1) base = multiply(base, base);
  }
  return result;
}

/**
 * `a / b` when `b` divides `a` exactly with an integer quotient, else `undefined`: division by
 * leading terms in lexicographic order, which ends since each step lowers the leading term.
 */
export function divideExact(a: IntPoly, b: IntPoly): IntPoly | undefined {
  if (b.length === 0) throw new RangeError("polynomial division by zero");
  const lead = b[0]!;
  if (b.length === 1) {
    const out: PolyTerm[] = [];
    for (const t of a) {
      const mono = divideMonomials(t.mono, lead.mono);
      if (mono === undefined || t.coef % lead.coef !== 0n) return undefined;
      out.push({ mono, coef: t.coef / lead.coef });
    }
    spend(a.length);
    return out;
  }
  const quotient: PolyTerm[] = [];
  let rest = a;
  while (rest.length > 0) {
    const top = rest[0]!;
    const mono = divideMonomials(top.mono, lead.mono);
    if (mono === undefined || top.coef % lead.coef !== 0n) return undefined;
    const q = { mono, coef: top.coef / lead.coef };
    quotient.push(q);
    rest = addScaled(rest, multiplyByTerm(b, q), -1n);
  }
  return quotient;
}

/** The variables of `p`, increasing. */
export function variablesOf(p: IntPoly): number[] {
  const seen = new Set<number>();
  for (const t of p) for (let i = 0; i < t.mono.length; i += 2) seen.add(t.mono[i]!);
  return [...seen].sort((a, b) => a - b);
}

/** The degree of `p` in variable `v` (0 for a polynomial without it, and for 0). */
export function degreeIn(p: IntPoly, v: number): number {
  let d = 0;
  for (const t of p) d = Math.max(d, exponentOf(t.mono, v));
  return d;
}

/** Total degree of `p` (0 for constants and for 0). */
export function totalDegree(p: IntPoly): number {
  let d = 0;
  for (const t of p) {
    let e = 0;
    for (let i = 1; i < t.mono.length; i += 2) e += t.mono[i]!;
    d = Math.max(d, e);
  }
  return d;
}

/**
 * `p` as a polynomial in `v`: entry `k` is the coefficient of `v^k` (a polynomial without
 * `v`). Removing `v` from monomials with equal `v`-exponent keeps their order.
 */
export function coefficientsIn(p: IntPoly, v: number): IntPoly[] {
  const coefficients: PolyTerm[][] = [];
  for (let k = degreeIn(p, v); k >= 0; k--) coefficients[k] = [];
  for (const t of p) {
    let k = 0;
    let mono = t.mono;
    for (let i = 0; i < mono.length; i += 2) {
      if (mono[i] === v) {
        k = mono[i + 1]!;
        mono = [...mono.slice(0, i), ...mono.slice(i + 2)];
        break;
      }
    }
    coefficients[k]!.push(k === 0 ? t : { mono, coef: t.coef });
  }
  spend(p.length);
  return coefficients;
}

/** `Σ coefficients[k] * v^k`, for coefficients without `v`. */
export function fromCoefficients(coefficients: readonly IntPoly[], v: number): IntPoly {
  const terms: PolyTerm[] = [];
  for (let k = 0; k < coefficients.length; k++) {
    const c = coefficients[k]!;
    if (k === 0) terms.push(...c);
    else for (const t of c) terms.push({ mono: multiplyMonomials(t.mono, [v, k]), coef: t.coef });
  }
  spend(terms.length);
  return collect(terms);
}

/** The leading coefficient of `p` in `v` (a polynomial without `v`). */
export function leadingCoefficientIn(p: IntPoly, v: number): IntPoly {
  const cs = coefficientsIn(p, v);
  return cs[cs.length - 1]!;
}

function bigGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The gcd of `p`'s coefficients, positive (0 for the zero polynomial). */
export function integerContent(p: IntPoly): bigint {
  let g = 0n;
  for (const t of p) {
    g = bigGcd(g, t.coef);
    if (g === 1n) break;
  }
  return g;
}

/** The common monomial factor of `p`'s terms: each variable at its least exponent. */
export function monomialContent(p: IntPoly): Monomial {
  if (p.length === 0) return NO_VARIABLES;
  let common: number[] = p[0]!.mono.slice();
  for (let i = 1; i < p.length && common.length > 0; i++) {
    const m = p[i]!.mono;
    const next: number[] = [];
    for (let j = 0; j < common.length; j += 2) {
      const e = exponentOf(m, common[j]!);
      if (e > 0) next.push(common[j]!, Math.min(e, common[j + 1]!));
    }
    common = next;
  }
  return common;
}

/** Integer greatest common divisor, exported for the rational-function layer. */
export { bigGcd as integerGcd };
