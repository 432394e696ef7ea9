import fc from "fast-check";
import { diff } from "../diff.js";
import { DsatError } from "../errors.js";
import { simplify } from "../simplify/simplify.js";
import { printSExpr } from "../syntax/print-sexpr.js";
import { app, sym, type Term } from "../term/term.js";
import { symbolsOf } from "../term/traverse.js";
import type { Theory } from "../theory.js";
import { DEFAULT_RULE_RUNS } from "./check-rule.js";
import { CHECK_VARIABLES, evaluableTermArbitrary, pointArbitrary } from "./instantiate-random.js";
import { type NumericOutcome, numericValue } from "./numeric-value.js";
import { polishCounterexample, polishTerm } from "./polish-counterexample.js";
import type { Counterexample, Finding, PipelineReport } from "./report.js";
import { agree, DEFAULT_TOLERANCE, type Tolerance } from "./tolerance.js";

/**
 * The whole pipeline, end to end: random functions are differentiated (and tidied) and the
 * result must agree with a numeric derivative of the original function wherever that exists.
 * It catches what rule-by-rule checks cannot: a missing or misordered rule, or rules that are
 * each sound but do not fit together.
 */

/** One way of computing a derivative that the pipeline check compares with the numeric one. */
export interface PipelineStage {
  readonly name: string;
  /** The derivative of `term` in `variable`; may throw a `DsatError` (the sample is skipped). */
  readonly derive: (term: Term, variable: string, theory: Theory) => Term;
}

/**
 * Saturation's time limit, raised so that its node and iteration limits decide where it stops:
 * a time limit would make the result, and so a replayed check, depend on the machine's speed.
 */
const SIMPLIFY_TIME_LIMIT_MS = 60_000;

/** The raw derivative of the `diff` rules, the same tidied by `cleanup`, and simplified. */
export const DEFAULT_PIPELINE_STAGES: readonly PipelineStage[] = [
  { name: "diff", derive: (term, variable, theory) => diff(term, variable, { theory, raw: true }) },
  { name: "diff + cleanup", derive: (term, variable, theory) => diff(term, variable, { theory }) },
  {
    name: "diff + simplify",
    derive: (term, variable, theory) =>
      simplify(diff(term, variable, { theory }), { theory, timeLimitMs: SIMPLIFY_TIME_LIMIT_MS }).term,
  },
];

export interface PipelineCheckOptions {
  /** Random functions to differentiate; default 200. */
  readonly runs?: number;
  readonly seed: number;
  readonly tolerance?: Tolerance;
  readonly variables?: readonly string[];
  /** Height of the random functions; default 4. */
  readonly maxDepth?: number;
  readonly stages?: readonly PipelineStage[];
}

/** What one sample showed, for one stage. */
type Verdict =
  | { readonly kind: "skip" | "agree" }
  | {
      readonly kind: "wrong" | "narrows";
      readonly stage: string;
      readonly derivative: Term;
      readonly numeric: number;
      readonly symbolic: number | undefined;
    };

/**
 * Differentiates random functions with each stage and compares with the numeric derivative.
 * Disagreement where both are defined is an error; a symbolic derivative that is undefined
 * where the numeric one exists is a domain warning.
 *
 * @example
 * ```ts
 * checkPipeline(defaultTheory(), { seed: 7, runs: 100 }).findings; // []
 * ```
 */
export function checkPipeline(theory: Theory, options: PipelineCheckOptions): PipelineReport {
  const runs = options.runs ?? DEFAULT_RULE_RUNS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const variables = options.variables ?? CHECK_VARIABLES;
  const stages = options.stages ?? DEFAULT_PIPELINE_STAGES;
  const functions = evaluableTermArbitrary(theory, { variables, maxDepth: options.maxDepth ?? 4 });
  const arbitraries = [functions, fc.constantFrom(...variables), pointArbitrary(variables)] as const;

  // Derivatives are the expensive part and every sample is judged twice: keep them.
  const derivatives = new Map<string, Term | undefined>();
  const derive = (stage: PipelineStage, term: Term, variable: string): Term | undefined => {
    const key = `${stage.name}\u0000${variable}\u0000${term.id}`;
    if (derivatives.has(key)) return derivatives.get(key);
    let result: Term | undefined;
    try {
      result = stage.derive(term, variable, theory);
    } catch (error) {
      // No rule for an operator, or a limit: not this check's business (termination has its own).
      if (!(error instanceof DsatError)) throw error;
    }
    derivatives.set(key, result);
    return result;
  };

  let samples = 0;
  let compared = 0;
  let counting = true;
  const judge = (term: Term, variable: string, point: Readonly<Record<string, number>>): Verdict => {
    const numeric = numericValue(app("d", [sym(variable), term]), point, { theory });
    if (numeric.kind !== "value") return { kind: "skip" };
    let verdict: Verdict = { kind: "skip" };
    for (const stage of stages) {
      const derivative = derive(stage, term, variable);
      if (derivative === undefined) continue;
      const symbolic: NumericOutcome = numericValue(derivative, point, { theory });
      if (symbolic.kind === "value") {
        if (!agree(numeric, symbolic, tolerance)) {
          return {
            kind: "wrong",
            stage: stage.name,
            derivative,
            numeric: numeric.value,
            symbolic: symbolic.value,
          };
        }
        verdict = { kind: "agree" };
      } else if (symbolic.kind === "undefined" && verdict.kind !== "narrows") {
        verdict = {
          kind: "narrows",
          stage: stage.name,
          derivative,
          numeric: numeric.value,
          symbolic: undefined,
        };
      }
    }
    return verdict;
  };

  const parameters = { numRuns: runs, seed: options.seed };
  const findings: Finding[] = [];
  const correctness = fc.check(
    fc.property(...arbitraries, (term, variable, point) => {
      const verdict = judge(term, variable, point);
      if (counting) {
        samples++;
        if (verdict.kind === "agree" || verdict.kind === "wrong") compared++;
      }
      if (verdict.kind === "wrong") counting = false;
      return verdict.kind !== "wrong";
    }),
    parameters,
  );
  /** fast-check's shrunk counterexample, polished, and its verdict. */
  const simplest = (found: [Term, string, Record<string, number>], kind: Verdict["kind"]) => {
    const [, variable] = found;
    const term = polishTerm(found[0], (t) => judge(t, variable, found[2]).kind === kind, variables);
    const { point } = polishCounterexample(
      new Map(),
      found[2],
      (_s, p) => judge(term, variable, p).kind === kind,
      variables,
    );
    return { term, variable, point, verdict: judge(term, variable, point) };
  };

  if (correctness.failed && correctness.counterexample !== null) {
    const { term, variable, point, verdict } = simplest(correctness.counterexample, "wrong");
    if (verdict.kind === "wrong") {
      findings.push({
        kind: "unsound",
        severity: "error",
        summary: `'${verdict.stage}' gives a wrong derivative in ${variable}: ${printDerivative(verdict.derivative)}`,
        counterexample: example(term, point, verdict),
      });
    }
  } else if (correctness.failed) {
    findings.push({
      kind: "untested",
      severity: "warning",
      summary: `the pipeline check itself failed: ${String(correctness.errorInstance)}`,
    });
  }

  const domain = fc.check(
    fc.property(...arbitraries, (term, variable, point) => judge(term, variable, point).kind !== "narrows"),
    parameters,
  );
  if (domain.failed && domain.counterexample !== null) {
    const { term, variable, point, verdict } = simplest(domain.counterexample, "narrows");
    if (verdict.kind === "narrows") {
      findings.push({
        kind: "domain",
        severity: "warning",
        summary: `'${verdict.stage}' gives a derivative in ${variable} that is undefined where the numeric derivative exists: ${printDerivative(verdict.derivative)}`,
        counterexample: example(term, point, verdict),
      });
    }
  }
  return { stages: stages.map((s) => s.name), samples, compared, findings };
}

function example(
  term: Term,
  point: Readonly<Record<string, number>>,
  verdict: Verdict & { kind: "wrong" | "narrows" },
): Counterexample {
  const occurring = new Set(symbolsOf(term));
  for (const name of symbolsOf(verdict.derivative)) occurring.add(name);
  const shown: Record<string, number> = {};
  for (const name of Object.keys(point).sort()) if (occurring.has(name)) shown[name] = point[name]!;
  return {
    term,
    point: shown,
    left: verdict.numeric,
    right: verdict.symbolic,
    labels: ["numeric derivative", "symbolic"],
  };
}

/** S-expression of a derivative, cut short when long (the function itself is printed whole). */
function printDerivative(term: Term): string {
  const text = printSExpr(term);
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}
