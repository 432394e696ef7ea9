import { DsatError } from "../errors.js";
import type { ClassLists } from "./class-lists.js";
import type { NodeStore } from "./node-store.js";
import type { ParentLists } from "./parent-lists.js";
import type { UnionFind } from "./union-find.js";

/** The parts of an e-graph the invariant check reads. @internal */
export interface EGraphParts {
  readonly store: NodeStore;
  readonly unionFind: UnionFind;
  readonly parents: ParentLists;
  readonly lists: ClassLists;
  readonly liveClasses: number;
  /** Per node: 1 when an add created it (so it sits in its children's parent lists). */
  readonly createdByAdd: Uint8Array;
}

/**
 * Checks what a rebuilt e-graph guarantees (egg's `check_memo` and more), throwing a
 * `DsatError` naming the first broken invariant:
 *
 * - every listed node is canonical and is the hashcons entry for its own contents, belongs to
 *   the class listing it, and is listed once (no two classes hold congruent nodes);
 * - every node ever interned has its canonical form in the hashcons, in the same class
 *   (congruence: equal canonical contents mean equal classes);
 * - every class has nodes, lists are sorted by head, the class count is right;
 * - every node made by an add is in the parent list of each child's class.
 *
 * Linear in the e-graph (quadratic in parent-list length for the last check): for tests.
 */
export function checkEGraphInvariants(parts: EGraphParts): void {
  const { store, unionFind: uf, parents, lists } = parts;
  const fail = (message: string): never => {
    throw new DsatError(`e-graph invariant broken: ${message}`);
  };
  let scratch = new Int32Array(16);
  const canonicalise = (node: number): Int32Array => {
    const arity = store.arity(node);
    if (arity > scratch.length) scratch = new Int32Array(arity * 2);
    for (let i = 0; i < arity; i++) scratch[i] = uf.find(store.child(node, i));
    return scratch;
  };

  const listedIn = new Int32Array(store.size).fill(-1);
  for (let r = 0; r < lists.rootCount; r++) {
    const id = lists.roots[r]!;
    if (!uf.isRoot(id)) fail(`class ${id} is listed but not canonical`);
    const nodes = lists.nodesOf(id, uf);
    if (nodes.length === 0) fail(`class ${id} has no nodes`);
    for (let j = 0; j < nodes.length; j++) {
      const node = nodes[j]!;
      if (j > 0 && store.heads[nodes[j - 1]!]! > store.heads[node]!)
        fail(`class ${id} is not sorted by head`);
      const arity = store.arity(node);
      const canonical = canonicalise(node);
      for (let i = 0; i < arity; i++) {
        if (canonical[i] !== store.child(node, i)) fail(`node ${node} in class ${id} has a stale child`);
      }
      if (store.lookup(store.heads[node]!, canonical, arity) !== node) {
        fail(`the hashcons does not map node ${node}'s contents to it`);
      }
      if (uf.find(store.owner[node]!) !== id)
        fail(`node ${node} is listed in class ${id} but owned elsewhere`);
      if (listedIn[node] !== -1) fail(`node ${node} is listed in classes ${listedIn[node]} and ${id}`);
      listedIn[node] = id;
    }
  }
  if (lists.rootCount !== parts.liveClasses)
    fail(`${parts.liveClasses} classes counted, ${lists.rootCount} listed`);

  for (let node = 0; node < store.size; node++) {
    const found = store.lookup(store.heads[node]!, canonicalise(node), store.arity(node));
    if (found < 0) fail(`node ${node} has no canonical form in the hashcons`);
    if (uf.find(store.owner[found]!) !== uf.find(store.owner[node]!)) {
      fail(`congruence: node ${node} and node ${found} are congruent but in different classes`);
    }
    if (parts.createdByAdd[node] === 1) {
      for (let i = 0; i < store.arity(node); i++) {
        const child = uf.find(store.child(node, i));
        if (!parents.contains(child, node))
          fail(`node ${node} is missing from the parents of class ${child}`);
      }
    }
  }
}
