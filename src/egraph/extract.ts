import { DsatError } from "../errors.js";
import { app, type Term } from "../term/term.js";
import type { ClassId, EGraph } from "./egraph.js";
import type { Head, HeadTable } from "./heads.js";
import type { NodeId } from "./node-store.js";

/**
 * A cost function for extraction: the cost of a node with head `head` whose children cost
 * `childCosts` (reused between calls: read it, do not keep it). It should never be below a
 * child's cost and should not fall when a child's cost falls, so the cheapest term is well
 * defined (egg asks the same).
 *
 * @example
 * ```ts
 * // depth instead of size
 * const depth: CostFunction = (_head, childCosts) => 1 + Math.max(0, ...childCosts);
 * ```
 */
export type CostFunction = (head: Head, childCosts: readonly number[]) => number;

/** How to price terms: a cost function, or tree size with per-operator weights. */
export interface ExtractOptions {
  /** A cost function of your own; overrides `weights`. */
  readonly cost?: CostFunction;
  /** Tree size where an operator node costs its weight (default 1); leaves cost 1. */
  readonly weights?: Readonly<Record<string, number>>;
  /**
   * Nodes extraction may choose; default all. A node turned away costs infinity, so a class
   * with no other node has no term (the simplifier turns away constants beyond double range).
   */
  readonly admits?: (node: NodeId) => boolean;
}

/** The cheapest term of a class and its cost. */
export interface Extracted {
  readonly term: Term;
  readonly cost: number;
}

/**
 * Finds the cheapest term of every class (egg's `Extractor`), by default the smallest tree:
 * operators, variables and numbers each count 1. Costs are a fixed point computed bottom up
 * with a work list: leaves first, then each class whose cost improved re-prices the nodes
 * that use it. Iterative throughout. Ties keep the node found first, so results are
 * deterministic. Reads the e-graph as of its last rebuild.
 *
 * @example
 * ```ts
 * egraph.rebuild();
 * const extractor = new Extractor(egraph, { weights: { d: 100, i: 100 } });
 * extractor.best(root).term; // the cheapest term equal to the root
 * ```
 */
export class Extractor<D> {
  // Plain arrays: small typed arrays live outside the heap and cost more to make and collect
  // than extracting from a small e-graph.
  private readonly costs: number[];
  private readonly bestNode: number[];

  constructor(
    private readonly egraph: EGraph<D>,
    options: ExtractOptions = {},
  ) {
    if (!egraph.isClean) throw new DsatError("extraction needs a rebuilt e-graph: call rebuild() first");
    const classes = egraph.classes();
    let size = 0;
    for (let i = 0; i < classes.length; i++) size = Math.max(size, classes[i]! + 1);
    this.costs = new Array<number>(size).fill(Number.POSITIVE_INFINITY);
    this.bestNode = new Array<number>(size).fill(-1);
    this.compute(options);
  }

  /** The cost of the cheapest term of `id`'s class. */
  cost(id: ClassId): number {
    return this.costs[this.egraph.find(id)]!;
  }

  /** The node chosen for `id`'s class. */
  node(id: ClassId): NodeId {
    return this.bestNode[this.egraph.find(id)]!;
  }

  /** The cheapest term of `id`'s class, built iteratively (hash-consed, so shared subterms are shared). */
  best(id: ClassId): Extracted {
    const egraph = this.egraph;
    const root = egraph.find(id);
    // By class id (canonical ids are below the cost array's length): arrays, not a Map and a
    // Set, since this runs once per simplification.
    const built: (Term | undefined)[] = new Array(this.costs.length);
    const expanded: (true | undefined)[] = new Array(this.costs.length);
    const stack: ClassId[] = [root];
    while (stack.length > 0) {
      const c = stack[stack.length - 1]!;
      if (built[c] !== undefined) {
        stack.pop();
        continue;
      }
      const node = this.bestNode[c]!;
      if (node < 0) throw new DsatError(`e-class ${c} has no finite-cost term`);
      const arity = egraph.nodeArity(node);
      let ready = true;
      for (let i = 0; i < arity; i++) {
        const child = egraph.nodeChild(node, i);
        if (built[child] === undefined) {
          ready = false;
          stack.push(child);
        }
      }
      if (!ready) {
        // A class met again before its children are built: the chosen nodes form a cycle, which
        // only a cost function that can fall as terms grow produces.
        if (expanded[c] === true)
          throw new DsatError("extraction met a cycle: the cost function must not decrease");
        expanded[c] = true;
        continue;
      }
      stack.pop();
      // Read from the head table directly: a head's description object is made on first ask,
      // and e-graphs (and their heads) are made afresh for every simplification.
      const head = egraph.nodeHead(node);
      const heads = egraph.heads;
      if (heads.isOperator(head)) {
        const args: Term[] = [];
        for (let i = 0; i < arity; i++) args.push(built[egraph.nodeChild(node, i)]!);
        built[c] = app(heads.nameOf(head), args);
      } else {
        built[c] = heads.termOf(head)!;
      }
    }
    return { term: built[root]!, cost: this.costs[root]! };
  }

  private compute(options: ExtractOptions): void {
    // The working arrays are shared by all extractions (none is kept after this call), unless
    // a cost function extracts from inside this one.
    const scratch = extractScratch.inUse ? new ExtractScratch() : extractScratch;
    scratch.inUse = true;
    try {
      this.computeWith(scratch, options);
    } finally {
      scratch.inUse = false;
    }
  }

  private computeWith(scratch: ExtractScratch, options: ExtractOptions): void {
    const egraph = this.egraph;
    const heads = egraph.heads;
    const view = egraph.searchView();
    const classes = view.roots;
    const classCount = view.rootCount;
    const classStart = view.classStart;
    const classLength = view.classLength;
    const pool = view.classNodes;
    const nodeHeads = view.nodeHeads;
    const childStart = view.childStart;
    const children = view.nodeChildren;
    const costs = this.costs;
    const best = this.bestNode;
    const size = costs.length;

    // Users of each class: the (node, class) pairs with that class as a child, as flat lists.
    const userStart = scratch.zeroed("userStart", size + 1);
    let total = 0;
    for (let r = 0; r < classCount; r++) {
      const c = classes[r]!;
      for (let j = classStart[c]!, end = j + classLength[c]!; j < end; j++) {
        const node = pool[j]!;
        for (let k = childStart[node]!, kEnd = childStart[node + 1]!; k < kEnd; k++) {
          userStart[children[k]! + 1]!++;
          total++;
        }
      }
    }
    for (let c = 0; c < size; c++) userStart[c + 1]! += userStart[c]!;
    const fill = scratch.sized("fill", size);
    fill.set(userStart.subarray(0, size));
    const userNode = scratch.sized("userNode", total);
    const userClass = scratch.sized("userClass", total);
    for (let r = 0; r < classCount; r++) {
      const c = classes[r]!;
      for (let j = classStart[c]!, end = j + classLength[c]!; j < end; j++) {
        const node = pool[j]!;
        for (let k = childStart[node]!, kEnd = childStart[node + 1]!; k < kEnd; k++) {
          const at = fill[children[k]!]!++;
          userNode[at] = node;
          userClass[at] = c;
        }
      }
    }

    const weightOf = scratch.weights(heads.size);
    if (options.weights) {
      for (const [name, weight] of Object.entries(options.weights)) {
        const head = heads.findOperator(name);
        if (head >= 0) weightOf[head] = weight;
      }
    }
    // Whether each node is admitted, asked once per node: a node is priced again each time a
    // child's cost falls, and the simplifier's test folds constants.
    const admitted =
      options.admits === undefined ? undefined : scratch.zeroed("admitted", egraph.hashconsSize);
    const pricer = new NodePricer(
      costs,
      nodeHeads,
      childStart,
      children,
      weightOf,
      options.cost,
      heads,
      options.admits,
      admitted,
    );

    // Work list of classes whose cost improved (FIFO, each queued at most once at a time).
    const queue = scratch.sized("queue", Math.max(16, size));
    const queued = scratch.zeroed("queued", size);
    let head = 0;
    let tail = 0;
    let pending = 0;
    for (let r = 0; r < classCount; r++) {
      const c = classes[r]!;
      for (let j = classStart[c]!, end = j + classLength[c]!; j < end; j++) {
        const node = pool[j]!;
        if (childStart[node + 1] !== childStart[node]) continue;
        const cost = pricer.price(node);
        if (cost < costs[c]!) {
          costs[c] = cost;
          best[c] = node;
          if (queued[c] === 0) {
            queued[c] = 1;
            queue[tail] = c;
            tail = tail + 1 === queue.length ? 0 : tail + 1;
            pending++;
          }
        }
      }
    }
    // A guard against cost functions that never settle (e.g. ones that fall as terms grow).
    let budget = 64 * (total + classCount) + 1_000;
    while (pending > 0 && budget-- > 0) {
      const c = queue[head]!;
      head = head + 1 === queue.length ? 0 : head + 1;
      pending--;
      queued[c] = 0;
      for (let u = userStart[c]!, end = userStart[c + 1]!; u < end; u++) {
        const node = userNode[u]!;
        const owner = userClass[u]!;
        const cost = pricer.price(node);
        if (cost < costs[owner]!) {
          costs[owner] = cost;
          best[owner] = node;
          if (queued[owner] === 0) {
            queued[owner] = 1;
            queue[tail] = owner;
            tail = tail + 1 === queue.length ? 0 : tail + 1;
            pending++;
          }
        }
      }
    }
  }
}

type ScratchName = "userStart" | "fill" | "userNode" | "userClass" | "queue" | "queued" | "admitted";

/** Working arrays of {@link Extractor.compute}, grown as needed and reused by every extraction. */
class ExtractScratch {
  inUse = false;
  private readonly arrays = new Map<ScratchName, Int32Array>();
  private weightArray = new Float64Array(64);

  /** An array of at least `length` elements whose first `length` are unspecified. */
  sized(name: ScratchName, length: number): Int32Array {
    let array = this.arrays.get(name);
    if (array === undefined || array.length < length) {
      array = new Int32Array(Math.max(64, length * 2));
      this.arrays.set(name, array);
    }
    return array;
  }

  /** Like {@link sized}, with the first `length` elements 0. */
  zeroed(name: ScratchName, length: number): Int32Array {
    const array = this.sized(name, length);
    array.fill(0, 0, length);
    return array;
  }

  /** Weights for `length` heads, all 1. */
  weights(length: number): Float64Array {
    if (this.weightArray.length < length) this.weightArray = new Float64Array(length * 2);
    this.weightArray.fill(1, 0, length);
    return this.weightArray;
  }
}

const extractScratch = new ExtractScratch();

/** Prices one node from its children's current costs: weighted tree size, or a user cost function. */
class NodePricer {
  private readonly childCosts: number[][] = [];

  constructor(
    private readonly costs: number[],
    private readonly nodeHeads: Int32Array,
    private readonly childStart: Int32Array,
    private readonly children: Int32Array,
    private readonly weightOf: Float64Array,
    private readonly costFunction: CostFunction | undefined,
    private readonly heads: HeadTable,
    private readonly admits: ((node: NodeId) => boolean) | undefined,
    /** Per node when `admits` is given: 0 not asked yet, 1 admitted, 2 turned away. */
    private readonly admitted: Int32Array | undefined,
  ) {}

  price(node: NodeId): number {
    if (this.admits !== undefined) {
      const admitted = this.admitted!;
      if (admitted[node] === 0) admitted[node] = this.admits(node) ? 1 : 2;
      if (admitted[node] === 2) return Number.POSITIVE_INFINITY;
    }
    const start = this.childStart[node]!;
    const end = this.childStart[node + 1]!;
    const head = this.nodeHeads[node]!;
    if (this.costFunction === undefined) {
      let cost = this.weightOf[head]!;
      for (let k = start; k < end; k++) cost += this.costs[this.children[k]!]!;
      return cost;
    }
    const arity = end - start;
    let buffer = this.childCosts[arity];
    if (buffer === undefined) {
      buffer = new Array<number>(arity).fill(0);
      this.childCosts[arity] = buffer;
    }
    for (let i = 0; i < arity; i++) {
      const c = this.costs[this.children[start + i]!]!;
      if (c === Number.POSITIVE_INFINITY) return c;
      buffer[i] = c;
    }
    return this.costFunction(this.heads.headOf(head), buffer);
  }
}

/**
 * The cheapest term of `id`'s class (see {@link Extractor}).
 *
 * @example
 * ```ts
 * extractBest(egraph, root).term; // e.g. x for (* 1 x) after one-mul
 * ```
 */
export function extractBest<D>(egraph: EGraph<D>, id: ClassId, options: ExtractOptions = {}): Extracted {
  return new Extractor(egraph, options).best(id);
}
