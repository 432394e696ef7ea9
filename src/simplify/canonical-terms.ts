import { app, num, ONE, type Term, ZERO } from "../term/term.js";
import { requiresNonzero } from "./domain.js";
import { clonePoly, compareMonomials, type Factor, type Monomial, type Poly } from "./polynomial.js";

/** Canonical polynomials written as terms: sums in key order, guards, common factors. */

/**
 * The factors every monomial has with exponents of one sign, each at the exponent smallest
 * in size among them (`x^2*y + x^3` → `x^2`), sorted by slot.
 */
export function commonFactors(monomials: readonly Monomial[]): Factor[] {
  let common = monomials[0]!.factors.slice();
  for (let i = 1; i < monomials.length && common.length > 0; i++) {
    const here = monomials[i]!.factors;
    const next: Factor[] = [];
    let j = 0;
    for (const f of common) {
      while (j < here.length && here[j]!.slot < f.slot) j++;
      const g = here[j];
      if (g === undefined || g.slot !== f.slot || g.exp.sign() !== f.exp.sign()) continue;
      next.push(g.exp.abs().compare(f.exp.abs()) < 0 ? g : f);
    }
    common = next;
  }
  return common;
}

/** A copy of `p` without its guards. */
export function unguardedCopy(p: Poly): Poly {
  const copy = clonePoly(p);
  copy.guards = undefined;
  return copy;
}

/**
 * `t` defined only where every guard is nonzero: `t*g/g` (`g/g` for 1, `g/g - 1` for 0, whose
 * forms survive the e-graph's `0*a = 0`), leaving out guards `t` already shows.
 */
export function guarded(t: Term, guards: readonly Term[] | undefined): Term {
  if (guards === undefined) return t;
  const open = guards.filter((g) => !requiresNonzero(t, g));
  if (open.length === 0) return t;
  let g = open[0]!;
  for (let i = 1; i < open.length; i++) g = app("*", [g, open[i]!]);
  const ratio = app("/", [g, g]);
  if (t === ONE) return ratio;
  if (t === ZERO) return app("-", [ratio, ONE]);
  return app("/", [app("*", [t, g]), g]);
}

export function lastMonomial(p: Poly): Monomial {
  let last: Monomial | undefined;
  for (const m of p.monomials) if (last === undefined || compareMonomials(m, last) > 0) last = m;
  return last!;
}

/** Monomials in key order, summed left to right: a canonical term for equal polynomials. */
export function sumTerm(p: Poly): Term {
  if (p.size === 0) return ZERO;
  const ordered = p.size === 1 ? p.monomials : p.monomials.slice().sort(compareMonomials);
  let sum = monomialTerm(ordered[0]!);
  for (let i = 1; i < ordered.length; i++) sum = app("+", [sum, monomialTerm(ordered[i]!)]);
  return sum;
}

export function monomialTerm(m: Monomial): Term {
  if (m.factors.length === 0) return num(m.coef);
  let product: Term | undefined = m.coef.isOne() ? undefined : num(m.coef);
  for (const f of m.factors) {
    const factor = f.exp.isOne() ? f.base : app("^", [f.base, num(f.exp)]);
    product = product === undefined ? factor : app("*", [product, factor]);
  }
  return product ?? ONE;
}
