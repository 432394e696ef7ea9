import type { Term } from "../term/term.js";
import { emit } from "./emit.js";

/**
 * Prints a term as an S-expression: `(+ (* x x) (* x y))`, `(neg x)`, numbers as `3`, `-3`,
 * `1/2`, pattern variables as `?a`. Reads back with `parseSExpr` to the identical term.
 * Needs no theory: every application is written `(op arg…)`. Iterative.
 *
 * @example
 * ```ts
 * printSExpr(app("+", [sym("x"), num(1)])); // "(+ x 1)"
 * ```
 */
export function printSExpr(term: Term): string {
  return emit<{ term: Term }>({ term }, ({ term }) => {
    if (term.kind === "sym") return [term.name];
    if (term.kind === "num") return [term.value.key];
    const pieces: (string | { term: Term })[] = [`(${term.op}`];
    for (const arg of term.args) pieces.push(" ", { term: arg });
    pieces.push(")");
    return pieces;
  });
}
