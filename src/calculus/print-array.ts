import { type OutputFormat, type PrintOptions, printTerm } from "../syntax/print.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";

/**
 * Vectors and matrices of terms as text: `[a, b]` and `[[a, b], [c, d]]`, each entry printed
 * in `format` (`infix`, `parens` or `sexpr`).
 *
 * @example
 * ```ts
 * printVector([x, y], "infix", theory);            // "[x, y]"
 * printMatrix([[x, ONE], [ZERO, y]], "infix", theory); // "[[x, 1], [0, y]]"
 * ```
 */
export function printVector(
  terms: readonly Term[],
  format: OutputFormat,
  theory: Theory,
  options: PrintOptions = {},
): string {
  return `[${terms.map((t) => printTerm(t, format, theory, options)).join(", ")}]`;
}

/** A matrix given as its rows; see {@link printVector}. */
export function printMatrix(
  rows: readonly (readonly Term[])[],
  format: OutputFormat,
  theory: Theory,
  options: PrintOptions = {},
): string {
  return `[${rows.map((row) => printVector(row, format, theory, options)).join(", ")}]`;
}
