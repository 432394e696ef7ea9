import { DsatError } from "../errors.js";
import { ensureInt32, IntStack } from "./int-buffer.js";
import type { NodeStore } from "./node-store.js";
import type { UnionFind } from "./union-find.js";

/** Per-class flag bits the e-graph keeps; class lists read {@link LEAVES_ONLY}. */
export const HAS_SYMBOL = 1;
export const HAS_NUMBER = 2;
/** The class is pruned to its leaves (egg's constant folding keeps only the literal). */
export const LEAVES_ONLY = 4;

/**
 * The e-graph's view of its classes as of the last rebuild (egg's `rebuild_classes` and
 * `classes_by_op`): each class's canonical nodes, deduplicated and sorted by head, and for
 * each head the classes holding a node with it. E-matching and extraction read these.
 *
 * Class `c` owns `pool[start[c] .. start[c] + length[c])`, with the nodes' heads alongside in
 * `poolHeads` so scans by head read memory in order. A rebuild re-lists only the classes
 * touched since the previous one (by a union, a new node, a node made stale by a union, or
 * pruning), appending their new lists; the pool is compacted when it is mostly garbage.
 */
export class ClassLists {
  start = new Int32Array(64);
  length = new Int32Array(64);
  pool = new Int32Array(256);
  poolHeads = new Int32Array(256);
  roots = new Int32Array(64);
  rootCount = 0;
  byHeadStart = new Int32Array(64);
  byHeadLength = new Int32Array(64);
  byHeadPool = new Int32Array(64);
  private poolUsed = 0;
  private poolLive = 0;

  /** Class ids touched since the last rebuild, each once. */
  private readonly touched = new IntStack();
  private touchStamp = new Int32Array(64);
  private epoch = 1;
  /** Nodes created since the last rebuild (members of classes not yet listed). */
  private readonly created = new IntStack();

  private groupOf = new Int32Array(64);
  private groupRoots = new Int32Array(64);
  private groupStart = new Int32Array(64);
  private members = new Int32Array(256);
  private scratch = new Int32Array(16);

  /** Makes room for class ids below `classCount`. */
  grow(classCount: number): void {
    if (classCount <= this.start.length) return;
    this.start = ensureInt32(this.start, classCount);
    this.length = ensureInt32(this.length, classCount);
    this.touchStamp = ensureInt32(this.touchStamp, classCount);
    this.groupOf = ensureInt32(this.groupOf, classCount);
  }

  /**
   * Forgets every list (the storage is kept), as for a new e-graph whose class ids were below
   * `classCount` before: their lengths go back to 0 and no class is touched or listed.
   */
  clear(classCount: number): void {
    this.length.fill(0, 0, Math.min(classCount, this.length.length));
    this.rootCount = 0;
    this.poolUsed = 0;
    this.poolLive = 0;
    this.touched.clear();
    this.created.clear();
    this.epoch++; // stamps of the old touches no longer count
  }

  /** Marks class `id` (a root now) for re-listing at the next rebuild. */
  touch(id: number): void {
    if (this.touchStamp[id] !== this.epoch) {
      this.touchStamp[id] = this.epoch;
      this.touched.push(id);
    }
  }

  /** Records a node created in class `id`. */
  noteCreated(node: number, id: number): void {
    this.created.push(node);
    this.touch(id);
  }

  /** Canonical nodes over all classes, as of the last rebuild. */
  get liveNodeCount(): number {
    return this.poolLive;
  }

  /** The list of class `id` (or, when it was not listed at the last rebuild, of its root). A view. */
  nodesOf(id: number, unionFind: UnionFind): Int32Array {
    let c = id;
    if (c >= this.length.length || this.length[c] === 0) c = unionFind.find(id);
    const length = c < this.length.length ? this.length[c]! : 0;
    const start = length > 0 ? this.start[c]! : 0;
    return this.pool.subarray(start, start + length);
  }

  /** The classes holding a node with head `head`. A view. */
  classesWithHead(head: number): Int32Array {
    if (head < 0 || head >= this.byHeadStart.length) return this.byHeadPool.subarray(0, 0);
    const start = this.byHeadStart[head]!;
    return this.byHeadPool.subarray(start, start + this.byHeadLength[head]!);
  }

  /**
   * Re-lists the touched classes: gathers their old lists (and those of classes merged into
   * them) plus the nodes created since, canonicalises, drops pruned non-leaves, sorts by head
   * (then node id), drops duplicates and appends the new lists. Then the list of classes and
   * the by-head index. `flags` are the e-graph's per-class flags.
   */
  relist(uf: UnionFind, store: NodeStore, flags: Uint8Array, liveClasses: number, headCount: number): void {
    const touched = this.touched;
    const classStart = this.start;
    const classLength = this.length;

    // 1. Group the touched ids by their root; count the members each group gathers.
    this.groupRoots = ensureInt32(this.groupRoots, touched.length);
    this.groupStart = ensureInt32(this.groupStart, touched.length + 1);
    const groupOf = this.groupOf;
    const groupRoots = this.groupRoots;
    const groupStart = this.groupStart;
    let groups = 0;
    for (let i = 0; i < touched.length; i++) {
      const root = uf.find(touched.items[i]!);
      // Every union touches its surviving root, so a touched id's root is touched too.
      if (this.touchStamp[root] !== this.epoch)
        throw new DsatError(`e-graph bug: root ${root} was not touched`);
      const known = groupOf[root]!;
      if (known >= 0 && known < groups && groupRoots[known] === root) continue; // already a group
      groupOf[root] = groups;
      groupRoots[groups] = root;
      groupStart[groups] = 0;
      groups++;
    }
    const created = this.created;
    for (let i = 0; i < touched.length; i++) {
      const id = touched.items[i]!;
      groupStart[groupOf[uf.find(id)]!]! += classLength[id]!;
    }
    for (let i = 0; i < created.length; i++)
      groupStart[groupOf[uf.find(store.owner[created.items[i]!]!)]!]!++;
    let total = 0;
    for (let g = 0; g < groups; g++) {
      const count = groupStart[g]!;
      groupStart[g] = total;
      total += count;
    }
    groupStart[groups] = total;

    // 2. Gather each group's members: old lists first, then new nodes. groupStart serves as
    // the fill cursor and is shifted back afterwards.
    this.members = ensureInt32(this.members, total);
    const members = this.members;
    for (let i = 0; i < touched.length; i++) {
      const id = touched.items[i]!;
      const length = classLength[id]!;
      if (length === 0) continue;
      const g = groupOf[uf.find(id)]!;
      const from = classStart[id]!;
      let at = groupStart[g]!;
      for (let j = from; j < from + length; j++) members[at++] = this.pool[j]!;
      groupStart[g] = at;
      this.poolLive -= length;
      classLength[id] = 0; // the old list is garbage now
    }
    for (let i = 0; i < created.length; i++) {
      const node = created.items[i]!;
      members[groupStart[groupOf[uf.find(store.owner[node]!)]!]!++] = node;
    }
    created.clear();
    for (let g = groups; g > 0; g--) groupStart[g] = groupStart[g - 1]!;
    groupStart[0] = 0;

    // 3. Make room: compact the pool when appending would overflow it or it is mostly garbage.
    if (this.poolUsed + total > this.pool.length || this.poolUsed - this.poolLive > this.poolLive + 4096) {
      this.compact(uf, total);
    }

    // 4. Canonicalise, drop pruned non-leaves, sort, drop duplicates, append each new list.
    const heads = store.heads;
    const pool = this.pool;
    const poolHeads = this.poolHeads;
    for (let g = 0; g < groups; g++) {
      const root = groupRoots[g]!;
      const start = groupStart[g]!;
      const end = groupStart[g + 1]!;
      const leavesOnly = (flags[root]! & LEAVES_ONLY) !== 0;
      let kept = start;
      for (let k = start; k < end; k++) {
        const canonical = this.canonicalNode(uf, store, members[k]!);
        if (leavesOnly && store.arity(canonical) > 0) continue;
        members[kept++] = canonical;
      }
      sortByHead(members, start, kept, heads);
      const listStart = this.poolUsed;
      let write = listStart;
      let previous = -1;
      for (let k = start; k < kept; k++) {
        const node = members[k]!;
        if (node === previous) continue;
        pool[write] = node;
        poolHeads[write] = heads[node]!;
        write++;
        previous = node;
      }
      if (write === listStart) throw new DsatError(`e-graph bug: class ${root} has no nodes`);
      classStart[root] = listStart;
      classLength[root] = write - listStart;
      this.poolUsed = write;
      this.poolLive += write - listStart;
    }
    for (let g = 0; g < groups; g++) groupOf[groupRoots[g]!] = -1;
    touched.clear();
    this.epoch++;

    this.listRoots(uf);
    if (this.rootCount !== liveClasses) {
      throw new DsatError(`e-graph bug: ${liveClasses} classes but ${this.rootCount} have nodes`);
    }
    this.rebuildHeadIndex(headCount);
  }

  /** The interned node equal to `node` with canonical children (it exists once pending work is done). */
  private canonicalNode(uf: UnionFind, store: NodeStore, node: number): number {
    const start = store.childStart[node]!;
    const arity = store.childStart[node + 1]! - start;
    let stale = false;
    for (let i = 0; i < arity; i++) if (!uf.isRoot(store.children[start + i]!)) stale = true;
    if (!stale) return node;
    if (arity > this.scratch.length) this.scratch = new Int32Array(arity * 2);
    for (let i = 0; i < arity; i++) this.scratch[i] = uf.find(store.children[start + i]!);
    const found = store.lookup(store.heads[node]!, this.scratch, arity);
    if (found < 0) throw new DsatError(`e-graph bug: no canonical form interned for node ${node}`);
    return found;
  }

  /** Copies the live lists to the front of a pool with room for `extra` more entries. */
  private compact(uf: UnionFind, extra: number): void {
    this.listRoots(uf);
    const capacity = Math.max(256, (this.poolLive + extra) * 2, this.pool.length);
    const pool = new Int32Array(capacity);
    const poolHeads = new Int32Array(capacity);
    let write = 0;
    for (let r = 0; r < this.rootCount; r++) {
      const id = this.roots[r]!;
      const length = this.length[id]!;
      const start = this.start[id]!;
      pool.set(this.pool.subarray(start, start + length), write);
      poolHeads.set(this.poolHeads.subarray(start, start + length), write);
      this.start[id] = write;
      write += length;
    }
    this.pool = pool;
    this.poolHeads = poolHeads;
    this.poolUsed = write;
    this.poolLive = write;
  }

  /** The listed canonical class ids, ascending (a scan of the union-find). */
  private listRoots(uf: UnionFind): void {
    const idCount = uf.size;
    let count = 0;
    for (let id = 0; id < idCount; id++) {
      if (uf.isRoot(id) && this.length[id]! > 0) {
        if (count >= this.roots.length) this.roots = ensureInt32(this.roots, count + 1);
        this.roots[count++] = id;
      }
    }
    this.rootCount = count;
  }

  /** For each head, the classes holding a node with it, in class order (two passes over the lists). */
  private rebuildHeadIndex(headCount: number): void {
    this.byHeadStart = ensureInt32(this.byHeadStart, headCount);
    this.byHeadLength = ensureInt32(this.byHeadLength, headCount);
    const start = this.byHeadStart;
    const length = this.byHeadLength;
    length.fill(0, 0, headCount);
    const poolHeads = this.poolHeads;
    let total = 0;
    for (let r = 0; r < this.rootCount; r++) {
      const id = this.roots[r]!;
      const s = this.start[id]!;
      const e = s + this.length[id]!;
      let previous = -1;
      for (let j = s; j < e; j++) {
        const head = poolHeads[j]!;
        if (head !== previous) {
          length[head]!++;
          total++;
          previous = head;
        }
      }
    }
    let offset = 0;
    for (let h = 0; h < headCount; h++) {
      start[h] = offset;
      offset += length[h]!;
      length[h] = 0;
    }
    this.byHeadPool = ensureInt32(this.byHeadPool, total);
    const pool = this.byHeadPool;
    for (let r = 0; r < this.rootCount; r++) {
      const id = this.roots[r]!;
      const s = this.start[id]!;
      const e = s + this.length[id]!;
      let previous = -1;
      for (let j = s; j < e; j++) {
        const head = poolHeads[j]!;
        if (head !== previous) {
          pool[start[head]! + length[head]!++] = id;
          previous = head;
        }
      }
    }
  }

  byteSize(): number {
    let bytes = 0;
    for (const array of [
      this.start,
      this.length,
      this.pool,
      this.poolHeads,
      this.roots,
      this.byHeadStart,
      this.byHeadLength,
      this.byHeadPool,
      this.touchStamp,
      this.groupOf,
      this.groupRoots,
      this.groupStart,
      this.members,
    ]) {
      bytes += array.byteLength;
    }
    return bytes;
  }
}

/** Keys for sorting long class lists without a comparator: head * 2^32 + node, exact in a double. */
let sortKeys = new Float64Array(256);
const NODE_SPAN = 2 ** 32;
const MAX_KEYED_HEAD = 2 ** 20;

/** Sorts `list[start .. end)` by the head of each node, then by node id. Insertion sort for short runs. */
function sortByHead(list: Int32Array, start: number, end: number, heads: Int32Array): void {
  const length = end - start;
  if (length <= 24) {
    for (let i = start + 1; i < end; i++) {
      const node = list[i]!;
      const head = heads[node]!;
      let j = i - 1;
      while (j >= start) {
        const other = list[j]!;
        const otherHead = heads[other]!;
        if (otherHead < head || (otherHead === head && other <= node)) break;
        list[j + 1] = other;
        j--;
      }
      list[j + 1] = node;
    }
    return;
  }
  // Long lists: a numeric sort of packed keys (no comparator calls), when heads are small enough.
  let small = true;
  for (let i = start; i < end; i++) if (heads[list[i]!]! >= MAX_KEYED_HEAD) small = false;
  if (!small) {
    list.subarray(start, end).sort((a, b) => heads[a]! - heads[b]! || a - b);
    return;
  }
  if (sortKeys.length < length) sortKeys = new Float64Array(length * 2);
  const keys = sortKeys.subarray(0, length);
  for (let i = 0; i < length; i++) {
    const node = list[start + i]!;
    keys[i] = heads[node]! * NODE_SPAN + node;
  }
  keys.sort();
  for (let i = 0; i < length; i++) list[start + i] = keys[i]! % NODE_SPAN;
}
