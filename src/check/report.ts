import type { Rule } from "../rules/rule.js";
import { printSExpr } from "../syntax/print-sexpr.js";
import type { Term } from "../term/term.js";

/**
 * What a soundness check found, as data, and how it is printed. Errors (an unsound rule, a
 * rule set that does not terminate, a pipeline that computes a wrong derivative) make
 * `dsat check` fail; warnings (domain problems, rules that could not be tested) are printed
 * and allowed; notes are information.
 */

export type Severity = "error" | "warning" | "note";

/** Where and how a check failed, after shrinking. */
export interface Counterexample {
  /** The pattern variable bindings (rules) in name order. */
  readonly bindings?: readonly (readonly [string, Term])[];
  /** The term that was checked (termination, pipeline). */
  readonly term?: Term;
  /** The point, restricted to the variables that occur. */
  readonly point?: Readonly<Record<string, number>>;
  /** Left and right values, `undefined` where a side is not defined. */
  readonly left?: number | undefined;
  readonly right?: number | undefined;
  /** How to call the two values (default "left" and "right"). */
  readonly labels?: readonly [string, string];
}

export type FindingKind =
  /** Both sides are defined at a point and differ. */
  | "unsound"
  /** One side is defined at a point where the other is not. */
  | "domain"
  /** Sound only because an earlier rule of its ordered set takes priority. */
  | "order-dependent"
  /** Never compared at a single point (conditions never held, or no numeric meaning). */
  | "untested"
  /** Compared at few points. */
  | "weakly-tested"
  /** A rewriting rule set that did not normalise a term within the fuel. */
  | "loops";

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** One line saying what is wrong, without the counterexample. */
  readonly summary: string;
  readonly counterexample?: Counterexample;
}

/** How the samples of one rule were used. */
export interface RuleStats {
  /** Samples drawn (instantiation + point), before any failure was found. */
  readonly samples: number;
  /** Samples where both sides were evaluated and compared. */
  readonly compared: number;
  readonly rejectedByConditions: number;
  /** Instantiations an earlier rule of the same ordered set rewrites first. */
  readonly shadowed: number;
  /** Points where a side or a binding was undefined (and no domain problem was found there). */
  readonly undefinedAtPoint: number;
  /** Points where floating point could not decide (overflow, an unstable numeric derivative). */
  readonly unreliable: number;
}

export interface RuleReport {
  readonly rule: Rule;
  /** The rule set the rule belongs to, when it was found in the theory. */
  readonly ruleSet?: string;
  readonly stats: RuleStats;
  readonly findings: readonly Finding[];
}

export interface TerminationReport {
  readonly ruleSet: string;
  /** Random terms normalised. */
  readonly samples: number;
  readonly fuel: number;
  readonly findings: readonly Finding[];
}

export interface PipelineReport {
  /** What was compared, e.g. "diff + cleanup". */
  readonly stages: readonly string[];
  /** Random functions drawn. */
  readonly samples: number;
  /** Samples whose derivative was compared with the numeric one. */
  readonly compared: number;
  readonly findings: readonly Finding[];
}

export interface CheckReport {
  /** The seed that reproduces this report (`dsat check --seed N`). */
  readonly seed: number;
  /** Samples per rule. */
  readonly runs: number;
  readonly rules: readonly RuleReport[];
  readonly termination: readonly TerminationReport[];
  readonly pipeline?: PipelineReport;
  readonly errors: number;
  readonly warnings: number;
}

/** Counts the findings of each severity in a report's parts. */
export function countFindings(
  parts: readonly { readonly findings: readonly Finding[] }[],
): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const part of parts) for (const finding of part.findings) counts[finding.severity]++;
  return counts;
}

export interface FormatOptions {
  /** Show rule files below this folder relative to it (the CLI passes the current directory). */
  readonly relativeTo?: string;
  /** Also list sound rules and sample statistics. */
  readonly verbose?: boolean;
  /** The command that replays the run, printed last; default `dsat check --seed N`. */
  readonly replay?: string;
}

/** `file:line` of a rule, the file relative to `relativeTo` when it lies below it. */
export function ruleWhere(rule: Rule, relativeTo?: string): string {
  if (rule.origin === undefined) return "no file";
  let file = rule.origin.file.split("\\").join("/");
  if (relativeTo !== undefined) {
    const folder = relativeTo.split("\\").join("/").replace(/\/+$/, "");
    if (file.startsWith(`${folder}/`)) file = file.slice(folder.length + 1);
  }
  return `${file}:${rule.origin.position.line}`;
}

/** A floating-point value for people: up to 10 significant digits. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return "undefined";
  const short = String(value);
  if (short.length <= 12) return short;
  const rounded = value.toPrecision(10);
  return rounded.includes("e") ? rounded : `${rounded.replace(/\.?0+$/, "")}…`;
}

/** `?a = (sin x), at x = 0.5: left 0.8775825619…, right 0.4794255386…`. */
export function formatCounterexample(example: Counterexample): string {
  const parts: string[] = [];
  if (example.bindings !== undefined && example.bindings.length > 0) {
    parts.push(example.bindings.map(([name, term]) => `${name} = ${printSExpr(term)}`).join(", "));
  }
  if (example.term !== undefined) parts.push(printSExpr(example.term));
  const point = Object.entries(example.point ?? {});
  if (point.length > 0) parts.push(`at ${point.map(([name, value]) => `${name} = ${value}`).join(", ")}`);
  const [leftLabel, rightLabel] = example.labels ?? ["left", "right"];
  const values = `${leftLabel} ${formatNumber(example.left)}, ${rightLabel} ${formatNumber(example.right)}`;
  const where = parts.join(", ");
  return example.left === undefined && example.right === undefined ? where : `${where}: ${values}`;
}

const SEVERITY_WORD: Record<FindingKind, string> = {
  unsound: "unsound",
  domain: "domain warning",
  "order-dependent": "note",
  untested: "warning",
  "weakly-tested": "note",
  loops: "does not terminate",
};

/**
 * `subject word: counterexample`, then the explanation indented below; a finding without a
 * counterexample is one line, `subject word: explanation`.
 */
function findingLine(subject: string, finding: Finding): string {
  const word = SEVERITY_WORD[finding.kind];
  if (finding.counterexample === undefined) return `${subject} ${word}: ${finding.summary}`;
  const head = `${subject} ${word}: ${formatCounterexample(finding.counterexample)}`;
  return finding.summary === "" ? head : `${head}\n    ${finding.summary}`;
}

/**
 * The report as text: one entry per finding (errors first), then a summary line with the seed.
 *
 * @example
 * ```text
 * d-sin (rules/diff.rules:12) unsound: ?a = x, at x = 0.5: left 0.8775825619…, right 0.4794255386…
 * ```
 */
export function formatReport(report: CheckReport, options: FormatOptions = {}): string {
  const relativeTo = options.relativeTo;
  const lines: string[] = [];
  const entries: { severity: Severity; text: string }[] = [];
  for (const ruleReport of report.rules) {
    const subject = `${ruleReport.rule.name} (${ruleWhere(ruleReport.rule, relativeTo)})`;
    for (const finding of ruleReport.findings)
      entries.push({ severity: finding.severity, text: findingLine(subject, finding) });
    if (options.verbose && ruleReport.findings.every((f) => f.severity === "note")) {
      const s = ruleReport.stats;
      entries.push({
        severity: "note",
        text: `${subject} ok: compared at ${s.compared} of ${s.samples} samples (${s.rejectedByConditions} failed the conditions, ${s.shadowed} shadowed, ${s.undefinedAtPoint} undefined, ${s.unreliable} unreliable)`,
      });
    }
  }
  for (const termination of report.termination) {
    const subject = `rule set '${termination.ruleSet}'`;
    for (const finding of termination.findings)
      entries.push({ severity: finding.severity, text: findingLine(subject, finding) });
  }
  if (report.pipeline !== undefined) {
    for (const finding of report.pipeline.findings) {
      entries.push({ severity: finding.severity, text: findingLine("pipeline", finding) });
    }
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
  entries.sort((a, b) => order[a.severity] - order[b.severity]);
  for (const entry of entries) lines.push(entry.text);

  const unsoundRules = report.rules.filter((r) => r.findings.some((f) => f.severity === "error")).length;
  const warnedRules = report.rules.filter(
    (r) =>
      !r.findings.some((f) => f.severity === "error") && r.findings.some((f) => f.severity === "warning"),
  ).length;
  const summary = [
    `checked ${report.rules.length} rule${report.rules.length === 1 ? "" : "s"} (${report.runs} samples each): ` +
      `${report.rules.length - unsoundRules - warnedRules} sound, ${unsoundRules} unsound, ${warnedRules} with warnings`,
  ];
  if (report.termination.length > 0) {
    summary.push(
      `termination: ${report.termination
        .map((t) => `${t.ruleSet} ${t.findings.some((f) => f.severity === "error") ? "LOOPS" : "ok"}`)
        .join(", ")}`,
    );
  }
  if (report.pipeline !== undefined) {
    const p = report.pipeline;
    const failed = p.findings.some((f) => f.severity === "error");
    summary.push(
      `pipeline (${p.stages.join(", ")}): ${failed ? "WRONG" : "ok"} (${p.compared} of ${p.samples} compared)`,
    );
  }
  lines.push(summary.join("; "));
  lines.push(
    `${report.errors} error${report.errors === 1 ? "" : "s"}, ${report.warnings} warning${report.warnings === 1 ? "" : "s"}; ` +
      `seed ${report.seed} (replay with: ${options.replay ?? `dsat check --seed ${report.seed}`})`,
  );
  return lines.join("\n");
}
