import type { StopReason } from "../egraph/runner.js";
import { LimitError } from "../errors.js";
import { type OutputFormat, PrintBudget } from "../syntax/print.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { algebraProof, cancelsFactor } from "./algebra-proof.js";
import { formatProof } from "./print.js";
import { type ProveOptions, type ProveResult, proveEqual } from "./prove.js";

/**
 * `--explain` for results computed elsewhere (the simplifier's canonical forms, human form):
 * the input and the printed result are proven equal afresh, with rules or through the
 * rational normal form (src/explain/algebra-proof.ts), and that checked proof is what is shown.
 */

export interface ExplainResultOptions {
  readonly theory: Theory;
  /** Rule sets the proof may use. */
  readonly ruleSets: readonly string[];
  readonly format?: OutputFormat;
  readonly nodeLimit?: number;
  readonly iterLimit?: number;
  readonly timeLimitMs?: number;
  /** Most nodes the proof may print in all (see `formatProof`). */
  readonly maxNodes?: number;
}

/**
 * The text of a checked proof from `input` to `result`, headed `explanation (checked, N
 * steps):`. Throws a {@link LimitError} saying why when the rules did not show them equal
 * within the limits (the rule sets may not reach every simplification: the canonical forms
 * cancel `x/x` where it is defined, the rules only where `x` is provably nonzero).
 *
 * @example
 * ```ts
 * explainResult(parseExpression("(1*x)+(x*1)", { theory }), parseExpression("2*x", { theory }), { theory, ruleSets: ["cleanup", "algebra"] });
 * ```
 */
export function explainResult(input: Term, result: Term, options: ExplainResultOptions): string {
  const prove: ProveOptions = {
    theory: options.theory,
    ruleSets: options.ruleSets,
    ...(options.nodeLimit === undefined ? {} : { nodeLimit: options.nodeLimit }),
    ...(options.iterLimit === undefined ? {} : { iterLimit: options.iterLimit }),
    ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
  };
  // The proof shows the input and the result whole: when they alone pass the output limit, a
  // search is not worth making (on a deeply nested derivative it would be quadratic).
  const sizes = new PrintBudget("the proof", options.maxNodes);
  sizes.spend(input);
  sizes.spend(result);
  // A cancelled common factor is algebra's (the rules cancel only divisors nonzero everywhere);
  // otherwise the rules first, whose steps say more, and the normal forms when they fail.
  const algebraFirst = cancelsFactor(input);
  let proof = algebraFirst ? algebraProof(input, result, prove) : undefined;
  let proved: ProveResult | undefined;
  if (proof === undefined) {
    proved = proveEqual(input, result, prove);
    proof = proved.proof ?? (algebraFirst ? undefined : algebraProof(input, result, prove));
  }
  if (proof === undefined) {
    throw new LimitError(
      limitKind(proved!.stopReason),
      `no explanation found: neither the rules nor the rational normal form showed the input equal to the result (${describeStop(proved!)})`,
    );
  }
  const steps = proof.steps.length;
  return [
    `explanation (checked, ${steps} step${steps === 1 ? "" : "s"}):`,
    formatProof(proof, {
      theory: options.theory,
      format: options.format ?? "infix",
      ...(options.maxNodes === undefined ? {} : { maxNodes: options.maxNodes }),
    }),
  ].join("\n");
}

/**
 * The rule sets an explanation of a simplification may use: `cleanup` (the simplifier's
 * first step) and then `ruleSets` (those it saturates with), each once, those the theory has.
 */
export function explanationRuleSets(theory: Theory, ruleSets: readonly string[]): string[] {
  return ["cleanup", ...ruleSets].filter(
    (name, i, all) => theory.ruleSets[name] !== undefined && all.indexOf(name) === i,
  );
}

/** Why a proof search stopped, for messages: `saturated after 5 iterations, 273 e-nodes`. */
export function describeStop(result: Pick<ProveResult, "stopReason" | "iterations" | "nodes">): string {
  const iterations = `${result.iterations} iteration${result.iterations === 1 ? "" : "s"}`;
  return `stopped: ${result.stopReason} after ${iterations}, ${result.nodes} e-nodes`;
}

function limitKind(reason: StopReason): "nodes" | "time" | "fuel" {
  return reason === "node-limit" ? "nodes" : reason === "time-limit" ? "time" : "fuel";
}
