import { printMatrix, printVector } from "../calculus/print-array.js";
import { type MaxNodesOption, printTerm } from "../syntax/print.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import type { ParsedArgs } from "./args.js";
import type { Output } from "./command.js";

/**
 * `--json`: every command prints one JSON object on stdout instead of text, `"ok": true` with
 * its result, or `"ok": false` with `"error": {kind, exitCode, message}` (see main.ts). Terms
 * appear in infix, as S-expressions and in LaTeX; docs/cli-json.md lists the fields of each command.
 */

/** Whether the command line asked for JSON. */
export function jsonWanted(args: ParsedArgs): boolean {
  return args.flags.has("json");
}

/** A term as JSON fields: `infix`, `sexpr` and `latex` (`limit`: see `PrintOptions.maxNodes`). */
export function termFields(
  term: Term,
  theory: Theory,
  limit: MaxNodesOption = {},
): { infix: string; sexpr: string; latex: string } {
  return {
    infix: printTerm(term, { format: "infix", theory, ...limit }),
    sexpr: printTerm(term, { format: "sexpr", theory, ...limit }),
    latex: printTerm(term, { format: "latex", theory, ...limit }),
  };
}

/** A vector or matrix of terms as JSON fields, each the bracketed text of `printVector`/`printMatrix`. */
export function arrayFields(
  result: readonly Term[] | readonly (readonly Term[])[],
  theory: Theory,
  limit: MaxNodesOption = {},
): { infix: string; sexpr: string; latex: string } {
  const isMatrix = result.length > 0 && Array.isArray(result[0]);
  const print = (format: "infix" | "sexpr" | "latex") =>
    isMatrix
      ? printMatrix(result as readonly (readonly Term[])[], { format, theory, ...limit })
      : printVector(result as readonly Term[], { format, theory, ...limit });
  return { infix: print("infix"), sexpr: print("sexpr"), latex: print("latex") };
}

/** Prints a successful result as one JSON line. */
export function printJson(out: Output, fields: object): void {
  out.stdout(JSON.stringify({ ok: true, ...fields }));
}
