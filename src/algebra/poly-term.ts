import { Rational } from "../term/rational.js";
import { app, num, ONE, type Term, ZERO } from "../term/term.js";
import type { IntPoly, Monomial } from "./int-poly.js";

/**
 * The ring's variables and the terms they stand for, and polynomials written back as terms.
 */
export class AtomTable {
  private readonly terms: Term[] = [];
  private readonly byId = new Map<number, number>();

  /** The variable standing for `t` (a new one the first time). */
  variableOf(t: Term): number {
    let v = this.byId.get(t.id);
    if (v === undefined) {
      v = this.terms.length;
      this.terms.push(t);
      this.byId.set(t.id, v);
    }
    return v;
  }

  termOf(v: number): Term {
    return this.terms[v]!;
  }

  /** The variables' terms, in order. */
  get all(): readonly Term[] {
    return this.terms;
  }
}

/**
 * `lead * Π atom^e` (no `lead`: the product alone, `undefined` for no factors). An atom
 * `u^(1/q)` to the power `e` is written `u^(e/q)` (`u` when that is 1).
 */
function monomialTerm(mono: Monomial, atoms: AtomTable, lead?: Term): Term | undefined {
  let product = lead;
  for (let i = 0; i < mono.length; i += 2) {
    const factor = powerTerm(atoms.termOf(mono[i]!), mono[i + 1]!);
    product = product === undefined ? factor : app("*", [product, factor]);
  }
  return product;
}

/** `base ^ e` for an integer `e > 0`, a root's power folded into one exponent. */
export function powerTerm(base: Term, e: number): Term {
  let exponent = Rational.of(e);
  let b = base;
  if (base.kind === "app" && base.op === "^" && base.args[1]!.kind === "num") {
    b = base.args[0]!;
    exponent = exponent.mul(base.args[1]!.value);
  }
  return exponent.isOne() ? b : app("^", [b, num(exponent)]);
}

/** `c * m` with `c` > 0 (no coefficient written for 1). */
function scaledTerm(c: bigint, mono: Monomial, atoms: AtomTable): Term {
  if (mono.length === 0) return num(Rational.of(c));
  return monomialTerm(mono, atoms, c === 1n ? undefined : num(Rational.of(c)))!;
}

/**
 * `p` as a sum of monomials in its order (decreasing lexicographic), negative ones subtracted
 * (`x^2 - 1`); `-x` is `neg(x)` only in the first place.
 *
 * @example
 * ```ts
 * polyTerm(x^2 - 1, atoms); // (- (^ x 2) 1)
 * ```
 */
export function polyTerm(p: IntPoly, atoms: AtomTable, multiplier = 1n): Term {
  if (p.length === 0) return ZERO;
  let sum: Term | undefined;
  for (const t of p) {
    const c = t.coef * multiplier;
    const magnitude = scaledTerm(c < 0n ? -c : c, t.mono, atoms);
    if (sum === undefined) sum = c < 0n ? negated(c, t.mono, atoms) : magnitude;
    else sum = app(c < 0n ? "-" : "+", [sum, magnitude]);
  }
  return sum ?? ONE;
}

/** `c * m` for a negative `c`: `-m`, `-k*m` or the number `c`. */
function negated(c: bigint, mono: Monomial, atoms: AtomTable): Term {
  if (mono.length === 0) return num(Rational.of(c));
  if (c === -1n) return app("neg", [monomialTerm(mono, atoms)!]);
  return monomialTerm(mono, atoms, num(Rational.of(c)))!;
}
