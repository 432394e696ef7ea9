import { OutputTooLargeError } from "../errors.js";
import type { Term } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";
import { postorder } from "../term/traverse.js";

/**
 * The size guard of the printers. Terms are hash-consed DAGs, but text is a tree: a subterm
 * used twice is written twice. A derivative such as that of `sin(sin(…sin(x)…))` nested
 * 10,000 deep has 30,000 distinct subterms and 50 million nodes written out, and printing it
 * would exhaust memory. So every printer first measures the tree it is about to write and
 * refuses, with an {@link OutputTooLargeError} that gives both sizes, beyond `maxNodes`; such
 * a result can still be printed with its shared subexpressions named once
 * (`commonSubexpressions`, `dsat … --cse`).
 */

/** The printers' size limit (part of `PrintOptions`). */
export interface MaxNodesOption {
  /**
   * Most nodes (operators, variables, numbers) the printed tree may have; default
   * {@link DEFAULT_MAX_PRINTED_NODES}. A larger term raises an {@link OutputTooLargeError}.
   */
  readonly maxNodes?: number;
}

/**
 * Default of {@link PrintOptions.maxNodes}: a million nodes print as about 5 MB of text and
 * take about 100 MB while being printed.
 */
export const DEFAULT_MAX_PRINTED_NODES = 1_000_000;

/** Terms with at most this many tree nodes are counted by walking the tree, without a table. */
const SMALL = 4096;

/**
 * Number of nodes of `term` written out as a tree. Counting stops early once the count is
 * past `limit` (the result is then some number above `limit`); the work is at most
 * proportional to the number of distinct subterms, however large the tree.
 *
 * @example
 * ```ts
 * printedSize(parseExpression("sin(x)*sin(x)", { theory })); // 5
 * ```
 */
export function printedSize(term: Term, limit = Number.POSITIVE_INFINITY): number {
  if (term.kind !== "app") return 1;
  // Most terms are small: walk the tree itself, giving up after SMALL nodes.
  const stack: Term[] = [term];
  let count = 0;
  while (stack.length > 0 && count <= SMALL) {
    const t = stack.pop()!;
    count++;
    if (t.kind === "app") for (const a of t.args) stack.push(a);
  }
  if (stack.length === 0) return count;
  // Large: tree sizes of the distinct subterms, children first.
  const sizes = new TermIdMap<number>();
  for (const t of postorder(term)) {
    let size = 1;
    if (t.kind === "app") for (const a of t.args) size += sizes.get(a.id)!;
    if (size > limit) return size;
    sizes.set(t.id, size);
  }
  return sizes.get(term.id)!;
}

/** Throws an {@link OutputTooLargeError} when `term` written out has more than `maxNodes` nodes. */
export function requirePrintable(term: Term, options: MaxNodesOption = {}): void {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_PRINTED_NODES;
  if (term.kind !== "app" || printedSize(term, maxNodes) <= maxNodes) return;
  throw new OutputTooLargeError(printedSize(term), postorder(term).length, maxNodes);
}
