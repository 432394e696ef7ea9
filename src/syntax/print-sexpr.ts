import type { Term } from "../term/term.js";
import type { Theory, TheoryOption } from "../theory.js";
import { type MaxNodesOption, requirePrintable } from "./print-size.js";
import { declaredOperator, syntaxTableOf, variableSpelling } from "./syntax-table.js";
import { TextChunks } from "./text-chunks.js";

/**
 * Prints a term as an S-expression: `(+ (* x x) (* x y))`, `(neg x)`, numbers as `3`, `-3`,
 * `1/2`, pattern variables as `?a`, named constants alone as `pi`. Reads back with `parseSExpr` to the identical term.
 * Every application is written `(op arg…)`; the theory, when given, tells which variables to
 * quote (`'pi'`, a variable named like a constant or a word symbol); without one, none is. Iterative.
 *
 * @example
 * ```ts
 * printSExpr(app("+", [sym("x"), num(1)])); // "(+ x 1)"
 * ```
 */
export function printSExpr(term: Term, options: TheoryOption & MaxNodesOption = {}): string {
  requirePrintable(term, options);
  const theory = options.theory;
  let out = "";
  const chunks = new TextChunks();
  // What is left to write, last first: text, or a term.
  const stack: (Term | string)[] = [term];
  while (stack.length > 0) {
    out = chunks.flush(out);
    const item = stack.pop()!;
    if (typeof item === "string") out += item;
    else if (item.kind === "sym")
      // As in infix: a variable named like a constant or a word symbol is quoted (`'pi'`).
      out += theory === undefined ? item.name : sexprVariable(item.name, theory);
    else if (item.kind === "num") out += item.value.key;
    else if (item.args.length === 0)
      // A named constant alone, `pi`; in parentheses, `(tau)`, when infix writes it otherwise
      // (`:call` another name), since a lone atom is read as infix.
      out += theory === undefined || writtenAlone(item.op, theory) ? item.op : `(${item.op})`;
    else {
      out += `(${item.op}`;
      stack.push(")");
      for (let i = item.args.length - 1; i >= 0; i--) stack.push(item.args[i]!, " ");
    }
  }
  return chunks.finish(out);
}

/**
 * A variable as an S-expression atom: quoted when the bare name reads as something else, that
 * is when it names a constant (`pi`, by operator name as the S-expression reader looks it up)
 * or would in infix (a word symbol, or a constant's call name), since a lone atom is read as infix.
 */
function sexprVariable(name: string, theory: Theory): string {
  if (declaredOperator(theory, name)?.arity === 0) return `'${name}'`;
  return variableSpelling(name, syntaxTableOf(theory));
}

/** Whether the constant `op` alone reads back as itself in infix too: it is written `op`. */
function writtenAlone(op: string, theory: Theory): boolean {
  const syntax = declaredOperator(theory, op)?.syntax;
  return syntax?.kind === "call" && syntax.name === op;
}
