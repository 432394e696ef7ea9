import { ensureInt32 } from "./int-buffer.js";

/**
 * Union-find over dense integer ids (0, 1, 2, …) with path compression, the e-graph's
 * record of which e-class ids name the same class. It has no rank: the e-graph decides
 * which root survives a union (the class with more parents), as egg does.
 *
 * @example
 * ```ts
 * const uf = new UnionFind();
 * const a = uf.makeSet(), b = uf.makeSet();
 * uf.link(a, b); // b now points to a
 * uf.find(b) === a; // true
 * ```
 */
export class UnionFind {
  private parents = new Int32Array(64);
  private count = 0;

  /** How many ids have been made (roots and non-roots). */
  get size(): number {
    return this.count;
  }

  /** A fresh id in a set of its own. */
  makeSet(): number {
    const id = this.count++;
    if (id >= this.parents.length) this.parents = ensureInt32(this.parents, id + 1);
    this.parents[id] = id;
    return id;
  }

  /** The representative of `id`'s set. Halves the path as it goes (iterative). */
  find(id: number): number {
    const parents = this.parents;
    let current = id;
    let parent = parents[current]!;
    while (parent !== current) {
      const grandparent = parents[parent]!;
      parents[current] = grandparent;
      current = grandparent;
      parent = parents[current]!;
    }
    return current;
  }

  /** Forgets every id (the storage is kept): the next {@link makeSet} returns 0 again. */
  clear(): void {
    this.count = 0;
  }

  /** Whether `id` is the representative of its set. */
  isRoot(id: number): boolean {
    return this.parents[id] === id;
  }

  /** Makes root `child` point to root `root`. Both must be roots (the caller has found them). */
  link(root: number, child: number): void {
    this.parents[child] = root;
  }
}
