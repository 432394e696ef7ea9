import type { Rational } from "../term/rational.js";
import type { Piece } from "./flat-products.js";
import { compareTerms } from "./structural-order.js";

/**
 * The human printing order of a sum's terms and a product's factors: variables by name, the
 * higher power first, constants last (`x^2 + 2*x*y + 3`).
 */

/** Factors in name order, the higher power of the same base first. */
function comparePieces(a: Piece, b: Piece): number {
  return compareTerms(a.base, b.base) || b.exp.compare(a.exp);
}

/**
 * Sorts the terms of a sum (stably) in lexicographic order of their sorted factors: the term
 * with the earlier variable, or the higher power of the same one, comes first; constants last.
 * Powers of numbers (sqrt(2)) are constants: they do not order terms.
 */
export function sortProducts<T extends { readonly pieces: readonly Piece[] }>(products: T[]): void {
  if (products.length < 2) return;
  const keys: (readonly Piece[])[] = [];
  for (const p of products) {
    const pieces = p.pieces;
    keys.push(
      pieces.some((q) => q.base.kind === "num") ? pieces.filter((q) => q.base.kind !== "num") : pieces,
    );
  }
  if (products.length > SMALL_SORT) {
    const order = products.map((_, i) => i).sort((i, j) => compareKeys(keys[i]!, keys[j]!));
    const sorted = order.map((i) => products[i]!);
    for (let i = 0; i < sorted.length; i++) products[i] = sorted[i]!;
    return;
  }
  // Insertion sort, moving each product with its key: stable, and quick for a few terms.
  for (let i = 1; i < products.length; i++) {
    const product = products[i]!;
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && compareKeys(keys[j]!, key) > 0) {
      products[j + 1] = products[j]!;
      keys[j + 1] = keys[j]!;
      j--;
    }
    products[j + 1] = product;
    keys[j + 1] = key;
  }
}

/** Lengths up to which an insertion sort beats the built-in sort (which costs a fixed set-up per call). */
const SMALL_SORT = 12;

/** Sorts `pieces` stably with {@link comparePieces}. */
export function sortPieces(pieces: Piece[]): void {
  if (pieces.length > SMALL_SORT) {
    pieces.sort(comparePieces);
    return;
  }
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!;
    let j = i - 1;
    while (j >= 0 && comparePieces(pieces[j]!, piece) > 0) {
      pieces[j + 1] = pieces[j]!;
      j--;
    }
    pieces[j + 1] = piece;
  }
}

function compareKeys(p: readonly Piece[], q: readonly Piece[]): number {
  const n = Math.min(p.length, q.length);
  for (let i = 0; i < n; i++) {
    const byBase = compareTerms(p[i]!.base, q[i]!.base);
    if (byBase !== 0) return byBase;
    const byExp = q[i]!.exp.compare(p[i]!.exp);
    if (byExp !== 0) return byExp;
  }
  return q.length - p.length;
}

/** A term of a sum as the human form assembles it: a coefficient times powers. */
interface SignedTerm {
  readonly coef: Rational;
  readonly pieces: readonly Piece[];
}

/**
 * Whether `p`, negative and printed first in its sum, needs a minus sign of its own: a unit
 * numerator over factors (`-x`, `-x/2`); `-2*x` and `-1/x` carry the sign on their number.
 */
export function needsMinus(p: SignedTerm): boolean {
  return p.coef.isNegative() && p.coef.num === -1n && p.pieces.some((q) => q.exp.isPositive());
}

/**
 * A sum of negative terms only leads with its constant when its first term would need a
 * minus sign of its own: `-1 - x` (3 nodes), not `-x - 1` (4). The sign then rides on the
 * number.
 */
export function leadWithConstant(terms: SignedTerm[]): void {
  const last = terms[terms.length - 1]!;
  if (terms.length > 1 && last.pieces.length === 0 && needsMinus(terms[0]!)) terms.unshift(terms.pop()!);
}
