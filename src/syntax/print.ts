import { type Term, termText } from "../term/term.js";
import type { Theory } from "../theory.js";
import { printInfix } from "./print-infix.js";
import { printLatex } from "./print-latex.js";
import { printParens } from "./print-parens.js";
import { printSExpr } from "./print-sexpr.js";

/**
 * The output syntaxes: `infix` (conventional, minimal parentheses: `2*x + y`), `parens` (every
 * binary application parenthesised: `((2*x)+y)`), `sexpr` (`(+ (* 2 x) y)`). Each reads back
 * to the identical term: `infix` and `parens` with `parseInfix`, `sexpr` with `parseSExpr`.
 * `latex` (`\frac{1}{x} + y^{2}`) is for typesetting only and does not read back.
 */
export type OutputFormat = "infix" | "parens" | "sexpr" | "latex";

/** The output formats, for option validation and help text. */
export const outputFormats: readonly OutputFormat[] = ["infix", "parens", "sexpr", "latex"];

/**
 * Prints `term` in `format`, spelling operators as `theory` declares them.
 *
 * @example
 * ```ts
 * const t = parseExpression("3*(y + x)", { theory: baseTheory });
 * printTerm(t, "parens", baseTheory); // "(3*(y+x))"
 * printTerm(t, "sexpr", baseTheory);  // "(* 3 (+ y x))"
 * printTerm(t, "latex", baseTheory);  // "3 \\cdot \\left(y + x\\right)"
 * ```
 */
export function printTerm(term: Term, format: OutputFormat, theory: Theory): string {
  switch (format) {
    case "infix":
      return printInfix(term, theory);
    case "parens":
      return printParens(term, theory);
    case "sexpr":
      return printSExpr(term);
    case "latex":
      return printLatex(term, theory);
  }
}

export { printInfix, printLatex, printParens, printSExpr };

// JSON.stringify(term) gives its S-expression (see termText).
termText.sexpr = printSExpr;
