import { ensureInt32 } from "./int-buffer.js";

/** The integer naming one stored e-node (a head and child class ids). */
export type NodeId = number;

const EMPTY = 0;
const MAX_LOAD = 0.5;

/**
 * Append-only storage of e-nodes plus the hashcons over them.
 *
 * An e-node is a head id and child class ids, kept in typed arrays: `heads[n]`, and its
 * children at `children[childStart[n] .. childStart[n + 1])`. Each node also records the
 * class it was created in (`owner`). The hashcons is an open-addressing table (linear
 * probing) of node ids keyed by the node's contents, so looking up an e-node allocates
 * nothing and compares integers only.
 *
 * Nodes are never changed or removed. When a union makes a node's children stale, the
 * e-graph interns the node's canonical form as a new node; the stale form stays in the
 * table (it can never match a canonical query again), exactly as egg's memo keeps it. So
 * {@link size} counts every form ever interned, which is what egg reports as the
 * hashcons size (`total_size`).
 */
export class NodeStore {
  heads = new Int32Array(256);
  /** childStart[n] .. childStart[n + 1] is node n's slice of {@link children}. */
  childStart = new Int32Array(257);
  children = new Int32Array(512);
  /** The class a node was created in (not necessarily canonical any more). */
  owner = new Int32Array(256);
  private count = 0;

  /** Slot i is `table[2i]` (node id + 1, 0 when empty) and `table[2i + 1]` (its hash): one cache line per probe. */
  private table = new Int32Array(1024);
  private mask = 511;

  /** Set by {@link intern}: whether the last call created the node. */
  lastWasNew = false;

  /** Forgets every node (the storage is kept): the next node interned is node 0 again. */
  clear(): void {
    // A table grown for a large e-graph is dropped rather than wiped on every reuse.
    if (this.table.length > 16_384) {
      this.table = new Int32Array(1024);
      this.mask = 511;
    } else this.table.fill(EMPTY);
    this.count = 0;
    this.lastWasNew = false;
  }

  /** Number of stored nodes, i.e. hashcons entries. */
  get size(): number {
    return this.count;
  }

  arity(node: NodeId): number {
    return this.childStart[node + 1]! - this.childStart[node]!;
  }

  child(node: NodeId, index: number): number {
    return this.children[this.childStart[node]! + index]!;
  }

  /**
   * The node with head `head` and children `childIds[0 .. arity)`, created (owned by
   * `owner`) when absent; sets {@link lastWasNew}.
   */
  intern(head: number, childIds: Int32Array, arity: number, owner: number): NodeId {
    const hash = hashNode(head, childIds, arity);
    const mask = this.mask;
    const table = this.table;
    let slot = hash & mask;
    for (;;) {
      const entry = table[2 * slot]!;
      if (entry === EMPTY) break;
      if (table[2 * slot + 1] === hash && this.sameNode(entry - 1, head, childIds, arity)) {
        this.lastWasNew = false;
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    const node = this.append(head, childIds, arity, owner);
    table[2 * slot] = node + 1;
    table[2 * slot + 1] = hash;
    this.lastWasNew = true;
    if (this.count > (mask + 1) * MAX_LOAD) this.growTable();
    return node;
  }

  /** The node with these contents, or -1. */
  lookup(head: number, childIds: Int32Array, arity: number): NodeId {
    const hash = hashNode(head, childIds, arity);
    const mask = this.mask;
    const table = this.table;
    let slot = hash & mask;
    for (;;) {
      const entry = table[2 * slot]!;
      if (entry === EMPTY) return -1;
      if (table[2 * slot + 1] === hash && this.sameNode(entry - 1, head, childIds, arity)) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** Bytes held by the typed arrays (for memory reports). */
  byteSize(): number {
    return (
      this.heads.byteLength +
      this.childStart.byteLength +
      this.children.byteLength +
      this.owner.byteLength +
      this.table.byteLength
    );
  }

  private sameNode(node: NodeId, head: number, childIds: Int32Array, arity: number): boolean {
    if (this.heads[node] !== head) return false;
    const start = this.childStart[node]!;
    if (this.childStart[node + 1]! - start !== arity) return false;
    const children = this.children;
    for (let i = 0; i < arity; i++) if (children[start + i] !== childIds[i]) return false;
    return true;
  }

  private append(head: number, childIds: Int32Array, arity: number, owner: number): NodeId {
    const node = this.count++;
    if (node >= this.heads.length) {
      this.heads = ensureInt32(this.heads, node + 1);
      this.owner = ensureInt32(this.owner, node + 1);
    }
    if (node + 2 > this.childStart.length) this.childStart = ensureInt32(this.childStart, node + 2);
    const start = this.childStart[node]!;
    if (start + arity > this.children.length) this.children = ensureInt32(this.children, start + arity);
    for (let i = 0; i < arity; i++) this.children[start + i] = childIds[i]!;
    this.childStart[node + 1] = start + arity;
    this.heads[node] = head;
    this.owner[node] = owner;
    return node;
  }

  private growTable(): void {
    const old = this.table;
    const slots = old.length; // twice the old slot count: the new slot count
    const table = new Int32Array(slots * 2);
    const mask = slots - 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i]!;
      if (entry === EMPTY) continue;
      const hash = old[i + 1]!;
      let slot = hash & mask;
      while (table[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      table[2 * slot] = entry;
      table[2 * slot + 1] = hash;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** A well-mixed 32-bit hash of an e-node's integers (multiply-xorshift, murmur3's finaliser). */
function hashNode(head: number, childIds: Int32Array, arity: number): number {
  let h = Math.imul(head + 0x9e3779b9, 0x85ebca6b);
  for (let i = 0; i < arity; i++) {
    h = Math.imul(h ^ childIds[i]!, 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
    h = Math.imul(h, 0x1b873593);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
