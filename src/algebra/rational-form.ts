import { Rational } from "../term/rational.js";
import { app, num, sym, type Term } from "../term/term.js";
import { findInPostorder, postorder, symbolsOf, treeSize } from "../term/traverse.js";
import {
  addFactored,
  type Cancellation,
  cancelCommonFactors,
  constantFactored,
  divideFactored,
  type Factor,
  type Factored,
  multiplyFactored,
  powerFactored,
  variableFactored,
  ZeroDivisor,
} from "./factored.js";
import { type IntPoly, multiply, ONE_POLY, power, withBudget } from "./int-poly.js";
import { AtomTable, polyTerm, powerTerm } from "./poly-term.js";
import { reducePythagoras, sineCosinePairs } from "./pythagoras.js";
import { type ArithmeticField, readTerm } from "./read-term.js";
import { type RootAtom, reduceRoots } from "./root-reduction.js";

/**
 * The rational normal form of a term: numerator and denominator with their common factors
 * cancelled, over atoms (`sin(x)`, `sqrt(x)`, symbols) as variables; inside an atom, an
 * argument with a division is replaced by its own smallest rational form.
 */

export interface RationalFormOptions {
  /**
   * Whether a divisor that is not provably nonzero everywhere may be cancelled (default true:
   * a divisor is nonzero wherever the input is defined). When false, only factors
   * `isNonzero` proves nonzero cancel, and the forms are `undefined` if another would.
   */
  readonly cancelDivisors?: boolean;
  /** Whether an atom (as a term) is nonzero everywhere; default: never. */
  readonly isNonzero?: (atom: Term) => boolean;
  /** Work budget (polynomial term operations); past it there is no rational form. */
  readonly budget?: number;
}

/** The forms of {@link rationalForms}, as terms (not yet in human printing order). */
export interface RationalForms {
  /** `coef * Π factors`, numerator over denominator: `450*(x + 2)`. */
  readonly factored: Term;
  /** Numerator and denominator multiplied out: `(450*x + 900)`. */
  readonly expanded: Term;
  /** Multiplied-out numerator over the factored denominator, when that differs from both. */
  readonly mixed: Term | undefined;
  /** The divisor factors that cancelled, as terms (`x - 1` in `(x^2 - 1)/(x - 1)`). */
  readonly cancelled: readonly Term[];
  /**
   * The same forms with identities between atoms that the ring does not know applied where
   * that is smaller, and common factors cancelled again: `sin(u)^2 + cos(u)^2 = 1`
   * (`pythagoras.ts`), then powers of roots reduced by their radicands
   * (`y/(x^3*sqrt(y/x^2))` is `sqrt(y/x^2)/x`; `root-reduction.ts`). Only when divisors may
   * cancel; `undefined` when nothing changes.
   */
  readonly reduced: WrittenForms | undefined;
}

/** The three written forms of one rational function. */
export type WrittenForms = Pick<RationalForms, "factored" | "expanded" | "mixed">;

/** Work a rational form may take by default: a few milliseconds at most. */
export const DEFAULT_RATIONAL_BUDGET = 20_000;

/** Refusal of a cancellation (strict domains). */
class Refused extends Error {}
const REFUSED = new Refused("cancellation refused");

function isDivision(t: Term): boolean {
  if (t.kind !== "app" || t.args.length !== 2) return false;
  if (t.op === "/") return true;
  const e = t.args[1]!;
  return t.op === "^" && e.kind === "num" && e.value.isNegative();
}

/**
 * The rational forms of `term`, or `undefined` when it has no division (a polynomial is the
 * canonical forms' business), is too large for the budget, divides by zero everywhere, or a
 * cancellation was refused.
 *
 * @example
 * ```ts
 * rationalForms(parseExpression("(x^2 - 1)/(x - 1)", { theory }))?.expanded; // x + 1
 * ```
 */
export function rationalForms(term: Term, options: RationalFormOptions = {}): RationalForms | undefined {
  if (findInPostorder(term, isDivision) === undefined) return undefined;
  const atoms = new AtomTable();
  // Symbols first, in name order: polynomials are then written x before y (`x - y`, `x^2 + y^2`).
  for (const name of symbolsOf(term)) atoms.variableOf(sym(name));
  const cancelled: Factor[] = [];
  const cancelDivisors = options.cancelDivisors ?? true;
  const cancel: Cancellation = (f) => {
    if (!cancelDivisors && !provablyNonzero(f.poly, atoms, options.isNonzero)) throw REFUSED;
    cancelled.push(f);
  };
  try {
    return withBudget(options.budget ?? DEFAULT_RATIONAL_BUDGET, () => {
      const roots: RootAtom[] = [];
      const field = factoredField(atoms, cancel, divisionsIn(term), roots);
      const value = cancelCommonFactors(readTerm(term, field), cancel);
      const forms = writeForms(value, atoms);
      const reduced = cancelDivisors ? withIdentities(value, atoms, roots) : value;
      // Written out, not `...forms`: in Node 20 a spread followed by properties the source
      // lacks takes V8's slow path (about 1-2 us, on every simplification).
      return {
        factored: forms.factored,
        expanded: forms.expanded,
        mixed: forms.mixed,
        cancelled: cancelled.map((f) => polyTerm(f.poly, atoms)),
        reduced: reduced === value ? undefined : writeForms(reduced, atoms),
      };
    });
  } catch (error) {
    if (error instanceof ZeroDivisor || error === REFUSED) return undefined;
    throw error;
  }
}

/** The ids of the subterms of `term` that contain a division. */
function divisionsIn(term: Term): Set<number> {
  const found = new Set<number>();
  for (const t of postorder(term)) {
    if (t.kind !== "app") continue;
    if (isDivision(t) || t.args.some((a) => found.has(a.id))) found.add(t.id);
  }
  return found;
}

/** A single atom known to be nonzero: the only factors a strict domain lets cancel. */
function provablyNonzero(
  p: IntPoly,
  atoms: AtomTable,
  isNonzero: ((t: Term) => boolean) | undefined,
): boolean {
  if (isNonzero === undefined || p.length !== 1 || p[0]!.mono.length !== 2) return false;
  return isNonzero(atoms.termOf(p[0]!.mono[0]!));
}

/**
 * `value` with the identities of {@link RationalForms.reduced} applied where each makes the
 * written forms smaller; `value` itself when none does. Their cancellations widen the domain
 * as any other (not told: only the plain forms are explained by algebra).
 */
function withIdentities(value: Factored, atoms: AtomTable, roots: readonly RootAtom[]): Factored {
  const size = (v: Factored) => formsSize(writeForms(v, atoms));
  const ignore: Cancellation = () => {};
  let result = value;
  const pairs = sineCosinePairs(atoms);
  if (pairs.length > 0) {
    try {
      const rewritten = reducePythagoras(value, pairs, ignore);
      if (rewritten !== value && size(rewritten) < size(value)) result = rewritten;
    } catch (error) {
      // A divisor that is 0 by the identity: the input is undefined everywhere; no reduction.
      if (!(error instanceof ZeroDivisor)) throw error;
    }
  }
  return roots.length > 0 ? reduceRoots(result, roots, ignore, size) : result;
}

/** The least tree size of the written forms. */
function formsSize(forms: WrittenForms): number {
  const sizes = [forms.factored, forms.expanded, ...(forms.mixed ? [forms.mixed] : [])].map(treeSize);
  return Math.min(...sizes);
}

/**
 * Roots of higher degree are plain atoms: reducing `s^k` by `s^q = u` needs exact whole-number
 * exponent arithmetic in doubles, and `u^(1/10^308)` (from `u^(1 + 1e-308)`) made the
 * exponent `1e-308` (a crash); powers that high never come from a person's input anyway.
 */
const MAX_ROOT_DEGREE = 1024n;

/** `t` as a root `u^(1/q)` (or `sqrt(u)`), with `q`; `undefined` for any other term. */
function rootDegree(t: Term): number | undefined {
  if (t.kind !== "app") return undefined;
  if (t.op === "sqrt") return 2;
  const e = t.args[1];
  if (t.op !== "^" || e?.kind !== "num" || e.value.num !== 1n) return undefined;
  return e.value.den > 1n && e.value.den <= MAX_ROOT_DEGREE ? Number(e.value.den) : undefined;
}

/**
 * The arithmetic of factored forms over `atoms`; each root atom met (`u^(1/q)`) is pushed onto
 * `roots` with its radicand.
 */
function factoredField(
  atoms: AtomTable,
  cancel: Cancellation,
  divisions: Set<number>,
  roots: RootAtom[],
): ArithmeticField<Factored> {
  return {
    constant: constantFactored,
    add: (a, b) => addFactored(a, b, cancel),
    subtract: (a, b) => addFactored(a, b, cancel, -1),
    multiply: (a, b) => multiplyFactored(a, b, cancel),
    divide: (a, b) => divideFactored(a, b, cancel),
    negate: (a) => ({ coef: a.coef.neg(), factors: a.factors }),
    power: (a, n) => powerFactored(a, n, cancel),
    constantValue: (a) => (a.factors.length === 0 ? a.coef : undefined),
    atom(t, argValues) {
      let term = t;
      const values = argValues.slice();
      if (t.kind === "app" && t.args.some((arg) => divisions.has(arg.id))) {
        // An argument with a division becomes its smallest rational form.
        const args = t.args.map((arg, i) => {
          if (!divisions.has(arg.id)) return arg;
          values[i] = cancelCommonFactors(argValues[i]!, cancel);
          const forms = writeForms(values[i]!, atoms);
          return smallest([arg, forms.factored, forms.expanded, ...(forms.mixed ? [forms.mixed] : [])]);
        });
        term = app(t.op, args);
      }
      const known = atoms.all.length;
      const variable = atoms.variableOf(term);
      const q = rootDegree(term);
      if (variable === known && q !== undefined && values[0] !== undefined) {
        roots.push({ variable, q, radicand: values[0] });
      }
      return variableFactored(variable);
    },
  };
}

/** The first of `terms` with the least tree size: the form an atom's argument takes. */
export function smallest(terms: readonly Term[]): Term {
  let best = terms[0]!;
  let size = treeSize(best);
  for (const t of terms) {
    const s = treeSize(t);
    if (s < size) [best, size] = [t, s];
  }
  return best;
}

/** `Π poly^exp` over the factors with exponents of the given sign, multiplied out. */
function expanded(factors: readonly Factor[], sign: 1 | -1): IntPoly {
  let product = ONE_POLY;
  for (const f of factors)
    if (Math.sign(f.exp) === sign) product = multiply(product, power(f.poly, f.exp * sign));
  return product;
}

/** `Π poly^|exp|` over the factors with exponents of the given sign, as a product term. */
function productTerm(
  factors: readonly Factor[],
  sign: 1 | -1,
  atoms: AtomTable,
  first?: Term,
): Term | undefined {
  let product = first;
  for (const f of factors) {
    if (Math.sign(f.exp) !== sign) continue;
    const e = f.exp * sign;
    const only = f.poly.length === 1 && f.poly[0]!.mono.length === 2 ? f.poly[0]!.mono[0] : undefined;
    // A single atom's power is one power term (`x^(3/2)` for the atom `x^(1/2)` cubed).
    const factor =
      only !== undefined
        ? powerTerm(atoms.termOf(only), e * f.poly[0]!.mono[1]!)
        : e === 1
          ? polyTerm(f.poly, atoms)
          : app("^", [polyTerm(f.poly, atoms), num(Rational.of(e))]);
    product = product === undefined ? factor : app("*", [product, factor]);
  }
  return product;
}

function quotient(numerator: Term, denominator: Term | undefined): Term {
  return denominator === undefined ? numerator : app("/", [numerator, denominator]);
}

/** The factored, expanded and mixed forms of a value whose factors are coprime. */
function writeForms(value: Factored, atoms: AtomTable): WrittenForms {
  const { coef, factors } = value;
  const p = coef.num;
  const q = coef.den;
  const hasNumerator = factors.some((f) => f.exp > 0);
  const denominatorCount = factors.filter((f) => f.exp < 0).length;
  const lead =
    p === 1n && hasNumerator ? undefined : p === -1n && hasNumerator ? undefined : num(Rational.of(p));
  let numerator = productTerm(factors, 1, atoms, lead)!;
  if (p === -1n && hasNumerator) numerator = app("neg", [numerator]);
  const qTerm = q === 1n ? undefined : num(Rational.of(q));
  const denominator = productTerm(factors, -1, atoms, qTerm);
  const factored = quotient(numerator, denominator);
  const expandedNumerator = polyTerm(expanded(factors, 1), atoms, p);
  const expandedDenominator = denominatorCount === 0 ? qTerm : polyTerm(expanded(factors, -1), atoms, q);
  const expandedForm = quotient(expandedNumerator, expandedDenominator);
  const mixed =
    denominatorCount > 1 || factors.some((f) => f.exp < -1)
      ? quotient(expandedNumerator, denominator)
      : undefined;
  return { factored, expanded: expandedForm, mixed };
}
