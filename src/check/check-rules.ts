import type { Rule, RuleSet } from "../rules/rule.js";
import type { Theory } from "../theory.js";
import { checkPipeline, type PipelineStage } from "./check-pipeline.js";
import { checkRule, DEFAULT_RULE_RUNS } from "./check-rule.js";
import { checkTermination } from "./check-termination.js";
import {
  type CheckReport,
  countFindings,
  type PipelineReport,
  type RuleReport,
  type TerminationReport,
} from "./report.js";
import { DEFAULT_TOLERANCE, type Tolerance } from "./tolerance.js";

/**
 * The whole soundness check of a theory's rules: each rule on its own, termination of the
 * rule sets the rewriting engine uses, and differentiation end to end. One seed drives it all,
 * so a report can be replayed exactly.
 */

/**
 * The rule sets the rewriting engine normalises with (`diff` then `cleanup`). Their rules are
 * ordered (an earlier rule that matches wins), and they must terminate. The other sets feed
 * the e-graph, which keeps both sides of every rewrite and needs neither.
 */
export const REWRITING_RULE_SETS: readonly string[] = ["diff", "cleanup"];

export interface CheckOptions {
  /** Samples per rule (and random terms for the termination and pipeline checks); default 200. */
  readonly runs?: number;
  /** The seed; default a random one (printed in the report so the run can be replayed). */
  readonly seed?: number;
  /** Overrides of {@link DEFAULT_TOLERANCE}. */
  readonly tolerance?: Partial<Tolerance>;
  /** Rule sets to check for termination; default the {@link REWRITING_RULE_SETS} the theory has. `false`: none. */
  readonly termination?: readonly string[] | false;
  /** Run the pipeline check (needs `diff` and `cleanup` sets); default true. */
  readonly pipeline?: boolean;
  /** Stages of the pipeline check; default raw `diff`, then `diff + cleanup`. */
  readonly pipelineStages?: readonly PipelineStage[];
  /** Height of random terms bound to pattern variables; default 3. */
  readonly maxDepth?: number;
}

/** A seed for a run nobody asked to replay: a non-negative 31-bit integer, easy to type back. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * A seed for one part of the check, derived from the run's seed and the part's name (FNV-1a),
 * so adding a rule does not change the samples drawn for the others.
 */
export function deriveSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** The set `rule` belongs to in `theory` (by identity), if any. */
function ruleSetOfRule(theory: Theory, rule: Rule): RuleSet | undefined {
  for (const set of Object.values(theory.ruleSets)) if (set.rules.includes(rule)) return set;
  return undefined;
}

/**
 * Checks `rules` (rules of `theory`) by random testing, the termination of the rewriting rule
 * sets and the differentiation pipeline; see `docs/soundness.md`.
 *
 * @example
 * ```ts
 * const theory = defaultTheory();
 * const report = checkRules(theory, rulesOf(theory), { seed: 1 });
 * report.errors; // 0
 * console.log(formatReport(report));
 * ```
 */
export function checkRules(theory: Theory, rules: readonly Rule[], options: CheckOptions = {}): CheckReport {
  const seed = options.seed ?? randomSeed();
  const runs = options.runs ?? DEFAULT_RULE_RUNS;
  const tolerance: Tolerance = { ...DEFAULT_TOLERANCE, ...options.tolerance };
  const depth = options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth };

  const ruleReports: RuleReport[] = rules.map((rule) => {
    const set = ruleSetOfRule(theory, rule);
    const ordered = set !== undefined && REWRITING_RULE_SETS.includes(set.name);
    const shadowedBy = ordered ? set.rules.slice(0, set.rules.indexOf(rule)) : [];
    return checkRule(rule, theory, {
      runs,
      seed: deriveSeed(seed, `rule ${set?.name ?? ""} ${rule.name}`),
      tolerance,
      shadowedBy,
      ...depth,
      ...(set === undefined ? {} : { ruleSet: set.name }),
    });
  });

  const terminationSets =
    options.termination === false
      ? []
      : (options.termination ?? REWRITING_RULE_SETS).filter((name) => theory.ruleSets[name] !== undefined);
  const termination: TerminationReport[] = terminationSets.map((name) =>
    checkTermination(theory.ruleSets[name]!, theory, { runs, seed: deriveSeed(seed, `termination ${name}`) }),
  );

  let pipeline: PipelineReport | undefined;
  const canDifferentiate = theory.ruleSets.diff !== undefined && theory.ruleSets.cleanup !== undefined;
  if (options.pipeline !== false && canDifferentiate) {
    pipeline = checkPipeline(theory, {
      runs,
      seed: deriveSeed(seed, "pipeline"),
      tolerance,
      ...(options.pipelineStages === undefined ? {} : { stages: options.pipelineStages }),
    });
  }

  const counts = countFindings([
    ...ruleReports,
    ...termination,
    ...(pipeline === undefined ? [] : [pipeline]),
  ]);
  return {
    seed,
    runs,
    rules: ruleReports,
    termination,
    ...(pipeline === undefined ? {} : { pipeline }),
    errors: counts.error,
    warnings: counts.warning,
  };
}
