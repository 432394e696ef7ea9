import { DivisionByZeroError, DsatError } from "../errors.js";
import { foldOperation } from "../rewrite/fold-constants.js";
import type { Rational } from "../term/rational.js";
import { app, type Term } from "../term/term.js";
import { baseTheory, type Theory } from "../theory.js";
import { classConstant } from "./class-predicates.js";
import type { ClassId, EGraph, Justification, UnionObserver } from "./egraph.js";
import { ensureInt32, ensureUint8 } from "./int-buffer.js";

/**
 * The proof forest kept beside the union-find when explanations are on (egg's `Explain`).
 *
 * Every class id stands for one e-node exactly as it was added, its children being the ids
 * as passed, not canonicalised (egg's "existence nodes"): so every id has one term,
 * {@link ProofForest.termOf}. Adding an e-node whose canonical form exists but whose exact
 * children differ makes a new id (an alias) joined to the existing one by congruence, instead
 * of collapsing onto it, so the term a rule was applied to is never lost.
 *
 * Every union adds an edge to a spanning forest of the ids: rerooting one tree at the first
 * id and hanging it under the second keeps one tree per class. Edges are never removed,
 * and each is numbered in the order of unions, so an edge's sub-proofs (children of a
 * congruence, operands of a fold) only use older edges: explanations always terminate.
 * Unions a rule makes between ids already equal are kept as extra edges, beside the
 * forest, for shorter proofs.
 */

/** Options of explanation mode (`EGraphOptions.explanations`). */
export interface ExplanationOptions {
  /**
   * Operators' exact meaning (to find which e-node a folded constant came from) and the
   * term-level condition predicates (to pick bindings whose terms show a rule's condition).
   * Default: the base theory.
   */
  readonly theory?: Theory;
}

/** Why an edge joins two ids. */
export const EDGE_CONGRUENCE = 0;
/** A rewrite applied to one id's term gives the other's (from `a` to `b` when read forward). */
export const EDGE_RULE = 1;
/** `a` is an operator applied to classes with constants, `b` the literal it folds to. */
export const EDGE_FOLD = 2;
/** A union nobody justified (a user's `union`, or an analysis fact with no folding e-node). */
export const EDGE_GIVEN = 3;

const NO_CHILDREN = new Int32Array(0);

/**
 * The proof forest. Created by an `EGraph` with `explanations` on; the e-graph reports every
 * id it makes ({@link register}) and every union (as its observer).
 * @internal the e-graph and the proof modules use it; see `EGraph.explainEquivalence`.
 */
export class ProofForest implements UnionObserver {
  readonly theory: Theory;
  private count = 0;
  /** Per id: the e-node's head and its children as added. */
  private heads = new Int32Array(256);
  private childStart = new Int32Array(257);
  private children = new Int32Array(512);
  /** Per id: its parent in the forest (itself at a root) and the edge to it (-1 at a root). */
  private parentOf = new Int32Array(256);
  private parentEdgeOf = new Int32Array(256);
  /** Per id: the next member of its class, a circular list (merged in O(1) by a union). */
  private nextMember = new Int32Array(256);
  /** Per id: the first incident edge (forest or extra), -1 when none; `incidentNext[2e + side]`. */
  private incidentHead = new Int32Array(256);

  /** Per edge: its ends as unioned (`edgeA` to `edgeB` is the forward reading), kind, reason. */
  private edgeA = new Int32Array(256);
  private edgeB = new Int32Array(256);
  private edgeKinds = new Uint8Array(256);
  /** Per edge: 1 for a forest edge, 0 for an extra (redundant rule) edge. */
  private edgeInForest = new Uint8Array(256);
  private incidentNext = new Int32Array(512);
  private readonly edgeReasons: Justification[] = [];
  private edges = 0;

  /**
   * The id of each e-node exactly as added, by head and raw children: open addressing, slot
   * `i` holds id + 1 (0 when empty), compared against the ids' stored e-nodes.
   */
  private exact = new Int32Array(1024);
  private exactMask = 1023;
  /** Pairs of ids an extra rule edge already joins (`a * 2^26 + b`), so re-applying a rule every iteration adds one edge. */
  private readonly extraSeen = new Set<number>();
  private readonly terms: (Term | undefined)[] = [];
  /** Scratch for {@link reroot}. */
  private path = new Int32Array(64);

  constructor(
    private readonly egraph: EGraph<unknown>,
    options: ExplanationOptions = {},
  ) {
    this.theory = options.theory ?? baseTheory;
  }

  /** How many ids exist. */
  get size(): number {
    return this.count;
  }

  /** How many edges (forest and extra) exist. */
  get edgeCount(): number {
    return this.edges;
  }

  // ---------------------------------------------------------------------------------------
  // Ids and their e-nodes

  /** Records id `id` (the next one) as the e-node `head(children[0 .. arity))`. */
  register(id: ClassId, head: number, children: ArrayLike<ClassId>, arity: number): void {
    if (id !== this.count) throw new DsatError(`proof forest: id ${id} registered out of order`);
    this.count++;
    if (id >= this.heads.length) this.growIds(id + 1);
    if (id + 2 > this.childStart.length) this.childStart = ensureInt32(this.childStart, id + 2);
    const start = this.childStart[id]!;
    if (start + arity > this.children.length) this.children = ensureInt32(this.children, start + arity);
    for (let i = 0; i < arity; i++) this.children[start + i] = children[i]!;
    this.childStart[id + 1] = start + arity;
    this.heads[id] = head;
    this.parentOf[id] = id;
    this.parentEdgeOf[id] = -1;
    this.nextMember[id] = id;
    this.incidentHead[id] = -1;
    if (2 * this.count > this.exactMask) this.growExact();
    else this.insertExact(id, hashNode(head, children, 0, arity));
  }

  /** The id of exactly `head(children...)` (children as given, not canonicalised), or -1. */
  exactId(head: number, children: ArrayLike<ClassId>, arity: number): ClassId {
    const mask = this.exactMask;
    for (let slot = hashNode(head, children, 0, arity) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.exact[slot]!;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.heads[id] !== head || this.arity(id) !== arity) continue;
      const start = this.childStart[id]!;
      let same = true;
      for (let i = 0; i < arity && same; i++) same = this.children[start + i] === children[i];
      if (same) return id;
    }
  }

  private insertExact(id: ClassId, hash: number): void {
    const mask = this.exactMask;
    let slot = hash & mask;
    while (this.exact[slot] !== 0) slot = (slot + 1) & mask;
    this.exact[slot] = id + 1;
  }

  /** Doubles the exact-node table and re-inserts every id (its e-node is stored). */
  private growExact(): void {
    this.exact = new Int32Array(this.exact.length * 2);
    this.exactMask = this.exact.length - 1;
    for (let id = 0; id < this.count; id++) {
      const start = this.childStart[id]!;
      this.insertExact(id, hashNode(this.heads[id]!, this.children, start, this.arity(id)));
    }
  }

  /** The id of the leaf with head `head` (leaves have one id each), or -1. */
  leafId(head: number): ClassId {
    return this.exactId(head, NO_CHILDREN, 0);
  }

  head(id: ClassId): number {
    return this.heads[id]!;
  }

  arity(id: ClassId): number {
    return this.childStart[id + 1]! - this.childStart[id]!;
  }

  /** Child `index` of `id`'s e-node, as added. */
  child(id: ClassId, index: number): ClassId {
    return this.children[this.childStart[id]! + index]!;
  }

  /**
   * The term `id` stands for: its e-node with each child replaced by the child's term.
   * Memoised per id (an id's term never changes); iterative.
   */
  termOf(id: ClassId): Term {
    const known = this.terms[id];
    if (known !== undefined) return known;
    const heads = this.egraph.heads;
    const stack = [id];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (this.terms[top] !== undefined) {
        stack.pop();
        continue;
      }
      const arity = this.arity(top);
      let ready = true;
      for (let i = 0; i < arity; i++) {
        const c = this.child(top, i);
        if (this.terms[c] === undefined) {
          stack.push(c);
          ready = false;
        }
      }
      if (!ready) continue;
      stack.pop();
      const head = this.heads[top]!;
      if (heads.isOperator(head)) {
        const args: Term[] = [];
        for (let i = 0; i < arity; i++) args.push(this.terms[this.child(top, i)]!);
        this.terms[top] = app(heads.headOf(head).name, args);
      } else {
        this.terms[top] = heads.termOf(head)!;
      }
    }
    return this.terms[id]!;
  }

  /** The ids of `id`'s class, `id` first (every id unioned with it so far), at most `limit`. */
  membersOf(id: ClassId, limit = Number.POSITIVE_INFINITY): number[] {
    const members = [id];
    for (let m = this.nextMember[id]!; m !== id && members.length < limit; m = this.nextMember[m]!)
      members.push(m);
    return members;
  }

  // ---------------------------------------------------------------------------------------
  // Edges

  /** The e-graph's observer hook: one forest edge per union of two different classes. */
  onUnion(a: ClassId, b: ClassId, justification: Justification): void {
    switch (justification.kind) {
      case "congruence":
        this.link(a, b, EDGE_CONGRUENCE, justification);
        return;
      case "rule":
        this.link(a, b, EDGE_RULE, justification);
        return;
      case "analysis": {
        // `b` is the literal of the constant `a`'s class was found to have: the edge starts at
        // the e-node that folds to it, whose operands are constants already (older edges).
        const source = this.foldingSource(a, b);
        if (source >= 0) this.link(source, b, EDGE_FOLD, justification);
        else this.link(a, b, EDGE_GIVEN, justification);
        return;
      }
      case "given":
        this.link(a, b, EDGE_GIVEN, justification);
        return;
    }
  }

  /** Joins a new alias id to the existing id whose e-node it is congruent to. */
  linkAlias(existing: ClassId, alias: ClassId): void {
    this.link(alias, existing, EDGE_CONGRUENCE, CONGRUENT);
  }

  /**
   * Records that a rule rewrites `a`'s term to `b`'s though both were already equal: an
   * extra edge beside the forest, which a shorter proof may use.
   */
  noteRedundant(a: ClassId, b: ClassId, justification: Justification): void {
    if (a === b) return;
    // Pairs are keyed as one number while ids fit in 26 bits; past that they are not deduplicated.
    if (a < 67_108_864 && b < 67_108_864) {
      const key = a * 67_108_864 + b;
      if (this.extraSeen.has(key)) return;
      this.extraSeen.add(key);
    }
    this.addEdge(a, b, EDGE_RULE, justification, 0);
  }

  /** The forest parent of `id` (itself at a root). */
  parent(id: ClassId): ClassId {
    return this.parentOf[id]!;
  }

  /** The edge from `id` to its forest parent, or -1 at a root. */
  parentEdge(id: ClassId): number {
    return this.parentEdgeOf[id]!;
  }

  edgeFrom(edge: number): ClassId {
    return this.edgeA[edge]!;
  }

  edgeTo(edge: number): ClassId {
    return this.edgeB[edge]!;
  }

  edgeKind(edge: number): number {
    return this.edgeKinds[edge]!;
  }

  edgeReason(edge: number): Justification {
    return this.edgeReasons[edge]!;
  }

  isForestEdge(edge: number): boolean {
    return this.edgeInForest[edge] === 1;
  }

  /** Calls `visit(edge, otherEnd)` for every edge (forest or extra) at `id`. */
  forEachIncident(id: ClassId, visit: (edge: number, other: ClassId) => void): void {
    for (let slot = this.incidentHead[id]!; slot >= 0; slot = this.incidentNext[slot]!) {
      const edge = slot >> 1;
      visit(edge, (slot & 1) === 0 ? this.edgeB[edge]! : this.edgeA[edge]!);
    }
  }

  /**
   * For a fold edge from `source`: per operand, the id of the literal its class equals
   * (every operand's class had its literal before the fold was recorded).
   */
  operandLiterals(source: ClassId): ClassId[] {
    const egraph = this.egraph;
    const literals: ClassId[] = [];
    for (let i = 0; i < this.arity(source); i++) {
      const value = classConstant(egraph, this.child(source, i));
      literals.push(value === undefined ? -1 : this.leafId(egraph.heads.number(value)));
    }
    return literals;
  }

  private link(a: ClassId, b: ClassId, kind: number, reason: Justification): void {
    this.reroot(a);
    const edge = this.addEdge(a, b, kind, reason, 1);
    this.parentOf[a] = b;
    this.parentEdgeOf[a] = edge;
    // Splice the two circular member lists into one.
    const afterA = this.nextMember[a]!;
    this.nextMember[a] = this.nextMember[b]!;
    this.nextMember[b] = afterA;
  }

  private addEdge(a: ClassId, b: ClassId, kind: number, reason: Justification, inForest: number): number {
    const edge = this.edges++;
    if (edge >= this.edgeA.length) {
      this.edgeA = ensureInt32(this.edgeA, edge + 1);
      this.edgeB = ensureInt32(this.edgeB, edge + 1);
      this.edgeKinds = ensureUint8(this.edgeKinds, edge + 1);
      this.edgeInForest = ensureUint8(this.edgeInForest, edge + 1);
    }
    if (2 * edge + 2 > this.incidentNext.length)
      this.incidentNext = ensureInt32(this.incidentNext, 2 * edge + 2);
    this.edgeA[edge] = a;
    this.edgeB[edge] = b;
    this.edgeKinds[edge] = kind;
    this.edgeInForest[edge] = inForest;
    this.edgeReasons.push(reason);
    this.incidentNext[2 * edge] = this.incidentHead[a]!;
    this.incidentHead[a] = 2 * edge;
    this.incidentNext[2 * edge + 1] = this.incidentHead[b]!;
    this.incidentHead[b] = 2 * edge + 1;
    return edge;
  }

  /** Makes `id` the root of its tree by reversing the parent pointers on its path (egg's `make_leader`). */
  private reroot(id: ClassId): void {
    let length = 0;
    for (let x = id; ; x = this.parentOf[x]!) {
      if (length === this.path.length) this.path = ensureInt32(this.path, length + 1);
      this.path[length++] = x;
      if (this.parentOf[x] === x) break;
    }
    // path[0] = id … path[length - 1] = old root; edge i joins path[i] and path[i + 1].
    for (let i = length - 2; i >= 0; i--) {
      const x = this.path[i]!;
      const next = this.path[i + 1]!;
      this.parentOf[next] = x;
      this.parentEdgeOf[next] = this.parentEdgeOf[x]!;
    }
    this.parentOf[id] = id;
    this.parentEdgeOf[id] = -1;
  }

  /**
   * A member of `id`'s class whose e-node is an operator applied to classes that already
   * hold their literal, and which folds to `literal`'s value; -1 if there is none.
   */
  private foldingSource(id: ClassId, literal: ClassId): ClassId {
    const egraph = this.egraph;
    const heads = egraph.heads;
    const value = heads.valueOf(this.heads[literal]!);
    if (value === undefined) return -1;
    const root = egraph.find(id);
    const operands: Rational[] = [];
    for (const member of this.membersOf(id)) {
      const head = this.heads[member]!;
      if (!heads.isOperator(head)) continue;
      const spec = this.theory.operators[heads.headOf(head).name];
      if (spec?.exact === undefined) continue;
      operands.length = 0;
      for (let i = 0; i < this.arity(member); i++) {
        const c = this.child(member, i);
        const constant =
          egraph.find(c) === root || !egraph.hasNumber(c) ? undefined : classConstant(egraph, c);
        if (constant === undefined) break;
        operands.push(constant);
      }
      if (operands.length !== this.arity(member)) continue;
      let folded: Rational | undefined;
      try {
        folded = foldOperation(spec, operands);
      } catch (error) {
        if (error instanceof DivisionByZeroError) continue;
        throw error;
      }
      if (folded?.equals(value)) return member;
    }
    return -1;
  }

  private growIds(needed: number): void {
    this.heads = ensureInt32(this.heads, needed);
    this.parentOf = ensureInt32(this.parentOf, needed);
    this.parentEdgeOf = ensureInt32(this.parentEdgeOf, needed);
    this.nextMember = ensureInt32(this.nextMember, needed);
    this.incidentHead = ensureInt32(this.incidentHead, needed);
  }
}

const CONGRUENT: Justification = Object.freeze({ kind: "congruence" });

/** A well-mixed 32-bit hash of an e-node's integers (multiply-xorshift). */
function hashNode(head: number, children: ArrayLike<number>, offset: number, arity: number): number {
  let h = Math.imul(head + 0x9e3779b9, 0x85ebca6b);
  for (let i = 0; i < arity; i++) {
    h = Math.imul(h ^ children[offset + i]!, 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
    h = Math.imul(h, 0x1b873593);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h ^ (h >>> 16);
}
