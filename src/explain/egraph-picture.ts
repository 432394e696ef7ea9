import { arithmeticAnalysis } from "../egraph/arithmetic-analysis.js";
import { toDot } from "../egraph/dot.js";
import { EGraph } from "../egraph/egraph.js";
import { type RunReport, runRewrites } from "../egraph/runner.js";
import { DEFAULT_LIMITS } from "../simplify/simplify.js";
import { printTerm } from "../syntax/print.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { proofRewrites } from "./prove.js";

/** Options of {@link egraphPicture}. */
export interface EgraphPictureOptions {
  readonly theory: Theory;
  /** Rewrite with these rule sets first (the simplifier's); without, the e-graph of the term alone. */
  readonly saturateWith?: readonly string[];
  readonly nodeLimit?: number;
  readonly iterLimit?: number;
  readonly timeLimitMs?: number;
}

/** The e-graph of a term as Graphviz DOT, with the runner's report when it was saturated. */
export interface EgraphPicture {
  readonly dot: string;
  readonly report: RunReport | undefined;
  readonly nodes: number;
  readonly classes: number;
}

/**
 * The e-graph of `term`, saturated with the simplifier's rewrites when asked, as DOT (render it
 * with `egraph.renderSvg`). Constants are shown, not pruned away: a folded class keeps its
 * terms beside the literal. Used by `dsat dot` and the playground.
 *
 * @example
 * ```ts
 * const { dot, report } = egraphPicture(parseExpression("(1*x)+(x*1)", { theory }), {
 *   theory,
 *   saturateWith: simplifyRuleSets(theory),
 * });
 * ```
 */
export function egraphPicture(term: Term, options: EgraphPictureOptions): EgraphPicture {
  const theory = options.theory;
  const egraph = new EGraph({ analysis: arithmeticAnalysis(theory, { prune: false }) });
  const root = egraph.add(term);
  egraph.rebuild();
  let report: RunReport | undefined;
  if (options.saturateWith !== undefined) {
    report = runRewrites(egraph, proofRewrites(theory, options.saturateWith), {
      nodeLimit: options.nodeLimit ?? DEFAULT_LIMITS.nodeLimit,
      iterLimit: options.iterLimit ?? DEFAULT_LIMITS.iterLimit,
      timeLimitMs: options.timeLimitMs ?? DEFAULT_LIMITS.timeLimitMs,
    });
    egraph.rebuild();
  }
  const dot = toDot(egraph, { roots: [root], title: printTerm(term, { format: "infix", theory }) });
  return { dot, report, nodes: egraph.nodeCount, classes: egraph.classCount };
}
