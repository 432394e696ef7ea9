import fc from "fast-check";
import { DsatError } from "../errors.js";
import { applyRuleAtRoot, conditionsHold, instantiate, type Substitution } from "../rewrite/match.js";
import type { Rule } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import { symbolsOf } from "../term/traverse.js";
import type { Theory } from "../theory.js";
import {
  CHECK_VARIABLES,
  DEFAULT_TERM_DEPTH,
  freeSymbolsOf,
  pointArbitrary,
  substitutionArbitrary,
} from "./instantiate-random.js";
import { type NumericOutcome, numericValue, roundingDecides } from "./numeric-value.js";
import { polishCounterexample } from "./polish-counterexample.js";
import type { Counterexample, Finding, RuleReport, RuleStats } from "./report.js";
import { agree, DEFAULT_TOLERANCE, type Tolerance } from "./tolerance.js";

/**
 * Checking one rule by random testing: random instantiations of its pattern variables that
 * satisfy its conditions, evaluated at random points. Where both sides are defined they must
 * agree (otherwise the rule is unsound); where the left side is defined the right side must be
 * too (Herbie's definition of a sound rewrite; otherwise a domain warning).
 */

export interface RuleCheckOptions {
  /** Samples (instantiation + point) to draw; default 200. */
  readonly runs?: number;
  /** fast-check seed: the same seed draws the same samples. */
  readonly seed: number;
  readonly tolerance?: Tolerance;
  /** Variables of the random terms and points; default {@link CHECK_VARIABLES}. */
  readonly variables?: readonly string[];
  /** Height of the random terms bound to pattern variables; default {@link DEFAULT_TERM_DEPTH}. */
  readonly maxDepth?: number;
  /**
   * Rules that rewrite first when the rule is used (the earlier rules of an ordered rule set):
   * an instantiation one of them rewrites never reaches this rule, so it is not held against it.
   */
  readonly shadowedBy?: readonly Rule[];
  /** The rule set, named in the report. */
  readonly ruleSet?: string;
}

/** Samples per rule (and random terms per termination and pipeline check), in the library and `dsat check`. */
export const DEFAULT_RULE_RUNS = 500;

/** Below this share of compared samples a rule is reported as weakly tested. */
const WEAK_SHARE = 0.05;

/** What one sample showed. */
type Sample =
  | { readonly kind: "rejected" | "unreliable" | "undefined" }
  | { readonly kind: "unevaluable"; readonly reason: string }
  | { readonly kind: "agree" }
  | { readonly kind: "disagree"; readonly left: number; readonly right: number }
  /** The right side is undefined where the left is defined (either way round for `<=>`). */
  | { readonly kind: "narrows"; readonly left: number | undefined; readonly right: number | undefined }
  /** The left side is undefined where the right is defined, for a one-way non-derivative rule. */
  | { readonly kind: "extends"; readonly right: number };

/** Whether `rule` rewrites derivatives: its left side is `(d …)`. */
export function isDerivativeRule(rule: Rule): boolean {
  return rule.lhs.kind === "app" && rule.lhs.op === "d";
}

/** Evaluates one instantiation at one point. Pure: the same inputs give the same sample. */
function sample(
  rule: Rule,
  substitution: Substitution,
  point: Readonly<Record<string, number>>,
  theory: Theory,
  tolerance: Tolerance,
): Sample {
  try {
    if (!conditionsHold(rule, substitution, theory)) return { kind: "rejected" };
    // A binding undefined at the point makes the left side undefined for reasons outside the
    // rule (`(* ?a 0)` with ?a = log x at x = -1): the rule is judged with defined bindings.
    for (const bound of substitution.values()) {
      const outcome = numericValue(bound, point, { theory });
      if (outcome.kind !== "value")
        return outcome.kind === "undefined" ? { kind: "undefined" } : refusal(outcome);
    }
    const left = numericValue(instantiate(rule.lhs, substitution), point, { theory });
    const right = numericValue(instantiate(rule.rhs, substitution), point, { theory });
    if (left.kind === "unevaluable" || left.kind === "unreliable") return refusal(left);
    if (right.kind === "unevaluable" || right.kind === "unreliable") return refusal(right);
    if (left.kind === "value" && right.kind === "value") {
      if (agree(left, right, tolerance)) return { kind: "agree" };
      // A side whose value rounding decides cannot tell: skip the point.
      if (
        roundingDecides(instantiate(rule.lhs, substitution), point, theory, tolerance.relative) ||
        roundingDecides(instantiate(rule.rhs, substitution), point, theory, tolerance.relative)
      )
        return { kind: "unreliable" };
      return { kind: "disagree", left: left.value, right: right.value };
    }
    if (left.kind === "value") return { kind: "narrows", left: left.value, right: undefined };
    if (right.kind === "value") {
      if (rule.direction === "<=>") return { kind: "narrows", left: undefined, right: right.value };
      // A derivative formula is normally defined more widely than the function (1/a for log a).
      if (!isDerivativeRule(rule)) return { kind: "extends", right: right.value };
    }
    return { kind: "undefined" };
  } catch (error) {
    if (error instanceof DsatError) return { kind: "unevaluable", reason: error.message };
    throw error;
  }
}

function refusal(outcome: NumericOutcome): Sample {
  if (outcome.kind === "unevaluable") return { kind: "unevaluable", reason: outcome.reason };
  return { kind: "unreliable" };
}

/** The first earlier rule that rewrites `lhs` at its root, as the rewriting engine would. */
function shadowingRule(lhs: Term, rules: readonly Rule[], theory: Theory): Rule | undefined {
  for (const earlier of rules) {
    const next = applyRuleAtRoot(earlier, lhs, theory);
    if (next !== undefined && next !== lhs) return earlier;
  }
  return undefined;
}

/** A shrunk failure, restricted to the variables that occur in the instantiated rule. */
function counterexampleOf(
  rule: Rule,
  substitution: Substitution,
  point: Readonly<Record<string, number>>,
  result: Sample,
): Counterexample {
  const bindings = [...substitution.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const occurring = new Set<string>();
  for (const side of [rule.lhs, rule.rhs]) {
    for (const name of symbolsOf(instantiate(side, substitution))) occurring.add(name);
  }
  const shownPoint: Record<string, number> = {};
  for (const name of Object.keys(point).sort()) if (occurring.has(name)) shownPoint[name] = point[name]!;
  const values =
    result.kind === "disagree" || result.kind === "narrows"
      ? { left: result.left, right: result.right }
      : result.kind === "extends"
        ? { left: undefined, right: result.right }
        : {};
  return { bindings, point: shownPoint, ...values };
}

/**
 * Checks `rule` by random testing and returns what was found, with shrunk counterexamples.
 * Random testing finds counterexamples; passing is evidence, not proof.
 *
 * @example
 * ```ts
 * const report = checkRule(rule, theory, { seed: 42, runs: 200 });
 * report.findings; // [] for a sound rule
 * ```
 */
export function checkRule(rule: Rule, theory: Theory, options: RuleCheckOptions): RuleReport {
  const runs = options.runs ?? DEFAULT_RULE_RUNS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const variables = options.variables ?? CHECK_VARIABLES;
  const shadowedBy = options.shadowedBy ?? [];
  const pointVariables = [...new Set([...variables, ...freeSymbolsOf(rule)])].sort();
  const instantiations = substitutionArbitrary(rule, theory, {
    variables,
    maxDepth: options.maxDepth ?? DEFAULT_TERM_DEPTH,
  });
  const points = pointArbitrary(pointVariables);
  const parameters = { numRuns: runs, seed: options.seed };

  const stats = {
    samples: 0,
    compared: 0,
    rejectedByConditions: 0,
    shadowed: 0,
    undefinedAtPoint: 0,
    unreliable: 0,
  };
  let unevaluable: string | undefined;
  let orderWitness: { earlier: Rule; example: Counterexample } | undefined;
  let counting = true;
  const findings: Finding[] = [];

  // Soundness: fails only where both sides are defined and differ. Counts the samples until
  // the first failure (shrinking replays samples, which must not be counted twice).
  const soundness = fc.check(
    fc.property(instantiations, points, (substitution, point) => {
      const result = sample(rule, substitution, point, theory, tolerance);
      const earlier =
        result.kind === "rejected" || shadowedBy.length === 0
          ? undefined
          : shadowingRule(instantiate(rule.lhs, substitution), shadowedBy, theory);
      if (earlier !== undefined) {
        if (counting) stats.shadowed++;
        if (result.kind === "disagree" && orderWitness === undefined) {
          orderWitness = { earlier, example: counterexampleOf(rule, substitution, point, result) };
        }
        if (counting) stats.samples++;
        return true;
      }
      if (counting) {
        stats.samples++;
        tally(stats, result);
        if (result.kind === "unevaluable") unevaluable ??= result.reason;
      }
      if (result.kind === "disagree") {
        counting = false;
        return false;
      }
      return true;
    }),
    parameters,
  );
  const notShadowed = (substitution: Substitution): boolean =>
    shadowedBy.length === 0 ||
    shadowingRule(instantiate(rule.lhs, substitution), shadowedBy, theory) === undefined;
  /** fast-check's shrunk counterexample, polished, and what it shows. */
  const simplest = (found: [Substitution, Record<string, number>], kinds: readonly Sample["kind"][]) => {
    const polished = polishCounterexample(
      found[0],
      found[1],
      (s, p) => kinds.includes(sample(rule, s, p, theory, tolerance).kind) && notShadowed(s),
      variables,
    );
    const result = sample(rule, polished.substitution, polished.point, theory, tolerance);
    return { ...polished, result };
  };

  if (soundness.failed && soundness.counterexample !== null) {
    const { substitution, point, result } = simplest(soundness.counterexample, ["disagree"]);
    findings.push({
      kind: "unsound",
      severity: "error",
      summary: "",
      counterexample: counterexampleOf(rule, substitution, point, result),
    });
  } else if (soundness.failed) {
    findings.push({
      kind: "untested",
      severity: "warning",
      summary: `the check itself failed: ${String(soundness.errorInstance)}`,
    });
  }

  // Domain: the same samples, failing where exactly one side is defined.
  const domain = fc.check(
    fc.property(instantiations, points, (substitution, point) => {
      const result = sample(rule, substitution, point, theory, tolerance);
      if (result.kind !== "narrows" && result.kind !== "extends") return true;
      // A rule marked :widens-domain is meant to: it is judged on its left side's domain.
      if (result.kind === "extends" && rule.widensDomain === true) return true;
      return !notShadowed(substitution);
    }),
    parameters,
  );
  if (domain.failed && domain.counterexample !== null) {
    const found = domain.counterexample;
    const { substitution, point, result } = simplest(found, [
      sample(rule, found[0], found[1], theory, tolerance).kind,
    ]);
    findings.push({
      kind: "domain",
      severity: "warning",
      summary:
        result.kind === "extends"
          ? "the left side is undefined here but the right side is not: the rewrite drops a domain condition (guard it with one, such as (nonzero? …) or (positive? …))"
          : rule.direction === "<=>" && result.kind === "narrows" && result.left === undefined
            ? "the left side is undefined where the right side is defined (read right to left, the rewrite narrows the domain)"
            : "the right side is undefined where the left side is defined",
      counterexample: counterexampleOf(rule, substitution, point, result),
    });
  }

  if (orderWitness !== undefined && !findings.some((f) => f.kind === "unsound")) {
    findings.push({
      kind: "order-dependent",
      severity: "note",
      summary: `sound only because '${orderWitness.earlier.name}' comes first in its rule set and rewrites this instance`,
      counterexample: orderWitness.example,
    });
  }
  if (!findings.some((f) => f.severity === "error")) {
    if (stats.compared === 0) {
      findings.push({ kind: "untested", severity: "warning", summary: untestedReason(stats, unevaluable) });
    } else if (stats.compared < WEAK_SHARE * stats.samples) {
      findings.push({
        kind: "weakly-tested",
        severity: "note",
        summary: `compared at only ${stats.compared} of ${stats.samples} samples (${describeStats(stats)})`,
      });
    }
  }
  return {
    rule,
    ...(options.ruleSet === undefined ? {} : { ruleSet: options.ruleSet }),
    stats: stats as RuleStats,
    findings,
  };
}

function tally(
  stats: { compared: number; rejectedByConditions: number; undefinedAtPoint: number; unreliable: number },
  result: Sample,
): void {
  switch (result.kind) {
    case "agree":
    case "disagree":
      stats.compared++;
      break;
    case "rejected":
      stats.rejectedByConditions++;
      break;
    case "undefined":
    case "narrows":
    case "extends":
      stats.undefinedAtPoint++;
      break;
    case "unreliable":
    case "unevaluable":
      stats.unreliable++;
      break;
  }
}

function describeStats(stats: RuleStats): string {
  return (
    `${stats.rejectedByConditions} failed the conditions, ${stats.shadowed} were rewritten by an earlier rule, ` +
    `${stats.undefinedAtPoint} undefined, ${stats.unreliable} unreliable`
  );
}

function untestedReason(stats: RuleStats, unevaluable: string | undefined): string {
  if (unevaluable !== undefined) return `not checked: ${unevaluable}`;
  return `not checked: no sample could be compared in ${stats.samples} (${describeStats(stats)})`;
}
