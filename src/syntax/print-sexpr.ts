import type { Term } from "../term/term.js";
import { type MaxNodesOption, requirePrintable } from "./print-size.js";
import { TextChunks } from "./text-chunks.js";

/**
 * Prints a term as an S-expression: `(+ (* x x) (* x y))`, `(neg x)`, numbers as `3`, `-3`,
 * `1/2`, pattern variables as `?a`, named constants alone as `pi`. Reads back with `parseSExpr` to the identical term.
 * Needs no theory: every application is written `(op arg…)`. Iterative.
 *
 * @example
 * ```ts
 * printSExpr(app("+", [sym("x"), num(1)])); // "(+ x 1)"
 * ```
 */
export function printSExpr(term: Term, options: MaxNodesOption = {}): string {
  requirePrintable(term, options);
  let out = "";
  const chunks = new TextChunks();
  // What is left to write, last first: text, or a term.
  const stack: (Term | string)[] = [term];
  while (stack.length > 0) {
    out = chunks.flush(out);
    const item = stack.pop()!;
    if (typeof item === "string") out += item;
    else if (item.kind === "sym") out += item.name;
    else if (item.kind === "num") out += item.value.key;
    else if (item.args.length === 0)
      out += item.op; // a named constant: `pi`
    else {
      out += `(${item.op}`;
      stack.push(")");
      for (let i = item.args.length - 1; i >= 0; i--) stack.push(item.args[i]!, " ");
    }
  }
  return chunks.finish(out);
}
