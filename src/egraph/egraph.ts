import { DsatError } from "../errors.js";
import type { Rational } from "../term/rational.js";
import type { Num, Sym, Term } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";
import { postorder } from "../term/traverse.js";
import { type Analysis, noAnalysis } from "./analysis.js";
import { ClassLists, HAS_NUMBER, HAS_SYMBOL, LEAVES_ONLY } from "./class-lists.js";
import type { ClassId, EGraphOptions, Justification, SearchView, UnionObserver } from "./egraph-types.js";
import { ProofForest } from "./explain.js";
import { explainEquivalence, type ProofOptions } from "./explain-proof.js";
import type { Proof } from "./explain-types.js";
import { type HeadId, HeadTable } from "./heads.js";
import { ensureInt32, ensureUint8, IntStack } from "./int-buffer.js";
import { checkEGraphInvariants } from "./invariants.js";
import { type NodeId, NodeStore } from "./node-store.js";
import { ParentLists } from "./parent-lists.js";
import {
  type DeserializeOptions,
  deserializeEGraph,
  type SerializedEGraph,
  serializeEGraph,
} from "./serialize.js";
import { UnionFind } from "./union-find.js";

export type { ClassId, EGraphOptions, Justification, SearchView, UnionObserver } from "./egraph-types.js";

const CONGRUENCE: Justification = Object.freeze({ kind: "congruence" });
const GIVEN: Justification = Object.freeze({ kind: "given" });

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
  /** Operator and leaf heads; emptied by {@link reset}. */
  get heads(): HeadTable {
    return this.headTable;
  }
  private readonly headTable = new HeadTable();
  readonly analysis: Analysis<D>;
  /** The proof forest when explanations are on, else `undefined`. @internal */
  readonly explanations: ProofForest | undefined;
  private readonly observer: UnionObserver | undefined;
  private readonly nodes = new NodeStore();
  private readonly unionFind = new UnionFind();
  private readonly parents = new ParentLists();
  private readonly lists = new ClassLists();
  private readonly classData: D[] = [];
  private readonly trivialAnalysis: boolean;
  /** Per class: HAS_SYMBOL, HAS_NUMBER, LEAVES_ONLY bits (kept up to date through unions). */
  private flags = new Uint8Array(64);
  /** Per class: one symbol head it contains, or -1 (kept through unions, for `free-of`). */
  private classSymbol = new Int32Array(64);
  private liveClasses = 0;
  /** Per node: 1 when an add created it (and so it sits in its children's parent lists). */
  private createdByAdd = new Uint8Array(256);

  // Deferred work: nodes made stale by unions, nodes whose analysis fact may have changed.
  private readonly pending = new IntStack();
  private readonly analysisPending = new IntStack();
  private analysisQueued = new Uint8Array(256);
  private clean = true;
  /** The arrays of the last rebuild, made once per rebuild rather than per search. */
  private view: SearchView | undefined;

  private scratch = new Int32Array(16);
  /** Working storage of {@link add}, kept between calls. */
  private readonly addedClasses = new TermIdMap<ClassId>();
  /** Working storage of {@link lookup}. */
  private readonly lookedUp = new TermIdMap<ClassId>();
  private lookupChildren = new Int32Array(4);
  private readonly addStack: Term[] = [];
  private addChildren = new Int32Array(8);
  private adding = false;
  private canonicalScratch = new Int32Array(16);

  constructor(options: EGraphOptions<D> = {}) {
    this.analysis = options.analysis ?? (noAnalysis as unknown as Analysis<D>);
    this.trivialAnalysis = this.analysis.trivial === true;
    const explain = options.explanations;
    this.explanations = explain
      ? new ProofForest(this as EGraph<unknown>, explain === true ? {} : explain)
      : undefined;
    this.observer = bothObservers(this.explanations, options.observer);
  }

  /**
   * Empties the e-graph, keeping its storage: afterwards it behaves exactly as a new e-graph
   * with the same options (ids and heads start again from 0, and a new {@link heads} table).
   * Cheaper than a new e-graph when many small ones are built one after another, as the
   * simplifier does. Not available with explanations on (a {@link DsatError}).
   */
  reset(): void {
    if (this.explanations !== undefined) throw new DsatError("reset() is not available with explanations on");
    this.headTable.clear();
    this.createdByAdd.fill(0, 0, Math.min(this.nodes.size, this.createdByAdd.length));
    this.analysisQueued.fill(0, 0, Math.min(this.nodes.size, this.analysisQueued.length));
    this.lists.clear(this.unionFind.size);
    this.nodes.clear();
    this.unionFind.clear();
    this.parents.clear();
    this.classData.length = 0;
    this.liveClasses = 0;
    this.pending.clear();
    this.analysisPending.clear();
    this.clean = true;
    this.view = undefined;
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
    return this.lists.liveNodeCount;
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
    // One pass over the DAG with an explicit stack: a term is added once its children are.
    // The working storage is reused, unless an analysis adds a term while this one is added.
    const nested = this.adding;
    const classOf = nested ? new TermIdMap<ClassId>(16) : this.addedClasses;
    const stack = nested ? [] : this.addStack;
    classOf.clear();
    stack.length = 0;
    stack.push(term);
    this.adding = true;
    try {
      return this.addAll(term, classOf, stack);
    } finally {
      this.adding = nested;
      if (!nested) classOf.clear();
    }
  }

  private addAll(term: Term, classOf: TermIdMap<ClassId>, stack: Term[]): ClassId {
    let children = this.addChildren;
    while (stack.length > 0) {
      const t = stack[stack.length - 1]!;
      if (t.kind !== "app") {
        stack.pop();
        if (classOf.get(t.id) === undefined) classOf.set(t.id, this.addNode(this.heads.leaf(t), children, 0));
        continue;
      }
      const arity = t.args.length;
      if (arity > children.length) {
        children = new Int32Array(arity * 2);
        this.addChildren = children;
      }
      // Children first, the first child first; a term met again through sharing is added once.
      let ready = true;
      for (let i = arity - 1; i >= 0; i--) {
        const child = t.args[i]!;
        const id = classOf.get(child.id);
        if (id === undefined) {
          stack.push(child);
          ready = false;
        } else {
          children[i] = id;
        }
      }
      if (!ready) continue;
      stack.pop();
      if (classOf.get(t.id) === undefined)
        classOf.set(t.id, this.addNode(this.heads.operator(t.op, arity), children, arity));
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
    if (!this.nodes.lastWasNew) {
      const owner = this.nodes.owner[node]!;
      return this.explanations === undefined
        ? this.unionFind.find(owner)
        : this.exactNode(owner, head, children, arity);
    }
    const id = this.makeClass(node, head, arity, children);
    return this.explanations === undefined ? this.unionFind.find(id) : id;
  }

  /**
   * Explanation mode: the id of exactly `head(children...)` (children as given), known to be
   * congruent to `existing`'s e-node now; a new id joined to it by congruence if there is
   * none yet. Adds no e-node to the hashcons and leaves the classes as they are.
   */
  private exactNode(existing: ClassId, head: HeadId, children: ArrayLike<ClassId>, arity: number): ClassId {
    const forest = this.explanations!;
    const known = forest.exactId(head, children, arity);
    if (known >= 0) return known;
    const id = this.unionFind.makeSet();
    if (id >= this.flags.length) this.growClassArrays(id + 1);
    this.parents.reset(id);
    forest.register(id, head, children, arity);
    this.unionFind.link(this.unionFind.find(existing), id);
    forest.linkAlias(existing, id);
    return id;
  }

  /**
   * Explanation mode: the id of exactly `head(children...)` when its canonical form is in the
   * hashcons (made as an alias if need be), else -1. Never adds an e-node, so it is safe
   * between a search and the next rebuild. @internal
   */
  proofNode(head: HeadId, children: ArrayLike<ClassId>, arity = children.length): ClassId {
    if (this.explanations === undefined) throw new DsatError("proofNode needs explanations on");
    if (arity > this.scratch.length) this.scratch = new Int32Array(arity * 2);
    for (let i = 0; i < arity; i++) this.scratch[i] = this.unionFind.find(children[i]!);
    const node = this.nodes.lookup(head, this.scratch, arity);
    return node < 0 ? -1 : this.exactNode(this.nodes.owner[node]!, head, children, arity);
  }

  /**
   * Explanation mode: the id of exactly `head(children...)`, whose children are each in the
   * class of the matching child of `partner`'s e-node (same head): made as an alias joined to
   * `partner` by congruence when new. @internal
   */
  congruentNode(
    partner: ClassId,
    head: HeadId,
    children: ArrayLike<ClassId>,
    arity = children.length,
  ): ClassId {
    if (this.explanations === undefined) throw new DsatError("congruentNode needs explanations on");
    return this.exactNode(partner, head, children, arity);
  }

  private makeClass(node: NodeId, head: HeadId, arity: number, children: ArrayLike<ClassId>): ClassId {
    const id = this.unionFind.makeSet();
    this.nodes.owner[node] = id;
    this.explanations?.register(id, head, children, arity);
    this.liveClasses++;
    this.clean = false;
    if (id >= this.flags.length) this.growClassArrays(id + 1);
    this.parents.reset(id);
    const symbol = this.heads.isSymbol(head);
    this.flags[id] = symbol ? HAS_SYMBOL : this.heads.isNumber(head) ? HAS_NUMBER : 0;
    this.classSymbol[id] = symbol ? head : -1;
    if (node >= this.createdByAdd.length) {
      this.createdByAdd = ensureUint8(this.createdByAdd, node + 1);
      this.analysisQueued = ensureUint8(this.analysisQueued, node + 1);
    }
    this.createdByAdd[node] = 1;
    const store = this.nodes;
    const start = store.childStart[node]!;
    for (let i = 0; i < arity; i++) this.parents.add(store.children[start + i]!, node);
    this.lists.noteCreated(node, id);
    if (!this.trivialAnalysis) {
      this.classData[id] = this.analysis.make(this, node);
      this.analysis.modify?.(this, id);
    }
    return id;
  }

  private growClassArrays(needed: number): void {
    this.flags = ensureUint8(this.flags, needed);
    this.classSymbol = ensureInt32(this.classSymbol, needed);
    this.parents.grow(needed);
    this.lists.grow(needed);
  }

  // ---------------------------------------------------------------------------------------
  // Looking up

  /**
   * The class of `term` if every subterm is present, else `undefined`; adds nothing. Exact
   * after a rebuild; between a union and the next rebuild it may miss a term whose node has
   * not been re-canonicalised yet.
   */
  lookup(term: Term): ClassId | undefined {
    // A leaf (the common ground term of a rule, such as 0 or 1) needs no walk.
    if (term.kind !== "app") return this.lookupNode(this.heads.leaf(term), this.scratch, 0);
    const classOf = this.lookedUp;
    classOf.clear();
    let children = this.lookupChildren;
    for (const t of postorderOf(term)) {
      let head: HeadId;
      let arity = 0;
      if (t.kind === "app") {
        head = this.heads.findOperator(t.op);
        arity = t.args.length;
        if (head < 0 || this.heads.arities[head] !== arity) return undefined;
        if (arity > children.length) {
          children = new Int32Array(arity * 2);
          this.lookupChildren = children;
        }
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
   * The observer, if any, is told first, with `justification` (proofs build on this).
   */
  union(a: ClassId, b: ClassId, justification: Justification = GIVEN): boolean {
    const size = this.unionFind.size;
    if (!(a >= 0 && a < size && b >= 0 && b < size))
      throw new DsatError(`union of unknown class ids ${a}, ${b}`);
    let root = this.unionFind.find(a);
    let child = this.unionFind.find(b);
    if (root === child) return false;
    this.observer?.onUnion(a, b, justification);
    if (this.parents.count(root) < this.parents.count(child)) {
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
    this.lists.touch(root);
    this.lists.touch(child);

    // The child's parents now have a stale child id: re-canonicalise them at rebuild.
    const parents = this.parents;
    for (let cell = parents.first(child); cell >= 0; cell = parents.next(cell))
      this.pending.push(parents.node(cell));
    if (result !== undefined) {
      if (result.aChanged) this.queueParentsForAnalysis(root);
      if (result.bChanged) this.queueParentsForAnalysis(child);
      this.classData[root] = result.data;
      this.classData[child] = undefined as D;
    }
    this.flags[root]! |= this.flags[child]!;
    if (this.classSymbol[root]! < 0) this.classSymbol[root] = this.classSymbol[child]!;
    parents.concatenate(root, child);
    if (!this.trivialAnalysis) this.analysis.modify?.(this, root);
    return true;
  }

  /**
   * Adds what is known of `id`'s class from outside the e-graph (an assumption, such as a
   * domain fact of the simplifier's input): `fact` is joined into the class's analysis fact as
   * a union would join it, and parents are re-analysed at the next {@link rebuild}. Only facts
   * true of every term the class stands for may be assumed.
   */
  assume(id: ClassId, fact: D): void {
    if (this.trivialAnalysis) return;
    const root = this.find(id);
    const result = this.analysis.merge(this.classData[root]!, fact);
    if (!result.aChanged) return;
    this.classData[root] = result.data;
    this.queueParentsForAnalysis(root);
    this.analysis.modify?.(this, root);
  }

  private queueParentsForAnalysis(classId: ClassId): void {
    const parents = this.parents;
    for (let cell = parents.first(classId); cell >= 0; cell = parents.next(cell)) {
      const node = parents.node(cell);
      if (this.analysisQueued[node] === 0) {
        this.analysisQueued[node] = 1;
        this.analysisPending.push(node);
      }
    }
  }

  /**
   * Restores congruence and the hashcons after unions (egg's `rebuild`): re-canonicalises
   * the parents of merged classes, merging classes whose nodes became congruent, and re-runs
   * the analysis where facts changed, until nothing is left to do; then re-lists the classes
   * touched and rebuilds the by-head index. Returns the number of unions congruence caused.
   */
  rebuild(): number {
    const unions = this.processUnions();
    if (!this.clean) {
      this.lists.relist(this.unionFind, this.nodes, this.flags, this.liveClasses, this.heads.size);
      this.view = undefined;
    }
    this.clean = true;
    return unions;
  }

  private processUnions(): number {
    let unions = 0;
    const store = this.nodes;
    // With explanations, a node's owner must be an id whose own e-node has this node's form.
    const keepOwner = this.explanations !== undefined;
    while (this.pending.length > 0 || this.analysisPending.length > 0) {
      while (this.pending.length > 0) {
        const node = this.pending.pop();
        this.lists.touch(this.unionFind.find(store.owner[node]!));
        const canonical = this.canonicalise(node);
        const found = store.intern(store.heads[node]!, canonical, store.arity(node), -1);
        if (store.lastWasNew)
          store.owner[found] = keepOwner ? store.owner[node]! : this.unionFind.find(store.owner[node]!);
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

  /** `node`'s children, canonicalised, in a scratch array. */
  private canonicalise(node: NodeId): Int32Array {
    const store = this.nodes;
    const start = store.childStart[node]!;
    const arity = store.childStart[node + 1]! - start;
    if (arity > this.canonicalScratch.length) this.canonicalScratch = new Int32Array(arity * 2);
    const out = this.canonicalScratch;
    for (let i = 0; i < arity; i++) out[i] = this.unionFind.find(store.children[start + i]!);
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Reading classes and nodes

  /** The canonical class ids as of the last rebuild, ascending. A view: valid until the next rebuild. */
  classes(): Int32Array {
    return this.lists.roots.subarray(0, this.lists.rootCount);
  }

  /**
   * The nodes of `id`'s class as of the last rebuild, sorted by head. A view: valid until
   * the next rebuild. For an id merged away since, the nodes it had then.
   */
  classNodes(id: ClassId): Int32Array {
    return this.lists.nodesOf(id, this.unionFind);
  }

  /** The classes (as of the last rebuild) holding at least one node with head `head`. A view. */
  classesWithHead(head: HeadId): Int32Array {
    return this.lists.classesWithHead(head);
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
      this.lists.touch(root);
    }
  }

  /** Whether `id`'s class is pruned to its leaves. */
  isPruned(id: ClassId): boolean {
    return (this.flags[this.unionFind.find(id)]! & LEAVES_ONLY) !== 0;
  }

  /** The arrays e-matching reads. Requires a clean graph. @internal */
  searchView(): SearchView {
    if (!this.clean) throw new DsatError("e-graph searched before rebuild(): call rebuild() first");
    if (this.view !== undefined) return this.view;
    const store = this.nodes;
    const lists = this.lists;
    this.view = {
      roots: lists.roots,
      rootCount: lists.rootCount,
      classStart: lists.start,
      classLength: lists.length,
      classNodes: lists.pool,
      classNodeHeads: lists.poolHeads,
      nodeHeads: store.heads,
      childStart: store.childStart,
      nodeChildren: store.children,
      byHeadStart: lists.byHeadStart,
      byHeadLength: lists.byHeadLength,
      byHeadClasses: lists.byHeadPool,
    };
    return this.view;
  }

  /** Approximate bytes held by the e-graph's typed arrays (not the analysis facts). */
  byteSize(): number {
    return (
      this.nodes.byteSize() +
      this.parents.byteSize() +
      this.lists.byteSize() +
      this.flags.byteLength +
      this.classSymbol.byteLength +
      this.createdByAdd.byteLength +
      this.analysisQueued.byteLength +
      this.unionFind.size * 4
    );
  }

  /**
   * A proof that the terms ids `a` and `b` stand for are equal (egg's `explain_equivalence`):
   * the terms from one to the other, each step one rule applied at one position (forward or
   * backward) or one constant folded. Needs explanations on and `a`, `b` in one class (a
   * `DsatError` otherwise). Ids from {@link add} stand for exactly the term added.
   *
   * @example
   * ```ts
   * const egraph = new EGraph({ explanations: true });
   * const a = egraph.add(parseSExpr("(* x 1)", { theory }));
   * const b = egraph.add(parseSExpr("x", { theory }));
   * runRewrites(egraph, compileRewrites(theory.ruleSets.algebra!));
   * egraph.explainEquivalence(a, b).steps.length; // 1: mul-one
   * ```
   */
  explainEquivalence(a: ClassId, b: ClassId, options: ProofOptions = {}): Proof {
    return explainEquivalence(this as EGraph<unknown>, a, b, options);
  }

  /**
   * The rebuilt e-graph in the JSON format of the egraph-serialize crate (egglog's, read by
   * e-graph viewers), with `roots` as its root classes; see `serializeEGraph`.
   *
   * @example
   * ```ts
   * writeFileSync("g.json", JSON.stringify(egraph.toJSON([root])));
   * ```
   */
  toJSON(roots: readonly ClassId[] = []): SerializedEGraph {
    return serializeEGraph(this as EGraph<unknown>, Array.isArray(roots) ? roots : []);
  }

  /**
   * A new e-graph loaded from egraph-serialize JSON (text or parsed) with its root classes, so
   * a run can be resumed with more rules or higher limits; see `deserializeEGraph`.
   *
   * @example
   * ```ts
   * const { egraph, roots } = EGraph.fromJSON(readFileSync("g.json", "utf8"), { analysis });
   * ```
   */
  static fromJSON<D = undefined>(
    data: SerializedEGraph | string,
    options: DeserializeOptions<D> = {},
  ): { egraph: EGraph<D>; roots: ClassId[] } {
    return deserializeEGraph((o) => new EGraph<D>(o), data, options);
  }

  /**
   * Checks the invariants a rebuilt e-graph keeps (see `checkEGraphInvariants`), throwing a
   * `DsatError` naming the first one broken. For tests; linear in the graph.
   */
  checkInvariants(): void {
    if (!this.clean) throw new DsatError("checkInvariants() needs a rebuilt e-graph");
    checkEGraphInvariants({
      store: this.nodes,
      unionFind: this.unionFind,
      parents: this.parents,
      lists: this.lists,
      liveClasses: this.liveClasses,
      createdByAdd: this.createdByAdd,
    });
  }
}

/** One observer telling the proof forest first, then the user's. */
function bothObservers(
  forest: UnionObserver | undefined,
  user: UnionObserver | undefined,
): UnionObserver | undefined {
  if (forest === undefined || user === undefined) return forest ?? user;
  return {
    onUnion(a, b, justification) {
      forest.onUnion(a, b, justification);
      user.onUnion(a, b, justification);
    },
  };
}

/** Post-orders of small terms, kept: rules look the same ground terms up every iteration. */
const postorders = new WeakMap<Term, readonly Term[]>();
const KEPT_POSTORDER = 16;

/** {@link postorder} of `term`, remembered when it is small. */
function postorderOf(term: Term): readonly Term[] {
  let order = postorders.get(term);
  if (order === undefined) {
    order = postorder(term);
    if (order.length <= KEPT_POSTORDER) postorders.set(term, order);
  }
  return order;
}
