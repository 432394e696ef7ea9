import { commonSubexpressions, printBindings, type SharedForm } from "../calculus/cse.js";
import { formatCount } from "../format-count.js";
import { DEFAULT_MAX_PRINTED_NODES, type MaxNodesOption, printedSize, printTerm } from "../syntax/print.js";
import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";
import { integerOption, type ParsedArgs } from "./args.js";
import type { Output } from "./command.js";
import { outputFormat } from "./context.js";
import { jsonWanted, printJson, termFields } from "./json.js";

/**
 * Results too large to print as trees. Terms are shared DAGs; printed, a subterm used twice
 * is written twice, so the derivative of `sin(sin(…sin(x)…))` nested 10,000 deep, 30,000
 * distinct subterms, is 50 million nodes as a tree. A result whose tree is larger than
 * `--max-output` is printed in shared form instead, as `--cse` asks for explicitly: each
 * subexpression used more than once bound to a name first (`let t1 = …`), then the result in
 * terms of the names. The shared form is never larger than a few times the DAG, which is
 * already in memory, so it is printed whatever its size.
 */

/** `--cse` and `--max-output N`. */
export const sharedOutputOptions = {
  cse: { kind: "flag" },
  "max-output": { kind: "value" },
} as const;

/** Help text for {@link sharedOutputOptions}. */
export const sharedOutputUsage = `--cse binds every subexpression the result uses more than once to a name, printed first
(let t1 = …), and writes the result in terms of the names. A result that written out as a
tree has more than --max-output N nodes (default ${formatCount(DEFAULT_MAX_PRINTED_NODES)}) is printed that way by itself, with a
note on stderr: nested functions share most of their derivative's subterms, and as a tree it
can be billions of nodes long.`;

/** `--max-output N`: most nodes a result may print as a tree, and a list of steps or a proof in all. */
export function maxOutput(args: ParsedArgs): number {
  return integerOption(args, "max-output", DEFAULT_MAX_PRINTED_NODES);
}

/** Terms ready to print: the bindings they use (none when printed as trees) and how large a tree may be. */
export interface ResultForm extends SharedForm {
  readonly limit: MaxNodesOption;
}

/**
 * `terms` as they are to be printed: shared when `--cse` asks for it or when together they
 * have more than `--max-output` nodes as trees (with a note on stderr saying so), else as they are.
 */
export function resultForm(terms: readonly Term[], args: ParsedArgs, out: Output): ResultForm {
  const maxNodes = maxOutput(args);
  // The shared form is linear in the DAG, so its pieces print without a limit.
  const unlimited = { maxNodes: Number.POSITIVE_INFINITY };
  if (args.flags.has("cse")) return { ...commonSubexpressions(terms), limit: unlimited };
  let total = 0;
  for (const t of terms) {
    total += printedSize(t, maxNodes - total);
    if (total > maxNodes) break;
  }
  if (total <= maxNodes) return { bindings: [], roots: terms, limit: { maxNodes } };
  const shared = commonSubexpressions(terms);
  out.stderr(sharingNote(terms, shared, maxNodes));
  return { ...shared, limit: unlimited };
}

/** Why the result comes in shared form: its size as a tree and as a DAG, and the limit. */
function sharingNote(terms: readonly Term[], shared: SharedForm, maxNodes: number): string {
  let tree = 0;
  const distinct = new Set<number>();
  for (const t of terms) {
    tree += printedSize(t);
    for (const s of postorder(t)) distinct.add(s.id);
  }
  return `note: the result has ${formatCount(tree)} nodes written out as a tree (${formatCount(distinct.size)} distinct subterms), more than --max-output ${formatCount(maxNodes)}; printed with ${formatCount(shared.bindings.length)} shared subexpressions named first (let t1 = …)`;
}

/**
 * Prints one resulting term: in the `--format`, as a tree or in shared form (see
 * {@link resultForm}); with `--json`, as the fields `infix`, `sexpr`, `latex` plus `bindings`
 * when shared, and `extra`.
 */
export function printResult(
  out: Output,
  term: Term,
  args: ParsedArgs,
  theory: Theory,
  extra: object = {},
): void {
  const form = resultForm([term], args, out);
  const root = form.roots[0]!;
  if (jsonWanted(args)) {
    printJson(out, { ...bindingFields(form, theory), ...termFields(root, theory, form.limit), ...extra });
    return;
  }
  const options = { format: outputFormat(args), theory, ...form.limit };
  for (const line of printBindings(form.bindings, options)) out.stdout(line);
  out.stdout(printTerm(root, options));
}

/** `bindings: [{name, infix, sexpr, latex}, …]` for JSON, when there are any. */
export function bindingFields(form: ResultForm, theory: Theory): { bindings?: object[] } {
  if (form.bindings.length === 0) return {};
  return {
    bindings: form.bindings.map((b) => ({ name: b.name.name, ...termFields(b.term, theory, form.limit) })),
  };
}
