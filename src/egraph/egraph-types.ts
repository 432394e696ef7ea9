import type { Rule } from "../rules/rule.js";
import type { Analysis } from "./analysis.js";
import type { ExplanationOptions } from "./explain.js";

/**
 * The e-graph's vocabulary, apart from the class that implements it (`egraph.ts`): class ids,
 * the justifications of unions and who observes them, the options, and the arrays e-matching
 * reads. Modules that only speak of an e-graph import these without the implementation.
 */

/** The integer naming an e-class; several ids may name the same class (see `EGraph.find`). */
export type ClassId = number;

/**
 * Why two classes were merged, handed to a {@link UnionObserver}. This is the hook proof
 * production builds on: a later explanation module records one justification per union.
 */
export type Justification =
  /** Two e-nodes became congruent (same head, equal children) during `EGraph.rebuild`. */
  | { readonly kind: "congruence" }
  /**
   * A rewrite rule's application: `rule` names the rewrite (`name` or `name-rev`); compiled
   * rewrites also give the rule itself, whether this rewrite reads it right to left, and its
   * rule set, which explanations name.
   */
  | {
      readonly kind: "rule";
      readonly rule: string;
      readonly definition?: Rule;
      readonly reversed?: boolean;
      readonly ruleSet?: string;
    }
  /** An analysis' `modify` (e.g. a class found equal to a constant). */
  | { readonly kind: "analysis"; readonly analysis: string }
  /** A direct call of `EGraph.union` by a user. */
  | { readonly kind: "given"; readonly reason?: string };

/** Sees every union that merges two different classes, with the ids as passed and the reason. */
export interface UnionObserver {
  onUnion(a: ClassId, b: ClassId, justification: Justification): void;
}

export interface EGraphOptions<D> {
  /** The e-class analysis; `noAnalysis` when omitted. */
  readonly analysis?: Analysis<D>;
  /** Told about every union (explanations, tracing). */
  readonly observer?: UnionObserver;
  /**
   * Keep a proof forest so equalities can be explained (`EGraph.explainEquivalence`).
   * Off by default and free when off. When on, every id stands for the e-node exactly as it
   * was added: adding an e-node whose canonical form exists with other children gives a new
   * id, joined to the class by congruence; it adds no e-node to the hashcons. Those extra
   * ids shift the numbering of later classes, so a run cut short by a limit may have merged
   * in another order than without explanations; a saturated one reaches the same classes.
   */
  readonly explanations?: boolean | ExplanationOptions;
}

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
