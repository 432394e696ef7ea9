import type { Rational } from "../term/rational.js";
import type { ClassId, EGraph } from "./egraph.js";
import type { HeadId } from "./heads.js";
import type { NodeId } from "./node-store.js";

/**
 * An e-class analysis (egg's `Analysis`): a fact per e-class, computed from the e-nodes and
 * kept up to date as classes merge.
 *
 * - `make` computes the fact of one e-node from its children's facts;
 * - `merge` joins the facts of two classes being merged (a semilattice join), and says which
 *   side's fact changed, so the e-graph can re-examine the parents of that side;
 * - `modify` may change the class afterwards (add a literal, union, prune).
 *
 * Facts only ever gain information; merging two facts that contradict each other is a bug
 * (an unsound rule) and should throw.
 *
 * @example
 * ```ts
 * // The depth of the shallowest term in each class.
 * const minDepth: Analysis<number> = {
 *   name: "min-depth",
 *   make: (egraph, node) => {
 *     let d = 0;
 *     for (let i = 0; i < egraph.nodeArity(node); i++) d = Math.max(d, egraph.data(egraph.nodeChild(node, i)));
 *     return d + 1;
 *   },
 *   merge: (a, b) => merged(Math.min(a, b), b < a, a < b),
 * };
 * ```
 */
export interface Analysis<D> {
  readonly name: string;
  /** The fact of `node` (whose children are classes already holding facts). */
  make(egraph: EGraph<D>, node: NodeId): D;
  /** The join of `a` (the surviving class's fact) and `b`. */
  merge(a: D, b: D): Merged<D>;
  /** Called after a class is made or grows by a union; may add nodes, union and prune. */
  modify?(egraph: EGraph<D>, id: ClassId): void;
  /** When true the e-graph skips all analysis work (no facts to keep). */
  readonly trivial?: boolean;
  /** The facts condition predicates read; each may be absent (predicates then stay conservative). */
  readonly facts?: ClassFacts<D>;
}

/** The result of {@link Analysis.merge}. */
export interface Merged<D> {
  readonly data: D;
  /** The joined fact differs from the first argument's. */
  readonly aChanged: boolean;
  /** The joined fact differs from the second argument's. */
  readonly bChanged: boolean;
}

/** Builds a {@link Merged}. */
export function merged<D>(data: D, aChanged: boolean, bChanged: boolean): Merged<D> {
  return { data, aChanged, bChanged };
}

/**
 * Signs a class's values may take, as a bit set: {@link SIGN_NEGATIVE}, {@link SIGN_ZERO},
 * {@link SIGN_POSITIVE}. Fewer bits is more knowledge; {@link SIGN_ANY} knows nothing.
 */
export type SignMask = number;
export const SIGN_NEGATIVE = 1;
export const SIGN_ZERO = 2;
export const SIGN_POSITIVE = 4;
export const SIGN_ANY = 7;

/** What an analysis can tell condition predicates about a class, read from its fact. */
export interface ClassFacts<D> {
  /** The class's exact value, when it is a known constant. */
  constant?(data: D): Rational | undefined;
  /** The signs the class's values may take. */
  sign?(data: D): SignMask;
  /** Whether every term of the class mentions symbol `symbol` (so `free-of` fails). */
  mentions?(data: D, symbol: HeadId): boolean;
}

const UNCHANGED_UNDEFINED = merged<undefined>(undefined, false, false);

/**
 * No analysis: no facts, nothing to merge. Pure congruence closure.
 *
 * @example
 * ```ts
 * const egraph = new EGraph({ analysis: noAnalysis });
 * ```
 */
export const noAnalysis: Analysis<undefined> = {
  name: "none",
  make: () => undefined,
  merge: () => UNCHANGED_UNDEFINED,
  trivial: true,
};
