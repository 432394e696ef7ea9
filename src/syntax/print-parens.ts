import type { Term } from "../term/term.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
import { isIntegerLiteralDivision } from "./print-infix.js";
import { type MaxNodesOption, requirePrintable } from "./print-size.js";
import { syntaxTableOf, variableSpelling, writtenApplication } from "./syntax-table.js";
import { TextChunks } from "./text-chunks.js";

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
 * printParens(parseInfix("3*(y + x)", { theory }), { theory }); // "(3*(y+x))"
 * ```
 */
export function printParens(term: Term, options: TheoryOption & MaxNodesOption = {}): string {
  requirePrintable(term, options);
  const theory = theoryOrDefault(options.theory);
  const table = syntaxTableOf(theory);
  const negation = table.negationPrecedence;
  let out = "";
  const chunks = new TextChunks();
  // What is left to write, last first: text, or a term with the guard its literal needs.
  const items: (Term | string)[] = [term];
  const guards: Guard[] = [NONE];
  const push = (item: Term | string, guard: Guard = NONE) => {
    items.push(item);
    guards.push(guard);
  };
  while (items.length > 0) {
    out = chunks.flush(out);
    const item = items.pop()!;
    const guard = guards.pop()!;
    if (typeof item === "string") {
      out += item;
      continue;
    }
    if (item.kind === "sym") {
      out += variableSpelling(item.name, table);
      continue;
    }
    if (item.kind === "num") {
      const value = item.value;
      const wrapped = !value.isInteger() || guard === ALWAYS || (guard === MINUS && value.isNegative());
      out += wrapped ? `(${value.key})` : value.key;
      continue;
    }
    const written = writtenApplication(item, table);
    const syntax = written.syntax;
    if (syntax.kind === "call") {
      // A named constant is written alone: `pi`, not `pi()`.
      if (item.args.length === 0) {
        out += syntax.name;
        continue;
      }
      out += `${syntax.name}(`;
      push(")");
      const args = item.args;
      for (let i = args.length - 1; i >= 0; i--) {
        push(args[i]!);
        if (i > 0) push(",");
      }
      continue;
    }
    if (syntax.kind === "prefix") {
      out += written.wordSymbol ? `(${syntax.symbol} ` : `(${syntax.symbol}`;
      push(")");
      // `(-3)` would read back as the literal -3, so (neg 3) prints `(-(3))`.
      push(item.args[0]!, item.op === "neg" ? ALWAYS : MINUS);
      continue;
    }
    const integerDivision = item.op === "/" && isIntegerLiteralDivision(item);
    out += "(";
    push(")");
    push(item.args[1]!, integerDivision ? ALWAYS : MINUS);
    push(written.wordSymbol ? ` ${syntax.symbol} ` : syntax.symbol);
    // `-3^2` reads as -(3^2), so a negative left operand of a tighter operator needs parentheses.
    push(item.args[0]!, syntax.precedence > negation ? MINUS : NONE);
  }
  return chunks.finish(out);
}

/**
 * When an integer literal needs parentheses: never, when negative, or even when not (the
 * operand of `neg`, the divisor of `(/ 1 2)`).
 */
const NONE = 0;
const MINUS = 1;
const ALWAYS = 2;
type Guard = typeof NONE | typeof MINUS | typeof ALWAYS;
