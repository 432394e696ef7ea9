import type { Term } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";

/**
 * Tree sizes (nodes when the DAG is written out as a tree), memoised by term id so that the
 * simplifier can compare many candidate terms that share most of their subterms without
 * walking the shared parts again. Iterative: depth does not matter. Sizes of terms with much
 * sharing can exceed 2^53 and lose precision; they only need to compare sensibly.
 */
export class TreeSizes {
  /** Sizes of applications only: a leaf is 1, which needs no lookup. */
  private readonly sizes = new TermIdMap<number>(16);
  /** Work stack of {@link of}, kept between calls (it is empty whenever a call returns). */
  private readonly stack: Term[] = [];

  /** Tree size of `root`: 1 per operator application, variable and number. */
  of(root: Term): number {
    if (root.kind !== "app") return 1;
    const known = this.sizes.get(root.id);
    if (known !== undefined) return known;
    // Most terms are small trees: counting their nodes beats looking each one up. A DAG with
    // much sharing is far larger as a tree, so past a budget the memoised walk takes over.
    const size = countNodes(root, this.stack) ?? this.measure(root);
    this.sizes.set(root.id, size);
    return size;
  }

  /** The size of `root` by a walk over its distinct subterms, memoising every application. */
  private measure(root: Term): number {
    const sizes = this.sizes;
    const stack = this.stack;
    stack.push(root);
    while (stack.length > 0) {
      const t = stack[stack.length - 1]!;
      if (t.kind !== "app") {
        stack.pop();
        continue;
      }
      // Sum the children's sizes; push the unknown ones and come back once they are known.
      let size = 1;
      let ready = true;
      const args = t.args;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg.kind !== "app") {
          size += 1;
          continue;
        }
        const s = sizes.get(arg.id);
        if (s === undefined) {
          ready = false;
          stack.push(arg);
        } else size += s;
      }
      if (!ready) continue;
      sizes.set(t.id, size);
      stack.pop();
    }
    return sizes.get(root.id)!;
  }
}

/** Nodes {@link countNodes} counts before giving up. */
const COUNT_BUDGET = 256;

/** The number of nodes of `root` written out as a tree, or `undefined` past {@link COUNT_BUDGET}. */
function countNodes(root: Term, stack: Term[]): number | undefined {
  let count = 0;
  stack.push(root);
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (++count > COUNT_BUDGET) {
      stack.length = 0;
      return undefined;
    }
    if (t.kind === "app") for (let i = 0; i < t.args.length; i++) stack.push(t.args[i]!);
  }
  return count;
}
