import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { emit } from "./emit.js";
import { isIntegerLiteralDivision } from "./print-infix.js";
import { isWordSymbol, syntaxOfApplication, syntaxTableOf } from "./syntax-table.js";

/**
 * Prints a term fully parenthesised, the style of the article dsat grew from: every binary
 * application in parentheses and no blanks, so the structure is visible at a glance.
 *
 * `3*(y + x)` prints `(3*(y+x))`; `x*x + (x*y + y*(y*y))` prints `((x*x)+((x*y)+(y*(y*y))))`.
 * Prefix applications are parenthesised too (`(-x)`), calls are `sin(x)` and `d(x,(x^2))`,
 * rationals `(1/2)`. Negative numbers are `-3`, or `(-3)` where a bare `-3` would read back
 * differently (`((-3)^2)`) or be hard to read (`(x-(-3))`). The application `(/ 1 2)` prints
 * `(1/(2))` so that it does not read back as the number 1/2.
 *
 * The output reads back with {@link parseInfix} to the identical term. Iterative.
 *
 * @example
 * ```ts
 * printParens(parseInfix("3*(y + x)", { theory }), theory); // "(3*(y+x))"
 * ```
 */
export function printParens(term: Term, theory: Theory): string {
  const negation = syntaxTableOf(theory).negationPrecedence;
  return emit<Job>({ term, guard: "none" }, (job) => {
    const { term, guard } = job;
    if (term.kind === "sym") return [term.name];
    if (term.kind === "num") {
      const value = term.value;
      if (!value.isInteger()) return [`(${value.key})`];
      if (guard === "always" || (guard === "minus" && value.isNegative())) return [`(${value.key})`];
      return [value.key];
    }
    const syntax = syntaxOfApplication(term, theory);
    if (syntax.kind === "call") {
      const pieces: (string | Job)[] = [`${syntax.name}(`];
      term.args.forEach((arg, i) => {
        if (i > 0) pieces.push(",");
        pieces.push({ term: arg, guard: "none" });
      });
      pieces.push(")");
      return pieces;
    }
    if (syntax.kind === "prefix") {
      const symbol = isWordSymbol(syntax.symbol) ? `${syntax.symbol} ` : syntax.symbol;
      // `(-3)` would read back as the literal -3, so (neg 3) prints `(-(3))`.
      const operand: Guard = term.op === "neg" ? "always" : "minus";
      return ["(", symbol, { term: term.args[0]!, guard: operand }, ")"];
    }
    const [left, right] = term.args as [Term, Term];
    const symbol = isWordSymbol(syntax.symbol) ? ` ${syntax.symbol} ` : syntax.symbol;
    const integerDivision = term.op === "/" && isIntegerLiteralDivision(term);
    return [
      "(",
      // `-3^2` reads as -(3^2), so a negative left operand of a tighter operator needs parentheses.
      { term: left, guard: syntax.precedence > negation ? "minus" : "none" },
      symbol,
      { term: right, guard: integerDivision ? "always" : "minus" },
      ")",
    ];
  });
}

/**
 * When an integer literal needs parentheses: `"minus"` when negative, `"always"` even when
 * not (the operand of `neg`, the divisor of `(/ 1 2)`).
 */
type Guard = "none" | "minus" | "always";

interface Job {
  readonly term: Term;
  readonly guard: Guard;
}
