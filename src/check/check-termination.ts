import fc from "fast-check";
import { DsatError, LimitError } from "../errors.js";
import { instantiate } from "../rewrite/match.js";
import { normalize } from "../rewrite/normalize.js";
import type { RuleSet } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { DEFAULT_RULE_RUNS } from "./check-rule.js";
import { CHECK_VARIABLES, substitutionArbitrary, termArbitrary } from "./instantiate-random.js";
import type { Finding, TerminationReport } from "./report.js";

/**
 * Termination of a one-way rule set (one the rewriting engine normalises with, such as `diff`
 * and `cleanup`): random terms must reach a normal form within a fuel. A set that loops shows
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
  const random = termArbitrary(theory, { variables, maxDepth, derivatives: true });
  const instances = ruleSet.rules.map((rule) =>
    substitutionArbitrary(rule, theory, { variables, maxDepth: maxDepth - 1 }).map((s) =>
      instantiate(rule.lhs, s),
    ),
  );
  return instances.length === 0 ? random : fc.oneof(random, fc.oneof(...instances));
}

/**
 * Normalises random terms with `ruleSet` and reports a set that does not terminate, with the
 * smallest looping term found and the rules that fired most on it.
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
  const loops = (term: Term): LimitError | undefined => {
    try {
      normalize(term, ruleSet, { theory, fuel });
      return undefined;
    } catch (error) {
      if (error instanceof LimitError && error.limit === "fuel") return error;
      // Other failures (an exact division by zero while folding) are not about termination.
      if (error instanceof DsatError) return undefined;
      throw error;
    }
  };
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
