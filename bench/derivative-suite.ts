import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { derivative as mathjsDerivative, evaluate as mathjsEvaluate } from "mathjs";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate } from "../src/eval/evaluate.js";
import { DEFAULT_LIMITS, type SimplifyOptions, simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import type { Term } from "../src/term/term.js";
import { sym } from "../src/term/term.js";
import { dagSize, treeSize } from "../src/term/traverse.js";
import { extend, type Theory } from "../src/theory.js";
import { families } from "./diff-scaling.js";
import { median, printTable } from "./support/table.js";

/**
 * Simplified derivatives, dsat against mathjs's `derivative` in the same run, on the
 * functions of bench/corpus.tsv. Both go string in, string out. For each output:
 *
 * - size: tree size of the output read back with dsat's parser (mathjs's too, so both are
 *   measured the same way; mathjs may print sec/csc/cot, declared here for reading only);
 * - time: the median of repeated runs of the whole string-to-string call, wall clock and
 *   CPU time of this process;
 * - correct: the output agrees with a central difference of the input at three points.
 *
 * Then the scale families of bench/diff-scaling.ts at n = 1000, differentiated and simplified.
 */

interface CorpusEntry {
  readonly fn: string;
  readonly variable: string;
  readonly kind: string;
}

/** Reads bench/corpus.tsv: `function<TAB>variable<TAB>kind`, with a header line. */
export function readCorpus(): CorpusEntry[] {
  const path = fileURLToPath(new URL("../../bench/corpus.tsv", import.meta.url));
  const lines = readFileSync(path, "utf8").split("\n").slice(1);
  return lines
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [fn, variable, kind] = line.split("\t");
      return { fn: fn!, variable: variable!, kind: kind ?? "" };
    });
}

/** The default theory plus the functions mathjs may print, so its outputs can be read and sized. */
export function readingTheory(): Theory {
  const call = (name: string, f: (x: number) => number) => ({
    name,
    arity: 1,
    syntax: { kind: "call" as const, name },
    evaluate: ([x]: readonly number[]) => f(x!),
  });
  return extend(defaultTheory(), (draft) => {
    draft.operators.sec = call("sec", (x) => 1 / Math.cos(x));
    draft.operators.csc = call("csc", (x) => 1 / Math.sin(x));
    draft.operators.cot = call("cot", (x) => 1 / Math.tan(x));
  });
}

/** Points where every corpus function is defined and smooth (0 < x < 1, x != y, …). */
const POINTS: readonly Record<string, number>[] = [
  { x: 0.3, y: 0.6 },
  { x: 0.55, y: 1.7 },
  { x: 0.8, y: 0.45 },
];
const STEP = 1e-5;
/** Passes over the whole corpus, for both tools, before anything is timed. */
const WARM_UP_PASSES = 5;
const TOLERANCE = 1e-5;

/** Whether `value(point)` matches the central difference of `f` in `variable` at every point. */
function agreesWithCentralDifference(
  f: (point: Record<string, number>) => number,
  derivativeAt: (point: Record<string, number>) => number,
  variable: string,
): boolean {
  for (const point of POINTS) {
    const h = STEP * Math.max(1, Math.abs(point[variable]!));
    const estimate =
      (f({ ...point, [variable]: point[variable]! + h }) -
        f({ ...point, [variable]: point[variable]! - h })) /
      (2 * h);
    const value = derivativeAt(point);
    if (!Number.isFinite(value) || Math.abs(value - estimate) > TOLERANCE * Math.max(1, Math.abs(estimate)))
      return false;
  }
  return true;
}

/** Median milliseconds of `work` over enough repeats to take about `budgetMs` (at least 5). */
function medianMs(work: () => void, budgetMs = 20): number {
  work();
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  while (samples.length < 5 || (performance.now() < until && samples.length < 2000)) {
    const start = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/**
 * Median CPU milliseconds of `work` (this process only, so other processes on a busy machine
 * matter less than for wall time), over nine batches each long enough for the clock (≥ 2 ms).
 */
function medianCpuMs(work: () => void, wallEstimateMs: number): number {
  const perBatch = Math.max(1, Math.ceil(2 / Math.max(wallEstimateMs, 1e-3)));
  const samples: number[] = [];
  for (let b = 0; b < 9; b++) {
    const start = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) work();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000 / perBatch);
  }
  return median(samples);
}

export interface DerivativeRow extends Record<string, string | number> {
  function: string;
  by: string;
  dsat: string;
  "dsat size": number;
  "dsat ms": number;
  "dsat cpu": number;
  "dsat ok": string;
  "no-sat size": number;
  "no-sat ms": number;
  "no-sat cpu": number;
  "no-sat ok": string;
  mathjs: string;
  "mathjs size": number;
  "mathjs ms": number;
  "mathjs cpu": number;
  "mathjs ok": string;
}

/** Total output size, median time per expression and how many outputs were correct. */
export interface ToolSummary {
  readonly totalSize: number;
  readonly medianMs: number;
  /** Median over the expressions of each one's median CPU time (this process). */
  readonly medianCpuMs: number;
  readonly correct: number;
}

export interface DerivativeSummary {
  readonly expressions: number;
  /** dsat with its default pipeline (saturation included). */
  readonly dsat: ToolSummary;
  /** dsat without the saturation step. */
  readonly dsatNoSaturation: ToolSummary;
  readonly mathjs: ToolSummary;
}

export interface ScaleRow extends Record<string, string | number> {
  family: string;
  n: number;
  "input DAG": number;
  "diff+simplify ms": number;
  "result DAG": number;
  "result tree": number;
  "stop reason": string;
}

export interface DepthRow extends Record<string, string | number> {
  "iteration limit": string;
  "total size": number;
  "median ms": number;
  "median cpu ms": number;
}

export interface DerivativeSuiteResult {
  readonly rows: DerivativeRow[];
  readonly summary: DerivativeSummary;
  readonly scale: ScaleRow[];
  readonly depth: DepthRow[];
}

/**
 * dsat: string in, simplified derivative string out, as `dsat diff` does it (the raw
 * derivative goes to the simplifier, whose first step is the cleanup rules).
 */
function dsatDerivative(fn: string, variable: string, theory: Theory, options: SimplifyOptions = {}): string {
  const term = parseExpression(fn, { theory });
  return printTerm(simplify(diff(term, variable, { theory, raw: true }), { theory, ...options }).term, {
    format: "infix",
    theory,
  });
}

/** Runs the comparison and the scale families; prints the tables and returns them. */
export function run(): DerivativeSuiteResult {
  const theory = defaultTheory();
  const reading = readingTheory();
  const rows: DerivativeRow[] = [];
  const sizeOf = (text: string): number => {
    try {
      return treeSize(parseExpression(text, { theory: reading }));
    } catch {
      return Number.NaN;
    }
  };
  const corpus = readCorpus();
  // Warm both up on the whole corpus first, so no row pays for just-in-time compilation: a
  // few passes, since one left the first rows' times several times their steady ones.
  for (let pass = 0; pass < WARM_UP_PASSES; pass++)
    for (const { fn, variable } of corpus) {
      dsatDerivative(fn, variable, theory);
      dsatDerivative(fn, variable, theory, { saturate: false });
      try {
        mathjsDerivative(fn, variable).toString();
      } catch {
        // reported in the row below
      }
    }
  for (const { fn, variable } of corpus) {
    const original = parseExpression(fn, { theory });
    const f = (point: Record<string, number>) => evaluate(original, point, { theory });

    const ours = dsatDerivative(fn, variable, theory);
    const oursTerm = parseExpression(ours, { theory: reading });
    const oursOk = agreesWithCentralDifference(
      f,
      (p) => evaluate(oursTerm, p, { theory: reading }),
      variable,
    );
    const oursMs = medianMs(() => dsatDerivative(fn, variable, theory));
    const oursCpu = medianCpuMs(() => dsatDerivative(fn, variable, theory), oursMs);

    let theirs = "";
    let theirsOk = false;
    let theirsMs = Number.NaN;
    let theirsCpu = Number.NaN;
    try {
      theirs = mathjsDerivative(fn, variable).toString();
      const compiled = theirs;
      theirsOk = agreesWithCentralDifference(f, (p) => Number(mathjsEvaluate(compiled, { ...p })), variable);
      theirsMs = medianMs(() => mathjsDerivative(fn, variable).toString());
      theirsCpu = medianCpuMs(() => mathjsDerivative(fn, variable).toString(), theirsMs);
    } catch (error) {
      theirs = `error: ${error instanceof Error ? error.message : String(error)}`;
    }

    // The same pipeline without saturation: canonical forms and human order only.
    const fast = dsatDerivative(fn, variable, theory, { saturate: false });
    const fastTerm = parseExpression(fast, { theory: reading });
    const fastOk = agreesWithCentralDifference(
      f,
      (p) => evaluate(fastTerm, p, { theory: reading }),
      variable,
    );
    const fastMs = medianMs(() => dsatDerivative(fn, variable, theory, { saturate: false }));
    const fastCpu = medianCpuMs(() => dsatDerivative(fn, variable, theory, { saturate: false }), fastMs);

    rows.push({
      function: fn,
      by: variable,
      dsat: ours,
      "dsat size": treeSize(oursTerm),
      "dsat ms": oursMs,
      "dsat cpu": oursCpu,
      "dsat ok": oursOk ? "yes" : "NO",
      "no-sat size": treeSize(fastTerm),
      "no-sat ms": fastMs,
      "no-sat cpu": fastCpu,
      "no-sat ok": fastOk ? "yes" : "NO",
      mathjs: theirs,
      "mathjs size": sizeOf(theirs),
      "mathjs ms": theirsMs,
      "mathjs cpu": theirsCpu,
      "mathjs ok": theirsOk ? "yes" : "NO",
    });
  }
  printTable(
    "Simplified derivatives: dsat vs mathjs derivative() (size = tree size read back by dsat's parser)",
    rows,
  );

  const summarise = (tool: "dsat" | "no-sat" | "mathjs"): ToolSummary => ({
    totalSize: rows.reduce((sum, r) => sum + (r[`${tool} size`] as number), 0),
    medianMs: median(rows.map((r) => r[`${tool} ms`] as number).filter((v) => Number.isFinite(v))),
    medianCpuMs: median(rows.map((r) => r[`${tool} cpu`] as number).filter((v) => Number.isFinite(v))),
    correct: rows.filter((r) => r[`${tool} ok`] === "yes").length,
  });
  const summary: DerivativeSummary = {
    expressions: rows.length,
    dsat: summarise("dsat"),
    dsatNoSaturation: summarise("no-sat"),
    mathjs: summarise("mathjs"),
  };
  // The time relative to mathjs in the same run holds up on a busy machine better than the time itself.
  const line = (tool: string, s: ToolSummary) => ({
    tool,
    "total size": s.totalSize,
    "median ms": s.medianMs,
    "mathjs median / this": summary.mathjs.medianMs / s.medianMs,
    "median cpu ms": s.medianCpuMs,
    "mathjs cpu / this": summary.mathjs.medianCpuMs / s.medianCpuMs,
    correct: `${s.correct}/${rows.length}`,
  });
  const [load] = loadavg();
  printTable(
    `Summary over ${rows.length} derivatives (string in, simplified string out; load average ${load!.toFixed(1)})`,
    [
      line("dsat (default: with saturation)", summary.dsat),
      line("dsat (no saturation)", summary.dsatNoSaturation),
      line("mathjs derivative()", summary.mathjs),
    ],
  );

  const depth = runSaturationDepths(theory, corpus);
  printTable(
    "Saturation depth: the default pipeline with other iteration limits (0 = an e-graph built and extracted, no rewrite)",
    depth,
  );

  const scale = runScaleFamilies(theory, 1000);
  printTable("Scale families at n = 1000: diff, then simplify (default limits)", scale);
  return { rows, summary, scale, depth };
}

/**
 * The corpus through the default pipeline at each saturation iteration limit from 0 to the
 * default: total output size and median time per expression. Where the time goes, and what
 * each iteration buys.
 */
export function runSaturationDepths(theory: Theory, corpus: readonly CorpusEntry[]): DepthRow[] {
  const rows: DepthRow[] = [];
  const variants: [string, SimplifyOptions][] = [["no saturation", { saturate: false }]];
  // One past the default too, to show what another iteration would cost and buy.
  for (let i = 0; i <= DEFAULT_LIMITS.iterLimit + 1; i++)
    variants.push([i === DEFAULT_LIMITS.iterLimit ? `${i} (default)` : `${i}`, { iterLimit: i }]);
  for (const [label, options] of variants) {
    let size = 0;
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const { fn, variable } of corpus) {
      size += treeSize(parseExpression(dsatDerivative(fn, variable, theory, options), { theory }));
      const ms = medianMs(() => dsatDerivative(fn, variable, theory, options), 10);
      wall.push(ms);
      cpu.push(medianCpuMs(() => dsatDerivative(fn, variable, theory, options), ms));
    }
    rows.push({
      "iteration limit": label,
      "total size": size,
      "median ms": median(wall),
      "median cpu ms": median(cpu),
    });
  }
  return rows;
}

/** The families of bench/diff-scaling.ts at size `n`, differentiated in x and simplified. */
export function runScaleFamilies(theory: Theory, n: number): ScaleRow[] {
  const x = sym("x");
  const rows: ScaleRow[] = [];
  for (const [family, build] of Object.entries(families)) {
    const input = build(n);
    let result: Term = input;
    let stopReason = "";
    const start = performance.now();
    const simplified = simplify(diff(input, x, { theory, raw: true }), { theory });
    const ms = performance.now() - start;
    result = simplified.term;
    stopReason = simplified.report.stopReason;
    rows.push({
      family,
      n,
      "input DAG": dagSize(input),
      "diff+simplify ms": ms,
      "result DAG": dagSize(result),
      "result tree": treeSize(result),
      "stop reason": stopReason,
    });
  }
  return rows;
}
