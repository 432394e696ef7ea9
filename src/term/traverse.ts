import type { App, Term } from "./term.js";
import { TermIdMap } from "./term-id-map.js";

/**
 * Iterative traversals over the term DAG. None recurses, so a term nested 100,000 deep is
 * as safe as a shallow one. Shared subterms are visited once.
 */

/** The scratch state of a walk: which terms it has seen, and its explicit stack. */
class WalkScratch {
  visited = new TermIdMap<boolean>();
  readonly stack: Term[] = [];
  readonly expanded: boolean[] = [];

  /** Forgets the walk; scratch that grew huge gives its memory back. */
  finish(): void {
    this.visited.clear();
    if (this.visited.slots > LARGEST_KEPT) this.visited = new TermIdMap<boolean>();
    if (this.stack.length > LARGEST_KEPT) {
      this.stack.length = 0;
      this.expanded.length = 0;
    }
  }
}

/** Scratch that grew beyond this many slots is dropped after the walk. */
const LARGEST_KEPT = 1 << 16;
/** Reused from walk to walk; a walk started while another runs (from a callback) gets its own. */
let spareScratch: WalkScratch | undefined = new WalkScratch();

/**
 * Calls `visit` on each distinct subterm of `root`, children before parents, left to right,
 * until it returns `true`; returns that subterm, or `undefined` when every visit said no.
 */
function walkPostorder(root: Term, visit: (t: Term) => boolean): Term | undefined {
  // When `visit` throws, the scratch is simply not given back: the next walk makes another.
  const scratch = spareScratch ?? new WalkScratch();
  spareScratch = undefined;
  const { visited, stack, expanded } = scratch;
  stack[0] = root;
  expanded[0] = false;
  let depth = 1;
  let found: Term | undefined;
  while (depth > 0) {
    const top = depth - 1;
    const t = stack[top]!;
    if (t.kind === "app" && !expanded[top]) {
      if (visited.has(t.id)) {
        depth--;
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
      continue;
    }
    depth--;
    // A term pushed twice (shared, and not yet seen when pushed) is visited the first time.
    if (visited.add(t.id, true) && visit(t)) {
      found = t;
      break;
    }
  }
  scratch.finish();
  spareScratch = scratch;
  return found;
}

/** Distinct subterms of `root`, children before parents (post-order), each once. */
export function postorder(root: Term): Term[] {
  if (root.kind !== "app") return [root];
  const order: Term[] = [];
  walkPostorder(root, (t) => {
    order.push(t);
    return false;
  });
  return order;
}

/**
 * The first distinct subterm of `root` in post-order (children before parents, left to
 * right) for which `test` holds, or `undefined`. Like `postorder(root).find(test)`, without
 * listing the subterms and stopping at the first hit.
 *
 * @example
 * ```ts
 * findInPostorder(parse("(+ (d x y) (d x (d x z)))"), (t) => t.kind === "app" && t.op === "d"); // (d x y)
 * ```
 */
export function findInPostorder(root: Term, test: (t: Term) => boolean): Term | undefined {
  return walkPostorder(root, test);
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
  const scratch = spareScratch ?? new WalkScratch();
  spareScratch = undefined;
  const { visited, stack } = scratch;
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
  scratch.finish();
  spareScratch = scratch;
  return found;
}
