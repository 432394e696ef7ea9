import { Rational } from "../term/rational.js";
import { type App, app, type Term } from "../term/term.js";
import { treeSize } from "../term/traverse.js";
import { type FlatProduct, type Piece, times } from "./flat-products.js";
import { needsMinus, sortPieces } from "./human-order.js";

/**
 * Respellings of a product's powers for the human form (human-form.ts). Its exponentials are
 * one (`exp(x)^2*exp(y)` is `exp(2*x + y)`), and two more are made only when the printed
 * product gets smaller:
 *
 * - powers of one base with symbolic exponents are one power: `x^(2*c)*x^(c - 1)` is
 *   `x^(3*c - 1)`, `(b^e)^3` is `b^(3*e)`;
 * - a number coefficient goes into a sum factor that takes it in for free:
 *   `3*(1/(2*sqrt(x)) + 3)` is `3/(2*sqrt(x)) + 9`, and a product standing alone with the
 *   coefficient -1 flips a sum factor's signs (`-(a - b)*c` is `(b - a)*c`).
 */

/** One term of a sum being assembled (as in human-form.ts): owned by the assembly. */
export interface OwnedProduct {
  coef: Rational;
  readonly pieces: Piece[];
}

/**
 * What the respellings need of the human form: reading and writing sums. Every term it
 * returns is recorded as its own human form.
 */
export interface SumWriter {
  /** The terms of `t` when it is a sum or product cluster, else `undefined`. */
  terms(t: Term): readonly FlatProduct[] | undefined;
  /** The sum of `terms` in human form, like terms collected (an exponent, an angle). */
  collectedSum(terms: readonly FlatProduct[]): Term;
  /** The sum of `terms` in human form, each term as it is (a factor of a product). */
  sum(terms: readonly FlatProduct[]): Term;
  /** `t`, recorded as its own human form (it is built of human forms). */
  adopt<T extends Term>(t: T): T;
}

/** Printed nodes a piece adds to its product: the base, its power, and the joining operator. */
function pieceCost(q: Piece): number {
  const e = q.exp.abs();
  return treeSize(q.base) + 1 + (e.isOne() ? 0 : e.equals(HALF_RATIONAL) ? 1 : 2);
}

const HALF_RATIONAL = Rational.of(1n, 2n);

/** `b^e` with `e` not a number: the power whose exponents can be added. */
function symbolicPower(t: Term): [Term, Term] | undefined {
  if (t.kind !== "app" || t.op !== "^" || t.args.length !== 2 || t.args[1]!.kind === "num") return undefined;
  return [t.args[0]!, t.args[1]!];
}

/**
 * Powers of one base in `pieces` with a symbolic exponent among them become one power, when
 * smaller. Equal wherever the product is defined: there `b^e` is defined for each piece, so
 * `b > 0`, or `b = 0` with exponents ≥ 0, or `b < 0` with whole exponents, and in each case
 * the exponents add. (Defined at more points, so only on the input's domain.)
 */
export function combineSymbolicPowers(pieces: Piece[], writer: SumWriter): void {
  // Most products have no symbolic power: nothing to group.
  if (!pieces.some((q) => q.exp.isInteger() && symbolicPower(q.base) !== undefined)) return;
  const groups = new Map<Term, number[]>();
  for (let k = 0; k < pieces.length; k++) {
    const q = pieces[k]!;
    const base = (q.exp.isInteger() ? symbolicPower(q.base)?.[0] : undefined) ?? q.base;
    const group = groups.get(base);
    if (group === undefined) groups.set(base, [k]);
    else group.push(k);
  }
  const removed = new Set<number>();
  for (const [base, members] of groups) {
    const powers = members.filter(
      (k) => symbolicPower(pieces[k]!.base) !== undefined && pieces[k]!.exp.isInteger(),
    );
    if (powers.length === 0 || (members.length === 1 && pieces[members[0]!]!.exp.abs().isOne())) continue;
    const terms: FlatProduct[] = [];
    let before = 0;
    for (const k of members) {
      const q = pieces[k]!;
      before += pieceCost(q);
      const power = symbolicPower(q.base);
      if (power === undefined) {
        terms.push({ coef: q.exp, pieces: [] });
        continue;
      }
      const flat = writer.terms(power[1]);
      if (flat === undefined) terms.push({ coef: q.exp, pieces: [{ base: power[1], exp: Rational.ONE }] });
      else for (const r of flat) terms.push({ coef: r.coef.mul(q.exp), pieces: r.pieces });
    }
    const exponent = writer.collectedSum(terms);
    const merged: Piece =
      exponent.kind === "num"
        ? { base, exp: exponent.value }
        : { base: app("^", [base, exponent]), exp: Rational.ONE };
    if (!merged.exp.isZero() && pieceCost(merged) >= before) continue;
    pieces[members[0]!] = merged;
    for (const k of members.slice(1)) removed.add(k);
    if (merged.exp.isZero()) removed.add(members[0]!);
  }
  if (removed.size === 0) return;
  let kept = 0;
  for (let k = 0; k < pieces.length; k++) if (!removed.has(k)) pieces[kept++] = pieces[k]!;
  pieces.length = kept;
}

/**
 * Printed nodes the coefficient `c` adds to a product whose other factors are `pieces`
 * (signs aside): a numerator other than 1 and its `*`, a denominator other than 1 and its
 * operator; a bare number when there is nothing else over the line.
 */
function coefficientCost(c: Rational, pieces: readonly Piece[]): number {
  const over = pieces.some((q) => q.exp.isPositive());
  const numerator = c.num < 0n ? -c.num : c.num;
  return (numerator === 1n && over ? 0 : over ? 2 : 1) + (c.den === 1n ? 0 : 2);
}

/**
 * `p`'s coefficient taken into one of its sum factors when the printed product gets smaller
 * (see the file comment). `alone`: `p` is the whole sum, so its sign costs a node.
 */
export function distributeCoefficient(p: OwnedProduct, alone: boolean, writer: SumWriter): void {
  if (p.coef.isOne() || p.coef.isZero()) return;
  const unit = p.coef.abs().isOne();
  if (unit && !alone) return;
  const pieces = p.pieces;
  // In printing order, so that the sum chosen does not depend on how the input was nested
  // (and the human form of a human form is itself).
  sortPieces(pieces);
  for (let k = 0; k < pieces.length; k++) {
    const q = pieces[k]!;
    // The sign alone goes into an odd power too, a divisor's as well: -a/(x - y) is a/(y - x).
    const odd = unit && q.exp.isInteger() && q.exp.num % 2n !== 0n;
    if (!(q.exp.isOne() || odd)) continue;
    if (q.base.kind !== "app" || !(q.base.op === "+" || q.base.op === "-")) continue;
    const terms = writer.terms(q.base);
    if (terms === undefined) continue;
    let growth = 0;
    for (const t of terms)
      growth += coefficientCost(t.coef.mul(p.coef), t.pieces) - coefficientCost(t.coef, t.pieces);
    // -1 alone: the sign is a node (`-(a - b)`, `-(x + 4)`; not `-1/x`, where the number
    // carries it) unless the flipped sum would need one first (`-(x + y)` is no larger than
    // `(-x - y)`; `-4 - x` carries it on the number, but a divisor is only flipped to a
    // difference: `1/(-1 - x^2)` reads worse than `-1/(x^2 + 1)`).
    const flips = q.exp.isNegative() ? terms.some((t) => t.coef.isNegative()) : flipsForFree(terms);
    const saved = unit ? (flips && needsMinus(p) ? 1 : 0) : coefficientCost(p.coef, pieces);
    if (growth >= saved) continue;
    const scaled = terms.map((t) => ({ coef: t.coef.mul(p.coef), pieces: t.pieces }));
    pieces[k] = { base: writer.sum(scaled), exp: q.exp };
    p.coef = Rational.ONE;
    return;
  }
}

/**
 * Whether the sum of `terms` negated prints with no minus sign of its own: it has a term to
 * lead with (a positive one, the constant, see `leadWithConstant`), or its first term carries
 * the sign on a number (`-2*x - y`).
 */
function flipsForFree(terms: readonly FlatProduct[]): boolean {
  if (terms.some((t) => t.coef.isNegative() || t.pieces.length === 0)) return true;
  return terms.every((t) => !needsMinus({ coef: t.coef.neg(), pieces: t.pieces }));
}

/**
 * A power of a reciprocal under a symbolic exponent goes under the fraction bar when the
 * product has a numerator to share it with: `y*(1/x)^u` is `y/x^u`, `-(1/x)^u` is `-1/x^u`.
 * Equal wherever the input is defined: there `x ≠ 0`, and `(1/x)^u` and `x^u` are defined for
 * the same `u` (any for `x > 0`, whole ones for `x < 0`), with `x^u ≠ 0`.
 */
export function reciprocalPowers(p: OwnedProduct, writer: SumWriter): void {
  const pieces = p.pieces;
  for (let k = 0; k < pieces.length; k++) {
    const q = pieces[k]!;
    const reciprocal = q.exp.isInteger() ? symbolicPower(q.base)?.[0] : undefined;
    if (reciprocal?.kind !== "app" || reciprocal.op !== "/") continue;
    const [one, divisor] = reciprocal.args as [Term, Term];
    if (one.kind !== "num" || !one.value.isOne()) continue;
    // Alone over the line, `(1/x)^u` and `1/x^u` are the same size: keep the former.
    const shared = !p.coef.isOne() || pieces.some((r) => r !== q && r.exp.isPositive());
    if (!shared) continue;
    pieces[k] = { base: writer.adopt(app("^", [divisor, (q.base as App).args[1]!])), exp: q.exp.neg() };
  }
}

export function isExponential(t: Term): t is App {
  return t.kind === "app" && t.op === "exp" && t.args.length === 1;
}

/**
 * The exponentials of a product are one, as a textbook writes them: `exp(x)^2` is
 * `exp(2*x)`, `exp(x)*exp(y)` is `exp(x + y)`, `y/exp(x^2/2)` is `y*exp(-x^2/2)` (each for
 * every real argument, exp being positive).
 */
export function combineExponentials(pieces: Piece[], writer: SumWriter): void {
  let count = 0;
  let only: Piece | undefined;
  for (const q of pieces) {
    if (q.exp.isInteger() && isExponential(q.base)) {
      count++;
      only = q;
    }
  }
  // Already one exponential. (This also ends the nesting: the arguments rebuilt below are
  // human forms, whose products end here.)
  if (count === 0 || (count === 1 && only!.exp.isOne())) return;
  const terms: FlatProduct[] = [];
  let kept = 0;
  for (let k = 0; k < pieces.length; k++) {
    const q = pieces[k]!;
    if (!(q.exp.isInteger() && isExponential(q.base))) {
      pieces[kept++] = q;
      continue;
    }
    const argument = q.base.args[0]!;
    const flat = writer.terms(argument);
    if (flat === undefined) terms.push({ coef: q.exp, pieces: [{ base: argument, exp: Rational.ONE }] });
    else for (const r of flat) terms.push({ coef: times(r.coef, q.exp), pieces: r.pieces });
  }
  pieces.length = kept;
  const argument = writer.collectedSum(terms);
  if (argument.kind === "num" && argument.value.isZero()) return;
  pieces.push({ base: writer.adopt(app("exp", [argument])), exp: Rational.ONE });
}

/**
 * `terms` with those of the same factors added up (`x + y - y` is `x`): an exponent gathered
 * from several factors. Quadratic, for the few terms of one product.
 */
export function collectLikeTerms(terms: readonly FlatProduct[]): FlatProduct[] {
  const collected: FlatProduct[] = [];
  for (const t of terms) {
    const like = collected.findIndex((c) => samePieces(c.pieces, t.pieces));
    if (like < 0) collected.push(t);
    else collected[like] = { coef: collected[like]!.coef.add(t.coef), pieces: t.pieces };
  }
  return collected.filter((c) => !c.coef.isZero());
}

function samePieces(a: readonly Piece[], b: readonly Piece[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i]!.base !== b[i]!.base || !a[i]!.exp.equals(b[i]!.exp)) return false;
  return true;
}
