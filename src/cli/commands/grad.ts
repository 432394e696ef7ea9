import { printBindings } from "../../calculus/cse.js";
import { type CalculusOptions, Differentiator } from "../../calculus/differentiator.js";
import { checkVariableNames, freeVariables } from "../../calculus/free-variables.js";
import { printMatrix, printVector } from "../../calculus/print-array.js";
import { gradient } from "../../calculus/vector-calculus.js";
import type { Term } from "../../term/term.js";
import type { Theory } from "../../theory.js";
import { type ParsedArgs, parseArgs } from "../args.js";
import { batchOptions, batchUsage, runBatchCommand } from "../batch-options.js";
import type { Command, Output } from "../command.js";
import { inputOptions, outputFormat, outputOptions, readExpression, theoryFor } from "../context.js";
import { arrayFields, jsonWanted, printJson } from "../json.js";
import { bindingFields, resultForm, sharedOutputOptions, sharedOutputUsage } from "../shared-output.js";
import { simplifyLimitOptions, simplifyOptionsFrom } from "./simplify.js";

/** Options shared by `dsat grad`, `dsat jacobian` and `dsat hessian`. */
export const calculusCommandOptions = {
  ...inputOptions,
  ...outputOptions,
  ...sharedOutputOptions,
  "no-simplify": { kind: "flag" },
  ...simplifyLimitOptions,
} as const;

/**
 * The variables named on the command line (`x y`, `x,y` or both), checked; when none are
 * named, the free variables of `terms` in name order.
 */
export function variablesFrom(words: readonly string[], terms: readonly Term[], theory: Theory): string[] {
  const names = checkVariableNames(
    words.flatMap((w) => w.split(",")).filter((w) => w !== ""),
    terms,
    theory,
  );
  return names.length > 0 ? names : freeVariables(terms);
}

/** A differentiator that simplifies as `dsat diff` does (or only cleans up, with --no-simplify). */
export function differentiatorFor(args: ParsedArgs, theory: Theory): Differentiator {
  const options: CalculusOptions = args.flags.has("no-simplify")
    ? { theory, simplify: false }
    : { theory, simplify: simplifyOptionsFrom(args, theory) };
  return new Differentiator(options);
}

/**
 * Prints a vector or a matrix: `[a, b]`, `[[a, b], [c, d]]`; with `--cse`, or when its entries
 * as trees are larger than `--max-output`, first the shared subexpressions bound once
 * (`let t1 = …`), then the result in terms of them; with `--json`, those under `bindings`.
 */
export function printCalculusResult(
  out: Output,
  result: readonly Term[] | readonly (readonly Term[])[],
  args: ParsedArgs,
  theory: Theory,
): void {
  const isMatrix = result.length > 0 && Array.isArray(result[0]);
  const rows = (isMatrix ? result : [result]) as readonly (readonly Term[])[];
  const form = resultForm(rows.flat(), args, out);
  let next = 0;
  const reshaped = rows.map((row) => row.map(() => form.roots[next++]!));
  if (jsonWanted(args)) {
    const shaped = isMatrix ? reshaped : (reshaped[0] ?? []);
    printJson(out, { ...bindingFields(form, theory), ...arrayFields(shaped, theory, form.limit) });
    return;
  }
  const options = { format: outputFormat(args), theory, ...form.limit };
  for (const line of printBindings(form.bindings, options)) out.stdout(line);
  out.stdout(isMatrix ? printMatrix(reshaped, options) : printVector(reshaped[0] ?? [], options));
}

export const gradCommand: Command = {
  name: "grad",
  usage: `dsat grad <expr> [<var>...] | --batch FILE|- [<var>...] [--jobs N] [--quiet] [--json] [--cse] [--max-output N] [--no-simplify] [--format infix|parens|sexpr|latex] [--from auto|infix|sexpr] [--rules <file>]...

Prints the gradient of <expr>, [df/dv1, df/dv2, …], each entry simplified as by dsat diff.
Without variables, they are the expression's variables in name order. Variables may also be
given as one comma-separated word (x,y).

${sharedOutputUsage}
--no-simplify applies only the cleanup rules to each derivative.

${batchUsage}

Examples:
  dsat grad "x^2*y + y^3"                 # [2*x*y, x^2 + 3*y^2]
  dsat grad "x*y*z" z y x
  dsat grad "exp(x*y)*sin(x + y)" --cse
  dsat grad --batch exprs.txt x y`,
  run(argv, out) {
    const args = parseArgs("grad", argv, { ...calculusCommandOptions, ...batchOptions });
    if (args.values.has("batch")) return runBatchCommand("grad", "grad", args, out);
    const [expression, ...words] = args.positionals;
    const theory = theoryFor(args);
    const term = readExpression("grad", expression, args, theory);
    const variables = variablesFrom(words, [term], theory);
    printCalculusResult(out, gradient(term, variables, differentiatorFor(args, theory)), args, theory);
    return 0;
  },
};
