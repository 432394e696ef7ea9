import { Rational } from "../term/rational.js";
import type { App, Term } from "../term/term.js";

/**
 * Sums and products read as flat lists: a cluster of `+ - neg * / ^ sqrt` becomes the terms
 * of a sum, each a coefficient times powers of bases (`3*x^2/y` is 3 · x^2 · y^-1). The human
 * form (human-form.ts) reads every cluster through {@link flatten}.
 */

/** `base ^ exp` inside a product (exp may be negative: a divisor). */
export interface Piece {
  readonly base: Term;
  readonly exp: Rational;
}

/** One term of a sum, `coef * Π base^exp`, as {@link flatten} reads it: shared, so never changed. */
export interface FlatProduct {
  readonly coef: Rational;
  readonly pieces: readonly Piece[];
}

/** Leaves of one cluster beyond which the cluster is printed as it stands (shared DAGs can be huge as trees). */
const MAX_CLUSTER_LEAVES = 200_000;

export const HALF = Rational.of(1n, 2n);
const ONE_RATIONAL = Rational.ONE;
const MINUS_ONE_RATIONAL = Rational.MINUS_ONE;

export function isAdditive(t: Term): boolean {
  return t.kind === "app" && (t.op === "+" || t.op === "-" || t.op === "neg");
}

export function isMultiplicative(t: App): boolean {
  if (t.args.length !== 2) return false;
  return t.op === "*" || t.op === "/" || (t.op === "^" && t.args[1]!.kind === "num");
}

/** `-r`, without arithmetic for the signs flatten meets at every step. */
function negated(r: Rational): Rational {
  if (r.den === 1n) {
    if (r.num === 1n) return MINUS_ONE_RATIONAL;
    if (r.num === -1n) return ONE_RATIONAL;
  }
  return r.neg();
}

/** Numerators and denominators below this have far fewer bits than `Rational.pow` bounds results by. */
const SMALL_PART = 1n << 1000n;

/**
 * `value ^ exp` as `Rational.pow` gives it (`undefined` when not rational), without its
 * arithmetic for the exponents 1 and -1 that nearly every factor has.
 */
export function powerOf(value: Rational, exp: Rational): Rational | undefined {
  if (exp.den === 1n && (exp.num === 1n || exp.num === -1n) && !value.isZero()) {
    const small = value.num < SMALL_PART && value.num > -SMALL_PART && value.den < SMALL_PART;
    if (small) return exp.num === 1n ? value : Rational.of(value.den, value.num);
  }
  return value.pow(exp);
}

/** `a * b`, skipping the multiplication by 1. */
export function times(a: Rational, b: Rational): Rational {
  if (b.den === 1n && b.num === 1n) return a;
  if (a.den === 1n && a.num === 1n) return b;
  return a.mul(b);
}

// Work stacks of flatten, reused across calls (it never calls itself); empty between calls.
const additiveTerms: Term[] = [];
const additiveNegated: boolean[] = [];
const factorTerms: Term[] = [];
const factorExps: Rational[] = [];

/**
 * The products a sum-or-product cluster rooted at `root` flattens to: additive operators give
 * the terms (with their signs), multiplicative ones the factors, numbers the coefficient.
 * `undefined` for a cluster too large as a tree (then it is converted operator by operator).
 */
export function flatten(root: App, widen = false): FlatProduct[] | undefined {
  const products: FlatProduct[] = [];
  let leaves = 0;
  additiveTerms.push(root);
  additiveNegated.push(false);
  while (additiveTerms.length > 0) {
    const t = additiveTerms.pop()!;
    const negative = additiveNegated.pop()!;
    if (t.kind === "app") {
      const op = t.op;
      if (op === "neg" && t.args.length === 1) {
        additiveTerms.push(t.args[0]!);
        additiveNegated.push(!negative);
        if (++leaves > MAX_CLUSTER_LEAVES) return tooLarge();
        continue;
      }
      if ((op === "+" || op === "-") && t.args.length === 2) {
        additiveTerms.push(t.args[1]!, t.args[0]!);
        additiveNegated.push(op === "-" ? !negative : negative, negative);
        if (++leaves > MAX_CLUSTER_LEAVES) return tooLarge();
        continue;
      }
    }
    let coef = negative ? MINUS_ONE_RATIONAL : ONE_RATIONAL;
    const pieces: Piece[] = [];
    factorTerms.push(t);
    factorExps.push(ONE_RATIONAL);
    while (factorTerms.length > 0) {
      const f = factorTerms.pop()!;
      const exp = factorExps.pop()!;
      if (++leaves > MAX_CLUSTER_LEAVES) return tooLarge();
      if (f.kind === "num") {
        const value = f.value.isZero() && exp.isNegative() ? undefined : powerOf(f.value, exp);
        if (value !== undefined) coef = times(coef, value);
        else pieces.push({ base: f, exp });
        continue;
      }
      if (f.kind === "app" && exp.isInteger()) {
        const op = f.op;
        const arity = f.args.length;
        // Products, quotients and negations split into factors only under an integer power:
        // (x*y)^2 = x^2*y^2 everywhere, but sqrt(x*y) is not sqrt(x)*sqrt(y) for x, y < 0.
        // A quotient under a negative power stays whole: 1/(1/x) is undefined at 0, x is not.
        if (arity === 2 && (op === "*" || (op === "/" && !exp.isNegative()))) {
          factorTerms.push(f.args[1]!, f.args[0]!);
          factorExps.push(op === "/" ? negated(exp) : exp, exp);
          continue;
        }
        if (arity === 1 && op === "neg") {
          if (exp.num % 2n !== 0n) coef = negated(coef);
          factorTerms.push(f.args[0]!);
          factorExps.push(exp);
          continue;
        }
        if (arity === 1 && op === "sqrt") {
          // sqrt(a) is a^(1/2): one spelling, so sorting and printing agree on every pass.
          factorTerms.push(f.args[0]!);
          factorExps.push(exp.mul(HALF));
          continue;
        }
        const power = f.args[1];
        if (
          arity === 2 &&
          op === "^" &&
          power!.kind === "num" &&
          !(exp.isNegative() && power.value.isNegative())
        ) {
          // (a^n)^k = a^(n k) for an integer k, wherever the left side is defined; a^0 = 1.
          const inner = times(power.value, exp);
          if (!inner.isZero()) {
            factorTerms.push(f.args[0]!);
            factorExps.push(inner);
          }
          continue;
        }
      }
      if (f.kind === "app" && !exp.isInteger()) {
        const power = rootPower(f, exp, widen);
        if (power !== undefined) {
          factorTerms.push(power.base);
          factorExps.push(power.exp);
          continue;
        }
      }
      pieces.push({ base: f, exp });
    }
    products.push({ coef, pieces });
  }
  return products;
}

/**
 * A root of a root is one power (sqrt(sqrt(x)) is x^(1/4)): `f^exp` as a power of `a`, for
 * `f` a root of `a` (see {@link rootExponent}) and a fractional `exp`. Wherever a root a^p is
 * defined, a ≥ 0 (a > 0 for 1/a), so (a^p)^q = a^(p q). `undefined` (kept whole) when that
 * would widen the domain, unless `widen`: a whole-number p q (x^(1/2*2) is defined for x < 0)
 * or two negative powers ((1/x)^(-1/2) is sqrt(x), defined at 0).
 */
export function rootPower(f: App, exp: Rational, widen = false): Piece | undefined {
  const inner = rootExponent(f);
  if (inner === undefined || (!widen && exp.isNegative() && inner.isNegative())) return undefined;
  const product = times(inner, exp);
  if (product.isInteger() && !widen) return undefined;
  // The root's base: a in sqrt(a), a^p and 1/a.
  return { base: f.op === "/" ? f.args[1]! : f.args[0]!, exp: product };
}

/**
 * `p` when `f` is `sqrt(a)` (p = 1/2), `1/a` (p = -1) or `a^p` for a number `p` that is not a
 * whole number or is odd: then a fractional power of `f` is defined only where `a ≥ 0` (a^(1/3)
 * is undefined for a < 0, as in `evaluate`; a^3 and 1/a have the sign of a), so its powers are
 * powers of `a`.
 */
function rootExponent(f: App): Rational | undefined {
  if (f.op === "sqrt" && f.args.length === 1) return HALF;
  if (f.op === "/" && f.args.length === 2) {
    // Not over a number's power (1/0^2, which the human form leaves as it is, undefined).
    const [top, bottom] = f.args as [Term, Term];
    const constant =
      bottom.kind === "num" ||
      (bottom.kind === "app" && bottom.args.length > 0 && bottom.args[0]!.kind === "num");
    return top.kind === "num" && top.value.isOne() && !constant ? MINUS_ONE_RATIONAL : undefined;
  }
  if (f.op !== "^" || f.args.length !== 2) return undefined;
  const power = f.args[1]!;
  if (power.kind !== "num") return undefined;
  const p = power.value;
  return !p.isInteger() || p.num % 2n !== 0n ? p : undefined;
}

/** Empties flatten's work stacks for the next call, and gives its answer for a cluster too large. */
function tooLarge(): undefined {
  additiveTerms.length = 0;
  additiveNegated.length = 0;
  factorTerms.length = 0;
  factorExps.length = 0;
  return undefined;
}
