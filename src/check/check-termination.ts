import fc from "fast-check";
import { DsatError, LimitError } from "../errors.js";
import { instantiate, type Substitution } from "../rewrite/match.js";
import { normalize } from "../rewrite/normalize.js";
import type { Rule, RuleSet } from "../rules/rule.js";
import { app, num, sym, type Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { DEFAULT_RULE_RUNS } from "./check-rule.js";
import {
  CHECK_VARIABLES,
  evaluableTermArbitrary,
  substitutionArbitrary,
  variableRoles,
} from "./instantiate-random.js";
import type { Finding, TerminationReport } from "./report.js";

/**
 * Termination of a one-way rule set (one the rewriting engine normalises with, such as `diff`
 * and `cleanup`): generic instances of every rule's left side, then random terms, must reach a
 * normal form within a fuel. A set that loops shows
 * up as a `LimitError` from `normalize`, which names the rules that fired most: the cycle.
 */

export interface TerminationCheckOptions {
  /** Random terms to normalise; default 200. */
  readonly runs?: number;
  readonly seed: number;
  /** Rewrites allowed per term; default {@link DEFAULT_TERMINATION_FUEL}. */
  readonly fuel?: number;
  readonly variables?: readonly string[];
  /** Height of the random terms; default 4. */
  readonly maxDepth?: number;
}

/** Random terms are small, so a set that needs more rewrites than this for one is taken to loop. */
export const DEFAULT_TERMINATION_FUEL = 20_000;

/** The rules a fuel `LimitError` names as having fired most (its message lists them). */
export function rulesThatFiredMost(error: LimitError): string[] {
  const listed = /most fired: (.*)$/.exec(error.message)?.[1];
  if (listed === undefined || listed === "none") return [];
  return listed.split(", ").map((entry) => entry.replace(/ \(\d+\)$/, ""));
}

/**
 * Random terms for `ruleSet`: arbitrary terms (with derivatives, for a set like `diff`) and
 * instances of the set's own left sides, which reach its rules far more often.
 */
function termsFor(ruleSet: RuleSet, theory: Theory, options: TerminationCheckOptions): fc.Arbitrary<Term> {
  const variables = options.variables ?? CHECK_VARIABLES;
  const maxDepth = options.maxDepth ?? 4;
  const random = evaluableTermArbitrary(theory, { variables, maxDepth, derivatives: true });
  const instances = ruleSet.rules.map((rule) =>
    substitutionArbitrary(rule, theory, { variables, maxDepth: maxDepth - 1 }).map((s) =>
      instantiate(rule.lhs, s),
    ),
  );
  return instances.length === 0 ? random : fc.oneof(random, fc.oneof(...instances));
}

/** Where a rule was written, `file:line:col`, or its name alone when it has no origin. */
function ruleSpot(rule: Rule): string {
  const origin = rule.origin;
  return origin === undefined
    ? `rule '${rule.name}'`
    : `${origin.file}:${origin.position.line}:${origin.position.column}: rule '${rule.name}'`;
}

/**
 * Bindings that make `rule`'s left side a generic instance, in three variants: every term
 * variable the variable `x` itself (so `free-of` conditions fail and rules for constants stay
 * out of the way), each a distinct `x + u_i`, and each a distinct fresh variable; a
 * derivative's variable is `x`, numbers and integers are 2.
 */
function genericBindings(rule: Rule): Substitution[] {
  const roles = [...variableRoles(rule)];
  const variants: ((name: string, index: number) => Term)[] = [
    () => sym("x"),
    (_, i) => app("+", [sym("x"), sym(`u${i}`)]),
    (_, i) => sym(`u${i}`),
  ];
  return variants.map(
    (termFor) =>
      new Map(
        roles.map(([name, role], i) => [
          name,
          role === "variable"
            ? sym("x")
            : role === "integer" || role === "number"
              ? num(2)
              : termFor(name, i),
        ]),
      ) as Substitution,
  );
}

/**
 * Generic instances of every rule's left side, normalised with fuel: deterministic, so a rule
 * whose output it rewrites again forever (`(d ?x (foo ?a)) => (+ (d ?x (foo ?a)) …)`) is found
 * whatever the random terms happen to reach. One finding per cycle, located at the rule that
 * fired most in it.
 */
function genericLoops(ruleSet: RuleSet, theory: Theory, fuel: number): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const rule of ruleSet.rules) {
    for (const bindings of genericBindings(rule)) {
      const term = instantiate(rule.lhs, bindings);
      const error = loopsOn(term, ruleSet, theory, fuel);
      if (error === undefined) continue;
      const cycle = rulesThatFiredMost(error);
      const culprit = ruleSet.rules.find((r) => r.name === cycle[0]) ?? rule;
      if (!reported.has(culprit.name)) {
        reported.add(culprit.name);
        findings.push({
          kind: "loops",
          severity: "error",
          summary:
            `${ruleSpot(culprit)} rewrites without end: no normal form within ${fuel} rewrites` +
            (cycle.length > 0 ? `; the rules that fired most (the cycle): ${cycle.join(", ")}` : ""),
          counterexample: { term },
        });
      }
      break;
    }
  }
  return findings;
}

/** The fuel `LimitError` normalising `term` ends in, or `undefined` when it has a normal form. */
function loopsOn(term: Term, ruleSet: RuleSet, theory: Theory, fuel: number): LimitError | undefined {
  try {
    normalize(term, ruleSet, { theory, fuel });
    return undefined;
  } catch (error) {
    if (error instanceof LimitError && error.limit === "fuel") return error;
    // Other failures (an exact division by zero while folding) are not about termination.
    if (error instanceof DsatError) return undefined;
    throw error;
  }
}

/**
 * Normalises generic instances of each rule's left side, then random terms, with `ruleSet`, and
 * reports a set that does not terminate: the rule where it loops (`file:line:col`) or the
 * smallest looping random term, and the rules that fired most on it.
 *
 * @example
 * ```ts
 * checkTermination(theory.ruleSets.cleanup!, theory, { seed: 1 }).findings; // []
 * ```
 */
export function checkTermination(
  ruleSet: RuleSet,
  theory: Theory,
  options: TerminationCheckOptions,
): TerminationReport {
  const fuel = options.fuel ?? DEFAULT_TERMINATION_FUEL;
  const runs = options.runs ?? DEFAULT_RULE_RUNS;
  const generic = genericLoops(ruleSet, theory, fuel);
  if (generic.length > 0) return { ruleSet: ruleSet.name, samples: 0, fuel, findings: generic };
  const loops = (term: Term) => loopsOn(term, ruleSet, theory, fuel);
  const details = fc.check(
    fc.property(termsFor(ruleSet, theory, options), (term) => loops(term) === undefined),
    { numRuns: runs, seed: options.seed },
  );
  const findings: Finding[] = [];
  if (details.failed && details.counterexample !== null) {
    const [term] = details.counterexample;
    const error = loops(term);
    const rules = error === undefined ? [] : rulesThatFiredMost(error);
    findings.push({
      kind: "loops",
      severity: "error",
      summary:
        `no normal form within ${fuel} rewrites` +
        (rules.length > 0 ? `; the rules that fired most (the cycle): ${rules.join(", ")}` : ""),
      counterexample: { term },
    });
  } else if (details.failed) {
    findings.push({
      kind: "untested",
      severity: "warning",
      summary: `the termination check itself failed: ${String(details.errorInstance)}`,
    });
  }
  return { ruleSet: ruleSet.name, samples: details.numRuns, fuel, findings };
}
