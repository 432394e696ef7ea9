import type { Term } from "../term/term.js";

/**
 * Tree sizes (nodes when the DAG is written out as a tree), memoised by term id so that the
 * simplifier can compare many candidate terms that share most of their subterms without
 * walking the shared parts again. Iterative: depth does not matter. Sizes of terms with much
 * sharing can exceed 2^53 and lose precision; they only need to compare sensibly.
 */
export class TreeSizes {
  private readonly sizes = new Map<number, number>();

  /** Tree size of `root`: 1 per operator application, variable and number. */
  of(root: Term): number {
    const known = this.sizes.get(root.id);
    if (known !== undefined) return known;
    const stack: Term[] = [root];
    while (stack.length > 0) {
      const t = stack[stack.length - 1]!;
      if (this.sizes.has(t.id)) {
        stack.pop();
        continue;
      }
      if (t.kind !== "app") {
        this.sizes.set(t.id, 1);
        stack.pop();
        continue;
      }
      let size = 1;
      let ready = true;
      for (const arg of t.args) {
        const s = this.sizes.get(arg.id);
        if (s === undefined) {
          ready = false;
          stack.push(arg);
        } else size += s;
      }
      if (!ready) continue;
      this.sizes.set(t.id, size);
      stack.pop();
    }
    return this.sizes.get(root.id)!;
  }
}
