import { DsatError } from "../errors.js";
import type { ClassId, EGraph } from "./egraph.js";
import { EDGE_CONGRUENCE, EDGE_FOLD, type ProofForest } from "./explain.js";
import { MinHeap } from "./min-heap.js";

/**
 * Which equalities a proof goes through: routes between two equal ids, as hops along forest
 * edges, extra rule edges, or congruences found at explanation time.
 *
 * A proof's length is measured as egg does: a rule step costs 1, a congruence the sum of
 * its children's distances, a fold 1 plus its operands'. The forest alone gives one route
 * per pair (the tree path); {@link ProofRoutes.route} looks for a shorter one (egg's greedy
 * "shortest explanation"): a shortest-path search over the class, where besides the forest
 * every rule union ever made counts, and any two congruent e-nodes are neighbours at the
 * price of their children's forest distances. It takes a shorter route only when one
 * exists, so the measure falls strictly with every sub-proof and proofs stay finite; a fuel
 * bounds the search work.
 */

/** One hop: from one id to an equal one, along `edge`, or by congruence of their e-nodes (`edge` -1). */
export interface Hop {
  readonly from: ClassId;
  readonly to: ClassId;
  readonly edge: number;
}

/** Distances stop growing here (flattened proofs can be exponentially long). */
const DISTANCE_CAP = 2 ** 50;
/** Congruent neighbours looked at per id in the search (a class may hold many congruent ids). */
const CONGRUENT_NEIGHBOURS = 16;

/** Routes between equal ids of one explanation-mode e-graph. Reusable for several proofs. */
export class ProofRoutes {
  private costs = new Float64Array(0);
  private marks = new Int32Array(0);
  private epoch = 0;
  private fuel: number;
  private readonly cache = new Map<string, Hop[]>();

  constructor(
    private readonly egraph: EGraph<unknown>,
    private readonly forest: ProofForest,
    /** Ids the shortest-route search may visit in all, over every query; then forest routes only. */
    fuel?: number,
  ) {
    this.fuel = fuel ?? 20 * forest.size + 1_000;
  }

  /** The path from `a` to `b` in the forest (they must be in one tree). */
  forestRoute(a: ClassId, b: ClassId): Hop[] {
    if (a === b) return [];
    const forest = this.forest;
    this.ensureMarks();
    const epoch = ++this.epoch;
    for (let x = a; ; x = forest.parent(x)) {
      this.marks[x] = epoch;
      if (forest.parent(x) === x) break;
    }
    let meet = b;
    while (this.marks[meet] !== epoch) {
      const up = forest.parent(meet);
      if (up === meet) throw new DsatError(`cannot explain: ids ${a} and ${b} are not equal`);
      meet = up;
    }
    const hops: Hop[] = [];
    for (let x = a; x !== meet; x = forest.parent(x)) {
      hops.push({ from: x, to: forest.parent(x), edge: forest.parentEdge(x) });
    }
    const fromB: Hop[] = [];
    for (let x = b; x !== meet; x = forest.parent(x)) {
      fromB.push({ from: forest.parent(x), to: x, edge: forest.parentEdge(x) });
    }
    for (let i = fromB.length - 1; i >= 0; i--) hops.push(fromB[i]!);
    return hops;
  }

  /** The length of the forest route from `a` to `b`, in rewrite steps (capped). */
  distance(a: ClassId, b: ClassId): number {
    if (a === b) return 0;
    const hops = this.forestRoute(a, b);
    this.ensureCosts(hops.map((h) => h.edge));
    let total = 0;
    for (const hop of hops) total += this.costs[hop.edge]!;
    return Math.min(total, DISTANCE_CAP);
  }

  /** The steps a proof along `edge` takes. */
  edgeCost(edge: number): number {
    this.ensureCosts([edge]);
    return this.costs[edge]!;
  }

  /**
   * The route a proof from `a` to `b` takes: the shortest found, falling back to the forest
   * path when the search finds nothing shorter or its fuel is spent. Memoised per pair.
   */
  route(a: ClassId, b: ClassId): Hop[] {
    if (a === b) return [];
    const key = `${a} ${b}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const forestHops = this.forestRoute(a, b);
    let best = forestHops;
    if (forestHops.length > 1 || (forestHops.length === 1 && this.edgeCost(forestHops[0]!.edge) > 1)) {
      const shorter = this.searchShorter(a, b, this.distance(a, b));
      if (shorter !== undefined) best = shorter;
    }
    this.cache.set(key, best);
    return best;
  }

  /** The children pairs a hop's proof goes through: congruence children, or fold operands and their literals. */
  subPairs(hop: Hop): [ClassId, ClassId][] {
    const forest = this.forest;
    const kind = hop.edge < 0 ? EDGE_CONGRUENCE : forest.edgeKind(hop.edge);
    if (kind === EDGE_CONGRUENCE) {
      const pairs: [ClassId, ClassId][] = [];
      for (let i = 0; i < forest.arity(hop.from); i++)
        pairs.push([forest.child(hop.from, i), forest.child(hop.to, i)]);
      return pairs;
    }
    if (kind === EDGE_FOLD) {
      const source = forest.edgeFrom(hop.edge);
      const literals = forest.operandLiterals(source);
      return literals.map((literal, i) => [forest.child(source, i), literal]);
    }
    return [];
  }

  /** Dijkstra over `a`'s class; the route when it is strictly shorter than `bound`. */
  private searchShorter(a: ClassId, b: ClassId, bound: number): Hop[] | undefined {
    const forest = this.forest;
    const members = forest.membersOf(a);
    if (this.fuel < members.length) return undefined;
    this.fuel -= members.length;

    // Congruent ids: same head, children pairwise in the same classes now.
    const groups = new Map<string, ClassId[]>();
    const groupOf = new Map<ClassId, ClassId[]>();
    for (const m of members) {
      const arity = forest.arity(m);
      if (arity === 0) continue;
      let key = `${forest.head(m)}`;
      for (let i = 0; i < arity; i++) key += `,${this.egraph.find(forest.child(m, i))}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = [];
        groups.set(key, group);
      }
      group.push(m);
      groupOf.set(m, group);
    }

    const dist = new Map<ClassId, number>([[a, 0]]);
    const previous = new Map<ClassId, Hop>();
    const done = new Set<ClassId>();
    const heap = new MinHeap();
    heap.push(0, a);
    const relax = (from: ClassId, to: ClassId, edge: number, cost: number): void => {
      const d = dist.get(from)! + cost;
      if (d >= bound) return;
      const old = dist.get(to);
      if (old !== undefined && old <= d) return;
      dist.set(to, d);
      previous.set(to, { from, to, edge });
      heap.push(d, to);
    };
    while (heap.size > 0) {
      const x = heap.pop();
      if (done.has(x)) continue;
      done.add(x);
      if (x === b) break;
      forest.forEachIncident(x, (edge, other) => {
        if (!done.has(other)) relax(x, other, edge, this.edgeCost(edge));
      });
      const group = groupOf.get(x);
      if (group !== undefined) {
        let seen = 0;
        for (const y of group) {
          if (y === x || done.has(y)) continue;
          if (++seen > CONGRUENT_NEIGHBOURS) break;
          let cost = 0;
          for (let i = 0; i < forest.arity(x); i++)
            cost += this.distance(forest.child(x, i), forest.child(y, i));
          relax(x, y, -1, cost);
        }
      }
    }
    const total = dist.get(b);
    if (total === undefined || total >= bound) return undefined;
    const hops: Hop[] = [];
    for (let x = b; x !== a; ) {
      const hop = previous.get(x)!;
      hops.push(hop);
      x = hop.from;
    }
    return hops.reverse();
  }

  /** Computes the unknown costs of `edges` and of every edge their sub-proofs use, iteratively. */
  private ensureCosts(edges: readonly number[]): void {
    const forest = this.forest;
    if (this.costs.length < forest.edgeCount) {
      const grown = new Float64Array(Math.max(forest.edgeCount, 2 * this.costs.length)).fill(Number.NaN);
      grown.set(this.costs);
      this.costs = grown;
    }
    const costs = this.costs;
    const stack = edges.filter((e) => Number.isNaN(costs[e]!));
    const onStack = new Set<number>(stack);
    while (stack.length > 0) {
      const edge = stack[stack.length - 1]!;
      if (!Number.isNaN(costs[edge]!)) {
        stack.pop();
        continue;
      }
      const kind = forest.edgeKind(edge);
      if (kind !== EDGE_CONGRUENCE && kind !== EDGE_FOLD) {
        costs[edge] = 1;
        stack.pop();
        continue;
      }
      const hop = { from: forest.edgeFrom(edge), to: forest.edgeTo(edge), edge };
      let total = kind === EDGE_FOLD ? 1 : 0;
      let missing = false;
      for (const [u, v] of this.subPairs(hop)) {
        if (u < 0 || v < 0) continue;
        for (const sub of this.forestRoute(u, v)) {
          const cost = costs[sub.edge]!;
          if (!Number.isNaN(cost)) total += cost;
          else if (onStack.has(sub.edge))
            total += 1; // cannot happen: sub-proofs use older edges
          else {
            stack.push(sub.edge);
            onStack.add(sub.edge);
            missing = true;
          }
        }
      }
      if (missing) continue;
      costs[edge] = Math.min(total, DISTANCE_CAP);
      stack.pop();
    }
  }

  private ensureMarks(): void {
    if (this.marks.length < this.forest.size) {
      const grown = new Int32Array(Math.max(this.forest.size, 2 * this.marks.length));
      grown.set(this.marks);
      this.marks = grown;
    }
  }
}
