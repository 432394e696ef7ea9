import { DsatError } from "../errors.js";
import { app, type Term } from "../term/term.js";
import type { ClassId, EGraph } from "./egraph.js";
import type { Head } from "./heads.js";
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
  private readonly costs: Float64Array;
  private readonly bestNode: Int32Array;

  constructor(
    private readonly egraph: EGraph<D>,
    options: ExtractOptions = {},
  ) {
    if (!egraph.isClean) throw new DsatError("extraction needs a rebuilt e-graph: call rebuild() first");
    const size = egraph.classes().reduce((max, id) => Math.max(max, id + 1), 0);
    this.costs = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    this.bestNode = new Int32Array(size).fill(-1);
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
    const built = new Map<ClassId, Term>();
    const stack: ClassId[] = [root];
    while (stack.length > 0) {
      const c = stack[stack.length - 1]!;
      if (built.has(c)) {
        stack.pop();
        continue;
      }
      const node = this.bestNode[c]!;
      if (node < 0) throw new DsatError(`e-class ${c} has no finite-cost term`);
      const arity = egraph.nodeArity(node);
      let ready = true;
      for (let i = 0; i < arity; i++) {
        const child = egraph.nodeChild(node, i);
        if (!built.has(child)) {
          ready = false;
          stack.push(child);
        }
      }
      if (!ready) continue;
      stack.pop();
      const head = egraph.heads.headOf(egraph.nodeHead(node));
      if (head.kind === "operator") {
        const args: Term[] = [];
        for (let i = 0; i < arity; i++) args.push(built.get(egraph.nodeChild(node, i))!);
        built.set(c, app(head.name, args));
      } else {
        built.set(c, head.term!);
      }
    }
    return { term: built.get(root)!, cost: this.costs[root]! };
  }

  private compute(options: ExtractOptions): void {
    const egraph = this.egraph;
    const heads = egraph.heads;
    const classes = egraph.classes();
    const costs = this.costs;
    const best = this.bestNode;

    // Users of each class: the (node, class) pairs with that class as a child, as flat lists.
    const userCount = new Int32Array(costs.length + 1);
    let total = 0;
    for (const c of classes) {
      const nodes = egraph.classNodes(c);
      for (const node of nodes) {
        const arity = egraph.nodeArity(node);
        for (let i = 0; i < arity; i++) {
          userCount[egraph.nodeChild(node, i)]!++;
          total++;
        }
      }
    }
    const userStart = new Int32Array(costs.length + 1);
    for (let c = 0; c < costs.length; c++) userStart[c + 1] = userStart[c]! + userCount[c]!;
    const fill = userStart.slice(0, costs.length);
    const userNode = new Int32Array(total);
    const userClass = new Int32Array(total);
    for (const c of classes) {
      for (const node of egraph.classNodes(c)) {
        const arity = egraph.nodeArity(node);
        for (let i = 0; i < arity; i++) {
          const at = fill[egraph.nodeChild(node, i)]!++;
          userNode[at] = node;
          userClass[at] = c;
        }
      }
    }

    const weightOf = new Float64Array(heads.size).fill(1);
    if (options.weights) {
      for (const [name, weight] of Object.entries(options.weights)) {
        const head = heads.findOperator(name);
        if (head >= 0) weightOf[head] = weight;
      }
    }
    const costFunction = options.cost;
    const childCosts: number[][] = [];
    const priceOf = (node: NodeId): number => {
      const arity = egraph.nodeArity(node);
      const head = egraph.nodeHead(node);
      if (costFunction === undefined) {
        let cost = weightOf[head]!;
        for (let i = 0; i < arity; i++) cost += costs[egraph.nodeChild(node, i)]!;
        return cost;
      }
      let buffer = childCosts[arity];
      if (buffer === undefined) {
        buffer = new Array<number>(arity).fill(0);
        childCosts[arity] = buffer;
      }
      for (let i = 0; i < arity; i++) {
        const c = costs[egraph.nodeChild(node, i)]!;
        if (c === Number.POSITIVE_INFINITY) return c;
        buffer[i] = c;
      }
      return costFunction(heads.headOf(head), buffer);
    };

    // Work list of classes whose cost improved, FIFO, each queued at most once at a time.
    const queue = new Int32Array(Math.max(16, costs.length));
    const queued = new Uint8Array(costs.length);
    let head = 0;
    let tail = 0;
    let pending = 0;
    const push = (c: ClassId) => {
      if (queued[c] === 1) return;
      queued[c] = 1;
      queue[tail] = c;
      tail = (tail + 1) % queue.length;
      pending++;
    };
    const offer = (node: NodeId, c: ClassId) => {
      const cost = priceOf(node);
      if (cost < costs[c]!) {
        costs[c] = cost;
        best[c] = node;
        push(c);
      }
    };
    for (const c of classes) {
      for (const node of egraph.classNodes(c)) if (egraph.nodeArity(node) === 0) offer(node, c);
    }
    // A guard against cost functions that never settle (e.g. decreasing with size).
    let budget = 64 * (total + classes.length) + 1_000;
    while (pending > 0 && budget-- > 0) {
      const c = queue[head]!;
      head = (head + 1) % queue.length;
      pending--;
      queued[c] = 0;
      for (let u = userStart[c]!; u < userStart[c + 1]!; u++) offer(userNode[u]!, userClass[u]!);
    }
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
