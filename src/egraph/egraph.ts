import { DsatError } from "../errors.js";
import type { Rational } from "../term/rational.js";
import type { Num, Sym, Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import { type Analysis, noAnalysis } from "./analysis.js";
import { type HeadId, HeadTable } from "./heads.js";
import { ensureInt32, ensureUint8, IntStack } from "./int-buffer.js";
import { type NodeId, NodeStore } from "./node-store.js";
import { UnionFind } from "./union-find.js";

/** The integer naming an e-class; several ids may name the same class (see {@link EGraph.find}). */
export type ClassId = number;

/**
 * Why two classes were merged, handed to a {@link UnionObserver}. This is the hook proof
 * production builds on: a later explanation module records one justification per union.
 */
export type Justification =
  /** Two e-nodes became congruent (same head, equal children) during {@link EGraph.rebuild}. */
  | { readonly kind: "congruence" }
  /** A rewrite rule's application. */
  | { readonly kind: "rule"; readonly rule: string }
  /** An analysis' `modify` (e.g. a class found equal to a constant). */
  | { readonly kind: "analysis"; readonly analysis: string }
  /** A direct call of {@link EGraph.union} by a user. */
  | { readonly kind: "given"; readonly reason?: string };

/** Sees every union that merges two different classes, with the ids as passed and the reason. */
export interface UnionObserver {
  onUnion(a: ClassId, b: ClassId, justification: Justification): void;
}

export interface EGraphOptions<D> {
  /** The e-class analysis; {@link noAnalysis} when omitted. */
  readonly analysis?: Analysis<D>;
  /** Told about every union (explanations, tracing). */
  readonly observer?: UnionObserver;
}

/** Per-class flag bits. */
const HAS_SYMBOL = 1;
const HAS_NUMBER = 2;
const LEAVES_ONLY = 4;

const CONGRUENCE: Justification = Object.freeze({ kind: "congruence" });
const GIVEN: Justification = Object.freeze({ kind: "given" });

/**
 * The arrays e-matching reads, valid until the e-graph next changes. Class `c` (a root at
 * the last rebuild) owns `classNodes[classStart[c] .. classStart[c] + classLength[c])`,
 * sorted by head; node `n` has head `nodeHeads[n]` and children
 * `nodeChildren[childStart[n] .. childStart[n + 1])`, all canonical.
 * @internal
 */
export interface SearchView {
  readonly roots: Int32Array;
  readonly rootCount: number;
  readonly classStart: Int32Array;
  readonly classLength: Int32Array;
  readonly classNodes: Int32Array;
  /** `classNodeHeads[j]` is the head of `classNodes[j]`. */
  readonly classNodeHeads: Int32Array;
  readonly nodeHeads: Int32Array;
  readonly childStart: Int32Array;
  readonly nodeChildren: Int32Array;
  readonly byHeadStart: Int32Array;
  readonly byHeadLength: Int32Array;
  readonly byHeadClasses: Int32Array;
}

/**
 * An e-graph: a set of e-classes of equivalent terms, closed under congruence, with
 * egg's deferred rebuilding.
 *
 * - {@link add} and {@link addNode} hash-cons e-nodes into classes;
 * - {@link union} merges two classes at once but only records the congruence work it causes;
 * - {@link rebuild} does that work in one pass: re-canonicalises the parents of merged
 *   classes (merging any that became congruent), re-runs the analysis where facts changed,
 *   and rebuilds each class's node list (canonical, deduplicated, sorted by head) and the
 *   index of classes by head that e-matching uses.
 *
 * Congruence and the hashcons are exact after every `rebuild()`. Reads of class contents
 * ({@link classNodes}, {@link classes}, e-matching) see the graph as of the last rebuild.
 * Storage is integers in typed arrays: no object per e-node.
 *
 * @example
 * ```ts
 * const egraph = new EGraph();
 * const ax = egraph.add(parseSExpr("(+ a x)", { theory }));
 * const ay = egraph.add(parseSExpr("(+ a y)", { theory }));
 * egraph.union(egraph.add(sym("x")), egraph.add(sym("y")));
 * egraph.rebuild();
 * egraph.find(ax) === egraph.find(ay); // true, by congruence
 * ```
 */
export class EGraph<D = undefined> {
  readonly heads = new HeadTable();
  readonly analysis: Analysis<D>;
  private readonly observer: UnionObserver | undefined;
  private readonly nodes = new NodeStore();
  private readonly unionFind = new UnionFind();
  private readonly classData: D[] = [];
  private readonly trivialAnalysis: boolean;
  private flags = new Uint8Array(64);
  /** Per class: one symbol head it contains, or -1 (kept through unions, for `free-of`). */
  private classSymbol = new Int32Array(64);
  private liveClasses = 0;

  // Parent lists: per class a linked list of cells in typed arrays, so a union concatenates
  // two lists in O(1). A cell holds a node as it was created (its canonical form is derived).
  private parentFirst = new Int32Array(64);
  private parentLast = new Int32Array(64);
  private parentCount = new Int32Array(64);
  private cellNode = new Int32Array(256);
  private cellNext = new Int32Array(256);
  private cellCount = 0;
  /** Per node: 1 when it was created by an add (and so sits in its children's parent lists). */
  private createdByAdd = new Uint8Array(1024);

  // Deferred work.
  private readonly pending = new IntStack();
  private readonly analysisPending = new IntStack();
  private analysisQueued = new Uint8Array(1024);
  /** Nodes created by adds since the last rebuild (members of classes not yet listed). */
  private readonly createdSinceRebuild = new IntStack();
  private clean = true;

  // The rebuilt view: class node lists and classes by head. Each class listed at the last
  // rebuild owns a slice of the pool, with the nodes' heads alongside (so scans by head read
  // memory in order). A rebuild re-lists only the classes touched since the last one and
  // appends their new slices; the pool is compacted when more than half of it is garbage.
  private classStart = new Int32Array(64);
  private classLength = new Int32Array(64);
  private classPool = new Int32Array(256);
  private classPoolHeads = new Int32Array(256);
  private poolUsed = 0;
  private poolLive = 0;
  private roots = new Int32Array(64);
  private rootCount = 0;
  private byHeadStart = new Int32Array(64);
  private byHeadLength = new Int32Array(64);
  private byHeadPool = new Int32Array(64);
  /** Class ids touched since the last rebuild (unions, new nodes, re-canonicalised nodes, pruning). */
  private readonly touched = new IntStack();
  private touchStamp = new Int32Array(64);
  private epoch = 1;
  private groupOf = new Int32Array(64);
  private groupRoots = new Int32Array(64);
  private groupStart = new Int32Array(64);
  private members = new Int32Array(256);

  private scratch = new Int32Array(16);
  private canonicalScratch = new Int32Array(16);

  constructor(options: EGraphOptions<D> = {}) {
    this.analysis = options.analysis ?? (noAnalysis as unknown as Analysis<D>);
    this.trivialAnalysis = this.analysis.trivial === true;
    this.observer = options.observer;
  }

  // ---------------------------------------------------------------------------------------
  // Sizes

  /** Hashcons entries: every e-node form ever interned (egg's `total_size`). */
  get hashconsSize(): number {
    return this.nodes.size;
  }

  /** Number of e-classes (up to date at all times). */
  get classCount(): number {
    return this.liveClasses;
  }

  /** Canonical e-nodes over all classes, as of the last rebuild (pruned nodes not counted). */
  get nodeCount(): number {
    let total = 0;
    for (let i = 0; i < this.rootCount; i++) total += this.classLength[this.roots[i]!]!;
    return total;
  }

  /** Whether no union or add happened since the last {@link rebuild}. */
  get isClean(): boolean {
    return this.clean;
  }

  // ---------------------------------------------------------------------------------------
  // Adding

  /** The canonical id of `id`'s class. */
  find(id: ClassId): ClassId {
    return this.unionFind.find(id);
  }

  /**
   * Adds every subterm of `term` (iteratively, shared subterms once) and returns the class
   * of `term`. Pattern variables are added as ordinary symbols.
   */
  add(term: Term): ClassId {
    const classOf = new Map<number, ClassId>();
    let children = new Int32Array(4);
    for (const t of postorder(term)) {
      let id: ClassId;
      if (t.kind === "app") {
        const arity = t.args.length;
        if (arity > children.length) children = new Int32Array(arity);
        for (let i = 0; i < arity; i++) children[i] = classOf.get(t.args[i]!.id)!;
        id = this.addNode(this.heads.operator(t.op, arity), children, arity);
      } else {
        id = this.addNode(this.heads.leaf(t), children, 0);
      }
      classOf.set(t.id, id);
    }
    return classOf.get(term.id)!;
  }

  /** Adds the leaf `term` (a symbol or a number). */
  addLeaf(term: Sym | Num): ClassId {
    return this.addNode(this.heads.leaf(term), this.scratch, 0);
  }

  /** Adds the number `value`. */
  addNumber(value: Rational): ClassId {
    return this.addNode(this.heads.number(value), this.scratch, 0);
  }

  /** Adds `(op children...)`. */
  addOperator(op: string, children: ArrayLike<ClassId>): ClassId {
    return this.addNode(this.heads.operator(op, children.length), children, children.length);
  }

  /**
   * Adds the e-node `head(children[0 .. arity))` and returns its class: the existing class
   * when an equal node (after canonicalising the children) is already present.
   */
  addNode(head: HeadId, children: ArrayLike<ClassId>, arity = children.length): ClassId {
    if (arity > this.scratch.length) this.scratch = new Int32Array(arity * 2);
    const canonical = this.scratch;
    for (let i = 0; i < arity; i++) canonical[i] = this.unionFind.find(children[i]!);
    const node = this.nodes.intern(head, canonical, arity, -1);
    if (!this.nodes.lastWasNew) return this.unionFind.find(this.nodes.owner[node]!);
    return this.makeClass(node, head, arity);
  }

  private makeClass(node: NodeId, head: HeadId, arity: number): ClassId {
    const id = this.unionFind.makeSet();
    this.nodes.owner[node] = id;
    this.liveClasses++;
    this.clean = false;
    if (id >= this.flags.length) this.growClassArrays(id + 1);
    this.parentFirst[id] = -1;
    this.parentLast[id] = -1;
    this.parentCount[id] = 0;
    this.flags[id] = this.heads.isSymbol(head) ? HAS_SYMBOL : this.heads.isNumber(head) ? HAS_NUMBER : 0;
    this.classSymbol[id] = this.heads.isSymbol(head) ? head : -1;
    if (node >= this.createdByAdd.length) {
      this.createdByAdd = ensureUint8(this.createdByAdd, node + 1);
      this.analysisQueued = ensureUint8(this.analysisQueued, node + 1);
    }
    this.createdByAdd[node] = 1;
    const store = this.nodes;
    const start = store.childStart[node]!;
    for (let i = 0; i < arity; i++) this.pushParent(store.children[start + i]!, node);
    this.createdSinceRebuild.push(node);
    this.touch(id);
    if (!this.trivialAnalysis) {
      this.classData[id] = this.analysis.make(this, node);
      this.analysis.modify?.(this, id);
    }
    return this.unionFind.find(id);
  }

  private touch(id: ClassId): void {
    if (this.touchStamp[id] !== this.epoch) {
      this.touchStamp[id] = this.epoch;
      this.touched.push(id);
    }
  }

  private pushParent(classId: ClassId, node: NodeId): void {
    const cell = this.cellCount++;
    if (cell >= this.cellNode.length) {
      this.cellNode = ensureInt32(this.cellNode, cell + 1);
      this.cellNext = ensureInt32(this.cellNext, cell + 1);
    }
    this.cellNode[cell] = node;
    this.cellNext[cell] = -1;
    const last = this.parentLast[classId]!;
    if (last < 0) this.parentFirst[classId] = cell;
    else this.cellNext[last] = cell;
    this.parentLast[classId] = cell;
    this.parentCount[classId]!++;
  }

  private growClassArrays(needed: number): void {
    this.flags = ensureUint8(this.flags, needed);
    this.classSymbol = ensureInt32(this.classSymbol, needed);
    this.parentFirst = ensureInt32(this.parentFirst, needed);
    this.parentLast = ensureInt32(this.parentLast, needed);
    this.parentCount = ensureInt32(this.parentCount, needed);
    this.classStart = ensureInt32(this.classStart, needed);
    this.classLength = ensureInt32(this.classLength, needed);
    this.touchStamp = ensureInt32(this.touchStamp, needed);
    this.groupOf = ensureInt32(this.groupOf, needed);
  }

  // ---------------------------------------------------------------------------------------
  // Looking up

  /** The class of `term` if every subterm is already present (no additions), else `undefined`. */
  lookup(term: Term): ClassId | undefined {
    const classOf = new Map<number, ClassId>();
    let children = new Int32Array(4);
    for (const t of postorder(term)) {
      let head: HeadId;
      let arity = 0;
      if (t.kind === "app") {
        head = this.heads.findOperator(t.op);
        arity = t.args.length;
        if (head < 0 || this.heads.arities[head] !== arity) return undefined;
        if (arity > children.length) children = new Int32Array(arity);
        for (let i = 0; i < arity; i++) children[i] = classOf.get(t.args[i]!.id)!;
      } else {
        head = this.heads.leaf(t);
      }
      const id = this.lookupNode(head, children, arity);
      if (id === undefined) return undefined;
      classOf.set(t.id, id);
    }
    return classOf.get(term.id);
  }

  /** The class holding the e-node `head(children...)`, or `undefined`. */
  lookupNode(head: HeadId, children: ArrayLike<ClassId>, arity = children.length): ClassId | undefined {
    if (arity > this.scratch.length) this.scratch = new Int32Array(arity * 2);
    for (let i = 0; i < arity; i++) this.scratch[i] = this.unionFind.find(children[i]!);
    const node = this.nodes.lookup(head, this.scratch, arity);
    return node < 0 ? undefined : this.unionFind.find(this.nodes.owner[node]!);
  }

  // ---------------------------------------------------------------------------------------
  // Merging

  /**
   * Merges the classes of `a` and `b`; returns whether they were different. The merge is
   * immediate for {@link find}, but congruences it causes appear only after {@link rebuild}.
   * The class with more parents survives (fewer parents to re-canonicalise), as in egg.
   */
  union(a: ClassId, b: ClassId, justification: Justification = GIVEN): boolean {
    const size = this.unionFind.size;
    if (!(a >= 0 && a < size && b >= 0 && b < size))
      throw new DsatError(`union of unknown class ids ${a}, ${b}`);
    let root = this.unionFind.find(a);
    let child = this.unionFind.find(b);
    if (root === child) return false;
    this.observer?.onUnion(a, b, justification);
    if (this.parentCount[root]! < this.parentCount[child]!) {
      const t = root;
      root = child;
      child = t;
    }
    // Merge the facts first: a contradiction throws before anything has changed.
    const result = this.trivialAnalysis
      ? undefined
      : this.analysis.merge(this.classData[root]!, this.classData[child]!);
    this.unionFind.link(root, child);
    this.liveClasses--;
    this.clean = false;
    this.touch(root);
    this.touch(child);

    // The child's parents now have a stale child id: re-canonicalise them at rebuild.
    for (let cell = this.parentFirst[child]!; cell >= 0; cell = this.cellNext[cell]!) {
      this.pending.push(this.cellNode[cell]!);
    }
    if (result !== undefined) {
      if (result.aChanged) this.queueParentsForAnalysis(root);
      if (result.bChanged) this.queueParentsForAnalysis(child);
      this.classData[root] = result.data;
      this.classData[child] = undefined as D;
    }
    this.flags[root]! |= this.flags[child]!;
    if (this.classSymbol[root]! < 0) this.classSymbol[root] = this.classSymbol[child]!;
    this.concatenateParents(root, child);
    if (!this.trivialAnalysis) this.analysis.modify?.(this, root);
    return true;
  }

  private queueParentsForAnalysis(classId: ClassId): void {
    for (let cell = this.parentFirst[classId]!; cell >= 0; cell = this.cellNext[cell]!) {
      const node = this.cellNode[cell]!;
      if (this.analysisQueued[node] === 0) {
        this.analysisQueued[node] = 1;
        this.analysisPending.push(node);
      }
    }
  }

  private concatenateParents(root: ClassId, child: ClassId): void {
    const first = this.parentFirst[child]!;
    if (first < 0) return;
    const last = this.parentLast[root]!;
    if (last < 0) this.parentFirst[root] = first;
    else this.cellNext[last] = first;
    this.parentLast[root] = this.parentLast[child]!;
    this.parentCount[root]! += this.parentCount[child]!;
  }

  /**
   * Restores congruence and the hashcons after unions (egg's `rebuild`), then rebuilds the
   * class node lists and the by-head index. Returns the number of unions congruence caused.
   */
  rebuild(): number {
    const unions = this.processUnions();
    if (!this.clean) this.rebuildClassLists();
    this.clean = true;
    return unions;
  }

  private processUnions(): number {
    let unions = 0;
    const store = this.nodes;
    while (this.pending.length > 0 || this.analysisPending.length > 0) {
      while (this.pending.length > 0) {
        const node = this.pending.pop();
        this.touch(this.unionFind.find(store.owner[node]!));
        const canonical = this.canonicalise(node);
        const found = store.intern(store.heads[node]!, canonical, store.arity(node), -1);
        if (store.lastWasNew) store.owner[found] = this.unionFind.find(store.owner[node]!);
        else if (this.union(store.owner[found]!, store.owner[node]!, CONGRUENCE)) unions++;
      }
      while (this.analysisPending.length > 0) {
        const node = this.analysisPending.pop();
        this.analysisQueued[node] = 0;
        const id = this.unionFind.find(store.owner[node]!);
        const fact = this.analysis.make(this, node);
        const result = this.analysis.merge(this.classData[id]!, fact);
        if (result.aChanged) {
          this.classData[id] = result.data;
          this.queueParentsForAnalysis(id);
          this.analysis.modify?.(this, id);
        }
      }
    }
    return unions;
  }

  /** `node`'s children, canonicalised, in {@link canonicalScratch}. */
  private canonicalise(node: NodeId): Int32Array {
    const store = this.nodes;
    const start = store.childStart[node]!;
    const arity = store.childStart[node + 1]! - start;
    if (arity > this.canonicalScratch.length) this.canonicalScratch = new Int32Array(arity * 2);
    const out = this.canonicalScratch;
    for (let i = 0; i < arity; i++) out[i] = this.unionFind.find(store.children[start + i]!);
    return out;
  }

  /** The interned node equal to `node` with canonical children (it exists once pending work is done). */
  private canonicalNode(node: NodeId): NodeId {
    const store = this.nodes;
    const start = store.childStart[node]!;
    const arity = store.childStart[node + 1]! - start;
    let stale = false;
    for (let i = 0; i < arity; i++) {
      const child = store.children[start + i]!;
      if (!this.unionFind.isRoot(child)) stale = true;
    }
    if (!stale) return node;
    const found = store.lookup(store.heads[node]!, this.canonicalise(node), arity);
    if (found < 0) throw new DsatError(`e-graph bug: no canonical form interned for node ${node}`);
    return found;
  }

  /**
   * Re-lists the classes touched since the last rebuild: gathers their old lists (and those of
   * classes merged into them) plus the nodes added since, canonicalises, drops duplicates and
   * pruned non-leaves, sorts by head (then node id), and appends the new lists to the pool.
   * Untouched classes keep their lists. Then the list of classes and the by-head index.
   */
  private rebuildClassLists(): void {
    const uf = this.unionFind;
    const store = this.nodes;
    const touched = this.touched;
    const classStart = this.classStart;
    const classLength = this.classLength;

    // 1. Group the touched ids by their root; count the members each group gathers.
    this.groupRoots = ensureInt32(this.groupRoots, touched.length);
    this.groupStart = ensureInt32(this.groupStart, touched.length + 1);
    const groupOf = this.groupOf;
    const groupRoots = this.groupRoots;
    const groupStart = this.groupStart;
    let groups = 0;
    const stamp = this.epoch;
    for (let i = 0; i < touched.length; i++) {
      const root = uf.find(touched.items[i]!);
      if (this.touchStamp[root] !== stamp) throw new DsatError(`e-graph bug: root ${root} was not touched`);
      const known = groupOf[root]!;
      if (known >= 0 && known < groups && groupRoots[known] === root) continue; // already a group
      groupOf[root] = groups;
      groupRoots[groups] = root;
      groupStart[groups] = 0;
      groups++;
    }
    const created = this.createdSinceRebuild;
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

    // 2. Gather the members of each group, in order: old lists first, then new nodes.
    this.members = ensureInt32(this.members, total);
    const members = this.members;
    const fill = groupStart; // advanced as a cursor, restored below
    for (let i = 0; i < touched.length; i++) {
      const id = touched.items[i]!;
      const length = classLength[id]!;
      if (length === 0) continue;
      const g = groupOf[uf.find(id)]!;
      const from = classStart[id]!;
      let at = fill[g]!;
      for (let j = from; j < from + length; j++) members[at++] = this.classPool[j]!;
      fill[g] = at;
      this.poolLive -= length;
      classLength[id] = 0; // the old list is garbage now
    }
    for (let i = 0; i < created.length; i++) {
      const node = created.items[i]!;
      members[fill[groupOf[uf.find(store.owner[node]!)]!]!++] = node;
    }
    created.clear();
    for (let g = groups; g > 0; g--) fill[g] = fill[g - 1]!;
    fill[0] = 0;

    // 3. Make room: compact the pool when appending would overflow it or it is mostly garbage.
    if (
      this.poolUsed + total > this.classPool.length ||
      this.poolUsed - this.poolLive > this.poolLive + 4096
    ) {
      this.compactPool(total);
    }

    // 4. Canonicalise, drop pruned non-leaves, sort, drop duplicates, append each new list.
    const heads = store.heads;
    const pool = this.classPool;
    const poolHeads = this.classPoolHeads;
    for (let g = 0; g < groups; g++) {
      const root = groupRoots[g]!;
      const start = groupStart[g]!;
      const end = groupStart[g + 1]!;
      const leavesOnly = (this.flags[root]! & LEAVES_ONLY) !== 0;
      let kept = start;
      for (let k = start; k < end; k++) {
        const canonical = this.canonicalNode(members[k]!);
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
      classStart[root] = listStart;
      classLength[root] = write - listStart;
      this.poolUsed = write;
      this.poolLive += write - listStart;
      if (write === listStart) throw new DsatError(`e-graph bug: class ${root} has no nodes`);
    }
    for (let g = 0; g < groups; g++) groupOf[groupRoots[g]!] = -1;
    touched.clear();
    this.epoch++;

    this.listRoots();
    this.rebuildHeadIndex();
  }

  /** Copies the live lists to the front of a pool with room for `extra` more entries. */
  private compactPool(extra: number): void {
    this.listRoots();
    const needed = this.poolLive + extra;
    const capacity = Math.max(256, needed * 2);
    const pool =
      capacity > this.classPool.length ? new Int32Array(capacity) : new Int32Array(this.classPool.length);
    const poolHeads = new Int32Array(pool.length);
    let write = 0;
    for (let r = 0; r < this.rootCount; r++) {
      const id = this.roots[r]!;
      const length = this.classLength[id]!;
      if (length === 0) continue;
      const start = this.classStart[id]!;
      pool.set(this.classPool.subarray(start, start + length), write);
      poolHeads.set(this.classPoolHeads.subarray(start, start + length), write);
      this.classStart[id] = write;
      write += length;
    }
    this.classPool = pool;
    this.classPoolHeads = poolHeads;
    this.poolUsed = write;
    this.poolLive = write;
  }

  /** The canonical class ids, ascending (a scan of the union-find). */
  private listRoots(): void {
    const uf = this.unionFind;
    const idCount = uf.size;
    this.roots = ensureInt32(this.roots, this.liveClasses);
    let count = 0;
    for (let id = 0; id < idCount; id++) {
      if (uf.isRoot(id) && this.classLength[id]! > 0) {
        if (count >= this.roots.length) this.roots = ensureInt32(this.roots, count + 1);
        this.roots[count++] = id;
      }
    }
    this.rootCount = count;
  }

  private rebuildHeadIndex(): void {
    if (this.rootCount !== this.liveClasses) {
      throw new DsatError(`e-graph bug: ${this.liveClasses} classes but ${this.rootCount} have nodes`);
    }
    const headCount = this.heads.size;
    this.byHeadStart = ensureInt32(this.byHeadStart, headCount);
    this.byHeadLength = ensureInt32(this.byHeadLength, headCount);
    const start = this.byHeadStart;
    const length = this.byHeadLength;
    length.fill(0, 0, headCount);
    const poolHeads = this.classPoolHeads;
    let total = 0;
    for (let r = 0; r < this.rootCount; r++) {
      const id = this.roots[r]!;
      const s = this.classStart[id]!;
      const e = s + this.classLength[id]!;
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
      const s = this.classStart[id]!;
      const e = s + this.classLength[id]!;
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

  // ---------------------------------------------------------------------------------------
  // Reading classes and nodes

  /** The canonical class ids as of the last rebuild, ascending. A view: valid until the next rebuild. */
  classes(): Int32Array {
    return this.roots.subarray(0, this.rootCount);
  }

  /**
   * The nodes of `id`'s class as of the last rebuild, sorted by head. A view: valid until
   * the next rebuild. For an id merged away since, the nodes it had then.
   */
  classNodes(id: ClassId): Int32Array {
    // A class listed at the last rebuild has a non-empty list; other ids read their root's.
    let c = id;
    if (c >= this.classLength.length || this.classLength[c] === 0) c = this.find(id);
    const length = c < this.classLength.length ? this.classLength[c]! : 0;
    const start = length > 0 ? this.classStart[c]! : 0;
    return this.classPool.subarray(start, start + length);
  }

  /** The classes (as of the last rebuild) holding at least one node with head `head`. A view. */
  classesWithHead(head: HeadId): Int32Array {
    if (head >= this.byHeadStart.length || head < 0) return this.byHeadPool.subarray(0, 0);
    const start = this.byHeadStart[head]!;
    return this.byHeadPool.subarray(start, start + this.byHeadLength[head]!);
  }

  nodeHead(node: NodeId): HeadId {
    return this.nodes.heads[node]!;
  }

  nodeArity(node: NodeId): number {
    return this.nodes.arity(node);
  }

  /** Child `index` of `node` as stored (canonical for nodes read from {@link classNodes} after a rebuild). */
  nodeChild(node: NodeId, index: number): ClassId {
    return this.nodes.child(node, index);
  }

  /** The class `node` was created in (not necessarily canonical). */
  nodeOwner(node: NodeId): ClassId {
    return this.nodes.owner[node]!;
  }

  /** The analysis fact of `id`'s class. */
  data(id: ClassId): D {
    return this.classData[this.unionFind.find(id)]!;
  }

  /** Whether `id`'s class contains a symbol leaf (kept up to date through unions). */
  hasSymbol(id: ClassId): boolean {
    return (this.flags[this.unionFind.find(id)]! & HAS_SYMBOL) !== 0;
  }

  /** A symbol head `id`'s class contains (kept up to date through unions), or -1. */
  symbolOf(id: ClassId): HeadId {
    return this.classSymbol[this.unionFind.find(id)]!;
  }

  /** Whether `id`'s class contains a number leaf (kept up to date through unions). */
  hasNumber(id: ClassId): boolean {
    return (this.flags[this.unionFind.find(id)]! & HAS_NUMBER) !== 0;
  }

  /**
   * Keeps only the leaves of `id`'s class from the next rebuild on, for good (egg's constant
   * folding prunes a class known to equal a number down to the literal). The pruned nodes stay
   * in the hashcons, so re-adding one finds the class.
   */
  pruneToLeaves(id: ClassId): void {
    const root = this.unionFind.find(id);
    if ((this.flags[root]! & LEAVES_ONLY) === 0) {
      this.flags[root]! |= LEAVES_ONLY;
      this.clean = false;
      this.touch(root);
    }
  }

  /** Whether `id`'s class is pruned to its leaves. */
  isPruned(id: ClassId): boolean {
    return (this.flags[this.unionFind.find(id)]! & LEAVES_ONLY) !== 0;
  }

  /** The arrays e-matching reads. Requires a clean graph. @internal */
  searchView(): SearchView {
    if (!this.clean) throw new DsatError("e-graph searched before rebuild(): call rebuild() first");
    const store = this.nodes;
    return {
      roots: this.roots,
      rootCount: this.rootCount,
      classStart: this.classStart,
      classLength: this.classLength,
      classNodes: this.classPool,
      classNodeHeads: this.classPoolHeads,
      nodeHeads: store.heads,
      childStart: store.childStart,
      nodeChildren: store.children,
      byHeadStart: this.byHeadStart,
      byHeadLength: this.byHeadLength,
      byHeadClasses: this.byHeadPool,
    };
  }

  /** Approximate bytes held by the e-graph's typed arrays (not the analysis facts). */
  byteSize(): number {
    let bytes = this.nodes.byteSize();
    for (const array of [
      this.flags,
      this.parentFirst,
      this.parentLast,
      this.parentCount,
      this.cellNode,
      this.cellNext,
      this.createdByAdd,
      this.analysisQueued,
      this.classStart,
      this.classLength,
      this.classPool,
      this.classPoolHeads,
      this.roots,
      this.byHeadPool,
      this.members,
      this.touchStamp,
      this.groupOf,
    ]) {
      bytes += array.byteLength;
    }
    return bytes;
  }

  /**
   * Checks the invariants a clean e-graph keeps, throwing a `DsatError` that names the first
   * one broken: every listed node is canonical and is the hashcons entry for its contents,
   * no node is listed in two classes, every node ever interned has a canonical form in its
   * own class (congruence), and every class has nodes. For tests; linear in the graph.
   */
  checkInvariants(): void {
    if (!this.clean) throw new DsatError("checkInvariants() needs a rebuilt e-graph");
    const uf = this.unionFind;
    const store = this.nodes;
    const fail = (message: string): never => {
      throw new DsatError(`e-graph invariant broken: ${message}`);
    };
    const listedIn = new Int32Array(store.size).fill(-1);
    let roots = 0;
    for (let r = 0; r < this.rootCount; r++) {
      const id = this.roots[r]!;
      if (!uf.isRoot(id)) fail(`class ${id} is listed but not canonical`);
      roots++;
      const nodes = this.classNodes(id);
      if (nodes.length === 0) fail(`class ${id} has no nodes`);
      for (let j = 0; j < nodes.length; j++) {
        const node = nodes[j]!;
        if (j > 0 && store.heads[nodes[j - 1]!]! > store.heads[node]!)
          fail(`class ${id} is not sorted by head`);
        const canonical = this.canonicalise(node);
        const arity = store.arity(node);
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
    if (roots !== this.liveClasses) fail(`${this.liveClasses} classes counted, ${roots} listed`);
    for (let node = 0; node < store.size; node++) {
      const canonical = this.canonicalise(node);
      const found = store.lookup(store.heads[node]!, canonical, store.arity(node));
      if (found < 0) fail(`node ${node} has no canonical form in the hashcons`);
      if (uf.find(store.owner[found]!) !== uf.find(store.owner[node]!)) {
        fail(`congruence: node ${node} and node ${found} are congruent but in different classes`);
      }
      if (this.createdByAdd[node] === 1) {
        for (let i = 0; i < store.arity(node); i++) {
          const child = uf.find(store.child(node, i));
          let present = false;
          for (let cell = this.parentFirst[child]!; cell >= 0 && !present; cell = this.cellNext[cell]!) {
            present = this.cellNode[cell] === node;
          }
          if (!present) fail(`node ${node} is missing from the parents of class ${child}`);
        }
      }
    }
  }
}

/** Keys for sorting long class lists without a comparator: head * 2^32 + node, exact in a double. */
let sortKeys = new Float64Array(256);
const NODE_SPAN = 2 ** 32;
const MAX_KEYED_HEAD = 2 ** 20;

/** Sorts `pool[start .. end)` by the head of each node, then by node id. Insertion sort for short runs. */
function sortByHead(pool: Int32Array, start: number, end: number, heads: Int32Array): void {
  const length = end - start;
  if (length <= 24) {
    for (let i = start + 1; i < end; i++) {
      const node = pool[i]!;
      const head = heads[node]!;
      let j = i - 1;
      while (j >= start) {
        const other = pool[j]!;
        const otherHead = heads[other]!;
        if (otherHead < head || (otherHead === head && other <= node)) break;
        pool[j + 1] = other;
        j--;
      }
      pool[j + 1] = node;
    }
    return;
  }
  // Long lists: a numeric sort of packed keys (no comparator calls), when heads are small enough.
  let small = true;
  for (let i = start; i < end; i++) if (heads[pool[i]!]! >= MAX_KEYED_HEAD) small = false;
  if (!small) {
    pool.subarray(start, end).sort((a, b) => heads[a]! - heads[b]! || a - b);
    return;
  }
  if (sortKeys.length < length) sortKeys = new Float64Array(length * 2);
  const keys = sortKeys.subarray(0, length);
  for (let i = 0; i < length; i++) {
    const node = pool[start + i]!;
    keys[i] = heads[node]! * NODE_SPAN + node;
  }
  keys.sort();
  for (let i = 0; i < length; i++) pool[start + i] = keys[i]! % NODE_SPAN;
}
