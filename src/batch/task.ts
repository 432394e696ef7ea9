import { derivative } from "../calculus/derivative.js";
import { printVector } from "../calculus/print-array.js";
import { gradient } from "../calculus/vector-calculus.js";
import { defaultTheory } from "../default-theory.js";
import { type ErrorRecord, errorRecord, UsageError } from "../errors.js";
import { exactBindings } from "../eval/bindings.js";
import { evaluateMixed, formatMixed } from "../eval/evaluate-mixed.js";
import { loadRuleFiles } from "../node/load-rule-files.js";
import { namingZeroDivisor } from "../simplify/defined-nowhere.js";
import { type PrintedReport, printedReport } from "../simplify/printed-report.js";
import { simplifyRuleSets } from "../simplify/rule-sets.js";
import { DEFAULT_LIMITS, type SimplifyOptions, type SimplifyReport, simplify } from "../simplify/simplify.js";
import { type InputSyntax, parseExpression } from "../syntax/parse.js";
import { type OutputFormat, printTerm } from "../syntax/print.js";
import { variableArgument } from "../syntax/variable-argument.js";
import type { Rational } from "../term/rational.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";

/**
 * One batch operation, as plain data so it can be sent to worker threads: what to do with each
 * line (`dsat diff|simplify|grad|eval --batch`) and the options every line shares.
 */
export interface BatchTask {
  readonly operation: "diff" | "simplify" | "grad" | "eval";
  /**
   * Words for lines without a tab part: the variables of `diff` and `grad`, the `name=value`
   * bindings of `eval`. A line `expr<TAB>words` uses its own words instead.
   */
  readonly words?: readonly string[];
  /** Rules files added to the default theory, in order (paths, so workers can read them). */
  readonly rules?: readonly string[];
  /** Syntax of the lines (default `auto`). */
  readonly from?: "auto" | InputSyntax;
  /** Format of each record's `text` (default `infix`). */
  readonly format?: OutputFormat;
  /**
   * For `diff` and `grad`: simplify each derivative (default true); `false` keeps it after the
   * cleanup rules only. `diff` with `raw` skips cleanup as well.
   */
  readonly simplify?: boolean;
  readonly raw?: boolean;
  /** Simplifier limits (defaults {@link DEFAULT_LIMITS}) and `saturate: false` to skip saturation. */
  readonly nodeLimit?: number;
  readonly iterLimit?: number;
  readonly timeLimitMs?: number;
  readonly saturate?: boolean;
  /** For `eval`: always a floating-point result. */
  readonly float?: boolean;
  /**
   * Whether a worker answers a line it has seen recently from memory (default true): the same
   * record, computed once. `false` computes every line, for timing.
   */
  readonly memo?: boolean;
  /**
   * Records carry the result in infix, as an S-expression and in LaTeX, and the simplifier's reports
   * (default true); `false` keeps only `text`, which is faster to print and to send between threads.
   */
  readonly details?: boolean;
}

/** An error as a batch record carries it: the exit-code kind (`syntax`, `unknownOperator`, …). */
export type BatchError = ErrorRecord;

/** The result of one input line, in input order. */
export type BatchRecord = BatchSuccess | BatchFailure;

export interface BatchSuccess {
  /** 1-based input line number. */
  readonly line: number;
  readonly ok: true;
  /** The output line in the task's format. */
  readonly text: string;
  /** The result in infix, as an S-expression and in LaTeX (a bracketed list for `grad`; absent for `eval`). */
  readonly infix?: string;
  readonly sexpr?: string;
  readonly latex?: string;
  /** For `eval`: the value, exact (`2/3`) where possible. */
  readonly value?: string;
  /** The simplifier's report for each simplification the line needed, its conditions printed. */
  readonly reports?: readonly PrintedReport[];
}

export interface BatchFailure {
  readonly line: number;
  readonly ok: false;
  /** `error: <kind>: <first line of the message>`. */
  readonly text: string;
  readonly error: BatchError;
}

/** A failure record for `line`. */
export function failureRecord(line: number, error: unknown): BatchFailure {
  const e = errorRecord(error);
  return { line, ok: false, text: `error: ${e.kind}: ${e.message.split("\n")[0]}`, error: e };
}

/** The theory of a task: the default one plus its rules files. */
export function taskTheory(task: BatchTask): Theory {
  return task.rules && task.rules.length > 0 ? loadRuleFiles(defaultTheory(), task.rules) : defaultTheory();
}

/** Distinct lines a line runner remembers; past that it starts afresh (memory stays bounded). */
const MEMO_LINES = 4096;

/** The variable names among `words` (`x y` or `x,y`; `'pi'` for a variable named like a constant), checked. */
export function variableNames(words: readonly string[]): string[] {
  return words
    .flatMap((w) => w.split(","))
    .filter((w) => w !== "")
    .map((w) => variableArgument(w).name);
}

/**
 * The value of `term` at `env` as `dsat eval` prints it: exact when every step is rational (unless
 * `float`), otherwise a float (see `evaluateMixed`); a DomainError where the expression is
 * undefined, a LimitError where floating point cannot hold the value.
 */
export function valueAt(
  term: Term,
  env: Readonly<Record<string, Rational>>,
  theory: Theory,
  float = false,
): string {
  return formatMixed(evaluateMixed(term, env, { theory }), float);
}

/**
 * Differentiates `term` by each variable in turn, simplifying after each unless told otherwise
 * (so a second derivative starts small); the simplifier's reports are collected in `reports`.
 */
export function differentiate(
  term: Term,
  variables: readonly string[],
  options: { theory: Theory; raw?: boolean; simplify?: SimplifyOptions | false },
  reports: SimplifyReport[] = [],
): Term {
  let result = term;
  for (const v of variables) {
    const derived = derivative(result, v, {
      theory: options.theory,
      raw: options.raw === true,
      simplify: options.simplify ?? {},
      assumeDefined: [term],
    });
    result = derived.term;
    if (derived.report !== undefined) reports.push(derived.report);
  }
  return result;
}

/**
 * The function that turns one line into its record, for `task`; the theory and the options are
 * prepared once. Errors of a line become its failure record; nothing is thrown.
 */
export function lineRunner(
  task: BatchTask,
  theory: Theory = taskTheory(task),
): (text: string, line: number) => BatchRecord {
  const format = task.format ?? "infix";
  const from = task.from ?? "auto";
  const simplifyOptions: SimplifyOptions = {
    theory,
    ruleSets: simplifyRuleSets(theory),
    nodeLimit: task.nodeLimit ?? DEFAULT_LIMITS.nodeLimit,
    iterLimit: task.iterLimit ?? DEFAULT_LIMITS.iterLimit,
    timeLimitMs: task.timeLimitMs ?? DEFAULT_LIMITS.timeLimitMs,
    saturate: task.saturate ?? true,
  };
  const diffOptions = {
    theory,
    raw: task.raw ?? false,
    simplify: task.simplify === false ? (false as const) : simplifyOptions,
  };
  const defaultWords = task.words ?? [];
  // The records of recent distinct lines, by text: a dataset that repeats an expression pays for
  // it once per worker. A run stopped by the clock is not remembered, since running the line
  // again could give another result; every other run is deterministic. (grad does not hand out
  // its simplifier's reports, so its simplified lines are not remembered.)
  const memo = new Map<string, BatchRecord>();
  const remembers = task.memo !== false && (task.operation !== "grad" || task.simplify === false);
  return (text, line) => {
    const known = memo.get(text);
    if (known !== undefined) return { ...known, line };
    const reports: SimplifyReport[] = [];
    const record = runLine(text, line, reports);
    if (remembers && !reports.some((r) => r.stopReason === "time-limit")) {
      if (memo.size >= MEMO_LINES) memo.clear();
      memo.set(text, record);
    }
    return record;
  };

  /** The record of one line; the simplifier's reports are collected in `reports`. */
  function runLine(text: string, line: number, reports: SimplifyReport[]): BatchRecord {
    try {
      const tab = text.indexOf("\t");
      const expression = tab < 0 ? text : text.slice(0, tab);
      const words =
        tab < 0
          ? defaultWords
          : text
              .slice(tab + 1)
              .split(/\s+/)
              .filter((w) => w !== "");
      const term = parseExpression(expression, { theory, from });
      switch (task.operation) {
        case "eval": {
          const env = exactBindings(words);
          const value = namingZeroDivisor(term, theory, () => valueAt(term, env, theory, task.float));
          return { line, ok: true, text: value, value };
        }
        case "simplify": {
          const result = simplify(term, simplifyOptions);
          reports.push(result.report);
          return termRecord(line, result.term, reports);
        }
        case "diff": {
          const variables = variableNames(words);
          if (variables.length === 0) throw new UsageError("the line names no variable (write expr<TAB>var)");
          return termRecord(line, differentiate(term, variables, diffOptions, reports), reports);
        }
        case "grad": {
          const variables = words.length === 0 ? undefined : variableNames(words);
          const entries = gradient(term, variables, {
            theory,
            simplify: task.simplify === false ? false : simplifyOptions,
          });
          const text = printVector(entries, { format, theory });
          if (task.details === false) return { line, ok: true, text };
          const [infix, sexpr, latex] = (["infix", "sexpr", "latex"] as const).map((f) =>
            printVector(entries, { format: f, theory }),
          );
          return { line, ok: true, text, infix: infix!, sexpr: sexpr!, latex: latex! };
        }
      }
    } catch (error) {
      return failureRecord(line, error);
    }
  }

  function termRecord(line: number, term: Term, reports: SimplifyReport[]): BatchSuccess {
    const text = printTerm(term, { format, theory });
    if (task.details === false) return { line, ok: true, text };
    const infix = format === "infix" ? text : printTerm(term, { format: "infix", theory });
    const sexpr = format === "sexpr" ? text : printTerm(term, { format: "sexpr", theory });
    const latex = format === "latex" ? text : printTerm(term, { format: "latex", theory });
    const printed = reports.map((r) => printedReport(r, theory));
    return { line, ok: true, text, infix, sexpr, latex, ...(printed.length > 0 ? { reports: printed } : {}) };
  }
}
