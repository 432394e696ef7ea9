import { type PrintOptions, printTerm } from "../syntax/print.js";
import type { Term } from "../term/term.js";

/**
 * Vectors and matrices of terms as text: `[a, b]` and `[[a, b], [c, d]]`, each entry printed
 * in `format` (`infix`, `parens` or `sexpr`).
 *
 * @example
 * ```ts
 * printVector([x, y]);                                // "[x, y]"
 * printMatrix([[x, ONE], [ZERO, y]], { format: "sexpr" }); // "[[x, 1], [0, y]]"
 * ```
 */
export function printVector(terms: readonly Term[], options: PrintOptions = {}): string {
  return `[${terms.map((t) => printTerm(t, options)).join(", ")}]`;
}

/** A matrix given as its rows; see {@link printVector}. */
export function printMatrix(rows: readonly (readonly Term[])[], options: PrintOptions = {}): string {
  return `[${rows.map((row) => printVector(row, options)).join(", ")}]`;
}
