import { LimitError } from "../errors.js";
import { normalize, type TraceStep } from "../rewrite/normalize.js";
import { type OutputFormat, PrintBudget } from "../syntax/print.js";
import { app, sym, type Term } from "../term/term.js";
import { ruleSetOf, type Theory } from "../theory.js";
import { explainResult } from "./explain-result.js";

/**
 * `dsat diff … --steps`: how a derivative came about. First the derivative rules in the
 * order they fired, each with the subterm it rewrote (the rewriting engine's trace), then
 * the checked explanation of how the raw derivative becomes the printed one.
 */

/** Options of {@link derivativeSteps}. */
export interface DerivativeStepsOptions {
  readonly theory: Theory;
  /** The derivative as printed (after cleanup or simplification); the raw one when absent. */
  readonly result?: Term;
  /** Rule sets that may explain the way from the raw derivative to `result`. */
  readonly ruleSets?: readonly string[];
  readonly format?: OutputFormat;
  /**
   * Most nodes the rules' steps may print in all, and again the explanation (default
   * `DEFAULT_MAX_PRINTED_NODES`): each step shows a subterm whole, so the steps of a deeply
   * nested function are quadratic in its size. The steps past it are counted, not shown.
   */
  readonly maxNodes?: number;
}

/** The text of {@link derivativeSteps}, and whether the second part could not be explained. */
export interface DerivativeStepsText {
  readonly text: string;
  /** Set when the rules did not connect the raw derivative to the result within limits. */
  readonly unexplained?: LimitError;
}

/**
 * The steps of differentiating `term` with respect to `variable`: the `diff` rules as they
 * fired, then the explanation of the tidying (see the file comment).
 *
 * @example
 * ```ts
 * console.log(derivativeSteps(parseExpression("x*x", { theory }), "x", { theory }).text);
 * // d/dx: the derivative rules in the order they fired
 * //   1. d-mul        d(x, x*x) → d(x, x)*x + x*d(x, x)
 * //   …
 * ```
 */
export function derivativeSteps(
  term: Term,
  variable: string,
  options: DerivativeStepsOptions,
): DerivativeStepsText {
  const { theory } = options;
  const format = options.format ?? "infix";
  const budget = new PrintBudget("the steps", options.maxNodes);
  const show = (t: Term) => budget.print(t, { format, theory });
  const traced = normalize(app("d", [sym(variable), term]), ruleSetOf(theory, "diff"), {
    theory,
    trace: true,
  });
  const trace: readonly TraceStep[] = traced.trace ?? [];
  const width = Math.max(0, ...trace.map((s) => s.rule.length));
  const number = String(trace.length).length;
  const lines = [`d/d${variable}: the derivative rules in the order they fired`];
  let shown = 0;
  try {
    for (const step of trace) {
      lines.push(
        `  ${String(shown + 1).padStart(number)}. ${step.rule.padEnd(width)}  ${show(step.before)} → ${show(step.after)}`,
      );
      shown++;
    }
    lines.push(`  raw derivative: ${show(traced.term)}`);
  } catch (error) {
    if (!(error instanceof LimitError)) throw error;
    const left = trace.length - shown;
    lines.push(
      left > 0
        ? `  … ${left} more step${left === 1 ? "" : "s"} not shown: ${error.message}`
        : `  raw derivative: not shown: ${error.message}`,
    );
  }
  const result = options.result ?? traced.term;
  if (result === traced.term) return { text: lines.join("\n") };
  try {
    const explanation = explainResult(traced.term, result, {
      theory,
      ruleSets: options.ruleSets ?? ["cleanup"],
      format,
      ...(options.maxNodes === undefined ? {} : { maxNodes: options.maxNodes }),
    });
    lines.push(`d/d${variable}: from the raw derivative to the result, ${explanation}`);
    return { text: lines.join("\n") };
  } catch (error) {
    if (!(error instanceof LimitError)) throw error;
    lines.push(`d/d${variable}: from the raw derivative to the result: ${error.message}`);
    return { text: lines.join("\n"), unexplained: error };
  }
}
