import { LimitError } from "../errors.js";
import { formatCount } from "../format-count.js";
import { type Term, termText } from "../term/term.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
import { printInfix } from "./print-infix.js";
import { printLatex } from "./print-latex.js";
import { printParens } from "./print-parens.js";
import { printSExpr } from "./print-sexpr.js";
import { DEFAULT_MAX_PRINTED_NODES, type MaxNodesOption, printedSize } from "./print-size.js";

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
 * How {@link printTerm} and the vector printers print: the syntax, the theory spelling
 * operators, and the most nodes a term may have written out as a tree (`maxNodes`).
 */
export interface PrintOptions extends TheoryOption, MaxNodesOption {
  /** Default `infix`. */
  readonly format?: OutputFormat;
}

/**
 * Prints `term` in `format` (default infix), spelling operators as `theory` declares them. A
 * term that written out as a tree has more than `maxNodes` nodes (default a million) is refused
 * with an `OutputTooLargeError`, whatever its size as a shared DAG: print such a term with
 * `commonSubexpressions`, or raise the limit.
 *
 * @example
 * ```ts
 * const t = parseExpression("3*(y + x)");
 * printTerm(t);                       // "3*(y + x)"
 * printTerm(t, { format: "parens" }); // "(3*(y+x))"
 * printTerm(t, { format: "sexpr" });  // "(* 3 (+ y x))"
 * printTerm(t, { format: "latex" });  // "3 \\cdot \\left(y + x\\right)"
 * printTerm(t, { maxNodes: 3 });      // throws OutputTooLargeError (5 nodes)
 * ```
 */
export function printTerm(term: Term, options: PrintOptions = {}): string {
  const theory = theoryOrDefault(options.theory);
  const limit = options.maxNodes === undefined ? {} : { maxNodes: options.maxNodes };
  switch (options.format ?? "infix") {
    case "infix":
      return printInfix(term, { theory, ...limit });
    case "parens":
      return printParens(term, { theory, ...limit });
    case "sexpr":
      return printSExpr(term, { theory, ...limit });
    case "latex":
      return printLatex(term, { theory, ...limit });
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
 * const lines = proof.steps.map((s) => budget.print(s.term, { theory }));
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

  /** `term` printed with `options` (their `maxNodes` aside), or a `LimitError` once the budget is spent. */
  print(term: Term, options: PrintOptions = {}): string {
    this.spend(term);
    return printTerm(term, { ...options, maxNodes: Number.POSITIVE_INFINITY });
  }

  /** Spends the size of `term` as if it were printed (to refuse before costly work); a `LimitError` past the budget. */
  spend(term: Term): void {
    const size = printedSize(term, this.left);
    if (size > this.left) {
      throw new LimitError(
        "size",
        `${this.what} would print more than ${formatCount(this.maxNodes)} nodes (--max-output N raises the limit)`,
      );
    }
    this.left -= size;
  }
}

export { DEFAULT_MAX_PRINTED_NODES, type MaxNodesOption, printedSize } from "./print-size.js";
export { printInfix, printLatex, printParens, printSExpr };

// JSON.stringify(term) gives its S-expression (see termText).
termText.sexpr = printSExpr;
