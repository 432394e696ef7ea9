import { LimitError } from "../errors.js";
import { type Term, termText } from "../term/term.js";
import type { Theory } from "../theory.js";
import { printInfix } from "./print-infix.js";
import { printLatex } from "./print-latex.js";
import { printParens } from "./print-parens.js";
import { printSExpr } from "./print-sexpr.js";
import { DEFAULT_MAX_PRINTED_NODES, type PrintOptions, printedSize } from "./print-size.js";

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
 * Prints `term` in `format`, spelling operators as `theory` declares them. A term that written
 * out as a tree has more than `options.maxNodes` nodes (default a million) is refused with an
 * `OutputTooLargeError`, whatever its size as a shared DAG: print such a term with
 * `commonSubexpressions`, or raise the limit.
 *
 * @example
 * ```ts
 * const t = parseExpression("3*(y + x)", { theory: baseTheory });
 * printTerm(t, "parens", baseTheory); // "(3*(y+x))"
 * printTerm(t, "sexpr", baseTheory);  // "(* 3 (+ y x))"
 * printTerm(t, "latex", baseTheory);  // "3 \\cdot \\left(y + x\\right)"
 * printTerm(t, "infix", baseTheory, { maxNodes: 3 }); // throws OutputTooLargeError (5 nodes)
 * ```
 */
export function printTerm(
  term: Term,
  format: OutputFormat,
  theory: Theory,
  options: PrintOptions = {},
): string {
  switch (format) {
    case "infix":
      return printInfix(term, theory, options);
    case "parens":
      return printParens(term, theory, options);
    case "sexpr":
      return printSExpr(term, options);
    case "latex":
      return printLatex(term, theory, options);
  }
}

/**
 * A limit on the nodes that many prints make together: the lines of a proof or of a list of
 * steps, each term printed whole, can be quadratic in the size of the terms. Each
 * {@link PrintBudget.print} spends the size of its term; past `maxNodes` in all, it throws a
 * `LimitError` naming `what` is printed.
 *
 * @example
 * ```ts
 * const budget = new PrintBudget("the proof", 1_000_000);
 * const lines = proof.steps.map((s) => budget.print(s.term, "infix", theory));
 * ```
 */
export class PrintBudget {
  private left: number;
  constructor(
    readonly what: string,
    readonly maxNodes = DEFAULT_MAX_PRINTED_NODES,
  ) {
    this.left = maxNodes;
  }

  print(term: Term, format: OutputFormat, theory: Theory): string {
    const size = printedSize(term, this.left);
    if (size > this.left) {
      throw new LimitError(
        "size",
        `${this.what} would print more than ${this.maxNodes.toLocaleString("en-US")} nodes (--max-output N raises the limit)`,
      );
    }
    this.left -= size;
    return printTerm(term, format, theory, { maxNodes: Number.POSITIVE_INFINITY });
  }
}

export { DEFAULT_MAX_PRINTED_NODES, type PrintOptions, printedSize } from "./print-size.js";
export { printInfix, printLatex, printParens, printSExpr };

// JSON.stringify(term) gives its S-expression (see termText).
termText.sexpr = printSExpr;
