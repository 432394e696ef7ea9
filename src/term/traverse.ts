import type { Term } from "./term.js";

/**
 * Iterative traversals over the term DAG. None recurses, so a term nested 100,000 deep is
 * as safe as a shallow one. Shared subterms are visited once.
 */

/** Distinct subterms of `root`, children before parents (post-order), each once. */
export function postorder(root: Term): Term[] {
  const order: Term[] = [];
  const seen = new Set<number>();
  const stack: Term[] = [root];
  const expanded: boolean[] = [false];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const t = stack[top]!;
    if (seen.has(t.id)) {
      stack.pop();
      expanded.pop();
      continue;
    }
    if (t.kind !== "app" || expanded[top]) {
      stack.pop();
      expanded.pop();
      seen.add(t.id);
      order.push(t);
      continue;
    }
    expanded[top] = true;
    for (let i = t.args.length - 1; i >= 0; i--) {
      const child = t.args[i]!;
      if (!seen.has(child.id)) {
        stack.push(child);
        expanded.push(false);
      }
    }
  }
  return order;
}

/**
 * Folds `root` bottom-up: `combine` sees each distinct subterm once, with the results of its
 * children in argument order. Results are memoised by term id.
 */
export function foldTerm<R>(root: Term, combine: (term: Term, childResults: R[]) => R): R {
  const results = new Map<number, R>();
  for (const t of postorder(root)) {
    const childResults = t.kind === "app" ? t.args.map((a) => results.get(a.id)!) : [];
    results.set(t.id, combine(t, childResults));
  }
  return results.get(root.id)!;
}

/** Number of nodes when the DAG is written out as a tree (operators, variables and numbers). */
export function treeSize(root: Term): number {
  return foldTerm<number>(root, (_t, sizes) => {
    let n = 1;
    for (const s of sizes) n += s;
    return n;
  });
}

/** Number of distinct subterms: the size of the term as a shared DAG. */
export function dagSize(root: Term): number {
  return postorder(root).length;
}

/** Height of the tree: 1 for a leaf. */
export function depth(root: Term): number {
  return foldTerm<number>(root, (_t, depths) => {
    let d = 0;
    for (const c of depths) if (c > d) d = c;
    return d + 1;
  });
}

/** Names of the symbols occurring in `root` (pattern variables included), sorted. */
export function symbolsOf(root: Term): string[] {
  const names: string[] = [];
  for (const t of postorder(root)) if (t.kind === "sym") names.push(t.name);
  return names.sort();
}

/** Whether `needle` occurs anywhere inside `root` (or is `root`). */
export function occursIn(needle: Term, root: Term): boolean {
  if (needle === root) return true;
  if (needle.id > root.id) return false; // a subterm is always older than its parents
  for (const t of postorder(root)) if (t === needle) return true;
  return false;
}
