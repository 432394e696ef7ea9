import { type ArithmeticFacts, arithmeticAnalysis } from "../egraph/arithmetic-analysis.js";
import { EGraph } from "../egraph/egraph.js";
import type { Proof } from "../egraph/explain-types.js";
import { type Rewrite, rewritesOfSet } from "../egraph/rewrite.js";
import { runRewrites, type StopReason } from "../egraph/runner.js";
import { DsatError, UsageError } from "../errors.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { checkProof } from "./check.js";

/**
 * Proving two terms equal: both go into one e-graph with explanations on, the rule sets run
 * until the two are in one class (the runner's goal) or a limit stops them, and the proof
 * the e-graph gives is replayed by the checker before it is returned.
 */

/** Rule sets a proof may use by default: the simplifier's, after its cleanup rules. */
export const DEFAULT_PROOF_RULE_SETS: readonly string[] = ["cleanup", "algebra", "trig", "exp-log"];

/** Limits of the search for a proof: larger than simplification's, since it stops at the goal. */
export const DEFAULT_PROOF_LIMITS = {
  nodeLimit: 20_000,
  iterLimit: 30,
  timeLimitMs: 5_000,
} as const;

export interface ProveOptions {
  readonly theory: Theory;
  /** Names of the theory's rule sets to rewrite with; default {@link DEFAULT_PROOF_RULE_SETS} (those present). */
  readonly ruleSets?: readonly string[];
  readonly nodeLimit?: number;
  readonly iterLimit?: number;
  readonly timeLimitMs?: number;
}

/** The outcome of {@link proveEqual}. */
export interface ProveResult {
  /** The checked proof from the first term to the second, when they were shown equal. */
  readonly proof: Proof | undefined;
  /** Why the search stopped: `goal-reached` when shown equal. */
  readonly stopReason: StopReason;
  readonly iterations: number;
  readonly nodes: number;
  readonly classes: number;
}

/** The rewrites of the named rule sets (a `UsageError` for a name the theory lacks). */
export function proofRewrites(theory: Theory, names: readonly string[]): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (const name of names) {
    const set = theory.ruleSets[name];
    if (set === undefined) {
      const known = Object.keys(theory.ruleSets).sort().join(", ");
      throw new UsageError(`no rule set '${name}' to prove with (known: ${known})`);
    }
    rewrites.push(...rewritesOfSet(set));
  }
  return rewrites;
}

/**
 * Tries to show `a` = `b` with the rules of `options.ruleSets`, and returns the proof,
 * checked by {@link checkProof}. A proof the checker rejects is a bug and throws a
 * `DsatError`: nothing unchecked is ever returned.
 *
 * @example
 * ```ts
 * const { proof } = proveEqual(parseExpression("(x+1)^2", { theory }), parseExpression("x^2 + 2*x + 1", { theory }), { theory });
 * proof?.steps.length; // the rewrites from one to the other
 * ```
 */
export function proveEqual(a: Term, b: Term, options: ProveOptions): ProveResult {
  const { theory } = options;
  const names = options.ruleSets ?? DEFAULT_PROOF_RULE_SETS.filter((n) => theory.ruleSets[n] !== undefined);
  const rewrites = proofRewrites(theory, names);
  const egraph = new EGraph<ArithmeticFacts>({
    analysis: arithmeticAnalysis(theory),
    explanations: { theory },
  });
  const left = egraph.add(a);
  const right = egraph.add(b);
  const report = runRewrites(egraph, rewrites, {
    iterLimit: options.iterLimit ?? DEFAULT_PROOF_LIMITS.iterLimit,
    nodeLimit: options.nodeLimit ?? DEFAULT_PROOF_LIMITS.nodeLimit,
    timeLimitMs: options.timeLimitMs ?? DEFAULT_PROOF_LIMITS.timeLimitMs,
    goal: (g) => g.find(left) === g.find(right),
  });
  egraph.rebuild();
  const equal = egraph.find(left) === egraph.find(right);
  const proof = equal ? egraph.explainEquivalence(left, right) : undefined;
  if (proof !== undefined) {
    const verdict = checkProof(proof, { theory, from: a, to: b });
    if (!verdict.ok) {
      throw new DsatError(
        `internal error: the explanation failed its check at step ${verdict.step}: ${verdict.reason}`,
      );
    }
  }
  return {
    proof,
    stopReason: equal ? "goal-reached" : report.stopReason,
    iterations: report.iterations,
    nodes: egraph.hashconsSize,
    classes: egraph.classCount,
  };
}
