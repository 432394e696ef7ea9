import type { Term } from "../term/term.js";

/**
 * Proofs of equality as plain data: a start term and steps, each a whole term reached from
 * the one before by one rewrite at one position. Produced by `EGraph.explainEquivalence`,
 * replayed without the e-graph by `checkProof` (src/explain/check.ts), printed by
 * `formatProof` (src/explain/print.ts).
 */

/** Which way a step reads its rule: left to right (`forward`) or right to left (`backward`). */
export type StepDirection = "forward" | "backward";

/**
 * One step of a proof.
 *
 * - `rule`: the rule `ruleSet`/`rule` applied once at `position` of the previous term. A
 *   `forward` step rewrites an instance of the left side to the right side (the rule's
 *   conditions holding for the match); a `backward` step is the same application read the
 *   other way: the rule applied forward to the new term's subterm gives the old one's.
 * - `fold`: constant folding at `position`: an operator applied to numbers replaced by its
 *   exact value (`forward`), or a number written as such an application (`backward`).
 * - `given`: an equality the e-graph was told without a reason (a user's `union`). No
 *   checker accepts it; proofs from rules alone never contain one.
 * - `algebra`: a step of rational-function algebra at `position`, named by `rule`
 *   (`expand`, `collect`, `factor`, `cancel`): both sides are one rational function of
 *   their atoms, checked by exact polynomial arithmetic. Only a `cancel` step may make the
 *   term defined where it was not, and only by the divisor factors it names in `cancelled`,
 *   each nonzero wherever the term before it is defined.
 */
export interface ProofStep {
  readonly kind: "rule" | "fold" | "given" | "algebra";
  /** The rule's name, for `rule` steps (a `<=>` rule's name, never the `-rev` rewrite's); the kind of an `algebra` step. */
  readonly rule?: string;
  /** The rule set the rule is in, for `rule` steps. */
  readonly ruleSet?: string;
  readonly direction: StepDirection;
  /** Argument indices from the root to the rewritten subterm (`[]`: the whole term). */
  readonly position: readonly number[];
  /** The whole term after this step. */
  readonly term: Term;
  /** For an `algebra` step named `cancel`: the divisor factors it cancels. */
  readonly cancelled?: readonly Term[];
}

/** A proof that `start` equals the last step's term (or `start` itself when there are no steps). */
export interface Proof {
  readonly start: Term;
  readonly steps: readonly ProofStep[];
}

/** The term a proof ends with. */
export function proofEnd(proof: Proof): Term {
  return proof.steps.length === 0 ? proof.start : proof.steps[proof.steps.length - 1]!.term;
}

/** The subterm of `term` at `position`, or `undefined` when the position is not in the term. */
export function subtermAt(term: Term, position: readonly number[]): Term | undefined {
  let current: Term = term;
  for (const index of position) {
    if (current.kind !== "app" || index < 0 || index >= current.args.length) return undefined;
    current = current.args[index]!;
  }
  return current;
}
