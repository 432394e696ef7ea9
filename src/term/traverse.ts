import type { App, Term } from "./term.js";
import { TermIdMap } from "./term-id-map.js";

/**
 * Iterative traversals over the term DAG. None recurses, so a term nested 100,000 deep is
 * as safe as a shallow one. Shared subterms are visited once.
 */

// Scratch state of the walks below, reused from walk to walk: they never call out while they
// run, so only one is ever in progress.
let visited = new TermIdMap<boolean>();
const walkStack: Term[] = [];
const walkExpanded: boolean[] = [];
/** Scratch that grew beyond this many slots is dropped after the walk, to give its memory back. */
const LARGEST_KEPT = 1 << 16;

function finishWalk(): void {
  visited.clear();
  if (visited.slots > LARGEST_KEPT) visited = new TermIdMap<boolean>();
  if (walkStack.length > LARGEST_KEPT) {
    walkStack.length = 0;
    walkExpanded.length = 0;
  }
}

/** Distinct subterms of `root`, children before parents (post-order), each once. */
export function postorder(root: Term): Term[] {
  if (root.kind !== "app") return [root];
  const order: Term[] = [];
  const stack = walkStack;
  const expanded = walkExpanded;
  stack[0] = root;
  expanded[0] = false;
  let depth = 1;
  while (depth > 0) {
    const top = depth - 1;
    const t = stack[top]!;
    if (visited.has(t.id)) {
      depth--;
      continue;
    }
    if (t.kind !== "app" || expanded[top]) {
      depth--;
      visited.set(t.id, true);
      order.push(t);
      continue;
    }
    expanded[top] = true;
    const args = t.args;
    for (let i = args.length - 1; i >= 0; i--) {
      const child = args[i]!;
      if (!visited.has(child.id)) {
        stack[depth] = child;
        expanded[depth] = false;
        depth++;
      }
    }
  }
  finishWalk();
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
  // A subterm is always older than its parents: nothing younger than `needle` can hold it.
  if (needle.id > root.id || root.kind !== "app") return false;
  const stack = walkStack;
  stack[0] = root;
  let depth = 1;
  let found = false;
  while (depth > 0 && !found) {
    const t = stack[--depth] as App;
    const args = t.args;
    for (let i = 0; i < args.length; i++) {
      const child = args[i]!;
      if (child === needle) {
        found = true;
        break;
      }
      if (child.kind === "app" && child.id > needle.id && visited.add(child.id, true)) stack[depth++] = child;
    }
  }
  finishWalk();
  return found;
}
