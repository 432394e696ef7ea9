import { type Term, termText } from "../term/term.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
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

/** How {@link printTerm} and the vector printers print: the syntax and the theory spelling operators. */
export interface PrintOptions extends TheoryOption {
  /** Default `infix`. */
  readonly format?: OutputFormat;
}

/**
 * Prints `term` in `format` (default infix), spelling operators as `theory` declares them.
 *
 * @example
 * ```ts
 * const t = parseExpression("3*(y + x)");
 * printTerm(t);                       // "3*(y + x)"
 * printTerm(t, { format: "parens" }); // "(3*(y+x))"
 * printTerm(t, { format: "sexpr" });  // "(* 3 (+ y x))"
 * printTerm(t, { format: "latex" });  // "3 \\cdot \\left(y + x\\right)"
 * ```
 */
export function printTerm(term: Term, options: PrintOptions = {}): string {
  const theory = theoryOrDefault(options.theory);
  switch (options.format ?? "infix") {
    case "infix":
      return printInfix(term, { theory });
    case "parens":
      return printParens(term, { theory });
    case "sexpr":
      return printSExpr(term, { theory });
    case "latex":
      return printLatex(term, { theory });
  }
}

export { printInfix, printLatex, printParens, printSExpr };

// JSON.stringify(term) gives its S-expression (see termText).
termText.sexpr = printSExpr;
