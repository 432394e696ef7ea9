import type { Term } from "../term/term.js";
import { TermIdTable } from "./term-id-table.js";

/**
 * Tree sizes (nodes when the DAG is written out as a tree), memoised by term id so that the
 * simplifier can compare many candidate terms that share most of their subterms without
 * walking the shared parts again. Iterative: depth does not matter. Sizes of terms with much
 * sharing can exceed 2^53 and lose precision; they only need to compare sensibly.
 */
export class TreeSizes {
  /** Sizes of applications only: a leaf is 1, which needs no lookup. */
  private readonly sizes = new TermIdTable<number>();
  /** Work stack of {@link of}, kept between calls (it is empty whenever a call returns). */
  private readonly stack: Term[] = [];

  /** Tree size of `root`: 1 per operator application, variable and number. */
  of(root: Term): number {
    if (root.kind !== "app") return 1;
    const sizes = this.sizes;
    const known = sizes.get(root.id);
    if (known !== undefined) return known;
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
