import type { Proof, ProofStep } from "../egraph/explain-types.js";
import { DivisionByZeroError } from "../errors.js";
import { foldConstantApplication } from "../rewrite/fold-constants.js";
import { conditionHolds, instantiate, match } from "../rewrite/match.js";
import type { Rule } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";
import { checkAlgebraStep } from "./check-algebra.js";

/**
 * The proof checker: replays a proof with the rewriting engine alone (matching,
 * instantiation, term-level conditions and constant folding from src/rewrite/), never an
 * e-graph. A proof passes when every step changes its term at the stated position only, and
 * there by one application of the named rule in the stated direction with its conditions
 * holding for the terms rewritten, by folding one operator applied to numbers, or by a step
 * of algebra verified with exact polynomial arithmetic (src/explain/check-algebra.ts).
 */

/** The verdict on a proof: accepted, or the first step that fails and why. */
export type CheckResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly step: number; readonly reason: string };

/** What the proof must connect, when the caller knows. */
export interface CheckOptions extends TheoryOption {
  /** The term the proof must start from. */
  readonly from?: Term;
  /** The term the proof must end at. */
  readonly to?: Term;
}

const ACCEPTED: CheckResult = Object.freeze({ ok: true });

/**
 * Checks `proof` against the rules of `theory`. Steps are numbered from 1 in the verdict
 * (step 0 is the start term).
 *
 * @example
 * ```ts
 * const proof = egraph.explainEquivalence(a, b);
 * const verdict = checkProof(proof, { theory });
 * if (!verdict.ok) console.log(`step ${verdict.step}: ${verdict.reason}`);
 * ```
 */
export function checkProof(proof: Proof, options: CheckOptions = {}): CheckResult {
  const theory = theoryOrDefault(options.theory);
  if (options.from !== undefined && proof.start !== options.from) {
    return { ok: false, step: 0, reason: "the proof does not start at the term asked about" };
  }
  let previous = proof.start;
  for (let i = 0; i < proof.steps.length; i++) {
    const step = proof.steps[i]!;
    const reason = checkStep(previous, step, theory);
    if (reason !== undefined) return { ok: false, step: i + 1, reason };
    previous = step.term;
  }
  if (options.to !== undefined && previous !== options.to) {
    return { ok: false, step: proof.steps.length, reason: "the proof does not end at the term asked about" };
  }
  return ACCEPTED;
}

/** Why `step` does not follow from `previous`, or `undefined` when it does. */
function checkStep(previous: Term, step: ProofStep, theory: Theory): string | undefined {
  // Walk down both terms along the position: everything off the path must be unchanged.
  let before = previous;
  let after = step.term;
  for (const index of step.position) {
    if (before.kind !== "app" || after.kind !== "app") return "the position is not in the term";
    if (before.op !== after.op || before.args.length !== after.args.length) {
      return "the term changed above the stated position";
    }
    if (!Number.isInteger(index) || index < 0 || index >= before.args.length) {
      return "the position is not in the term";
    }
    for (let j = 0; j < before.args.length; j++) {
      if (j !== index && before.args[j] !== after.args[j])
        return "the term changed beside the stated position";
    }
    before = before.args[index]!;
    after = after.args[index]!;
  }
  // A backward step is the forward application from the new subterm to the old one.
  const [from, to] = step.direction === "backward" ? [after, before] : [before, after];
  switch (step.kind) {
    case "fold":
      return checkFold(from, to, theory);
    case "rule":
      return checkRule(from, to, step, theory);
    case "algebra":
      return checkAlgebraStep(from, to, step.rule, step.cancelled ?? []);
    default:
      return "an equality given without a rule cannot be checked";
  }
}

function checkFold(from: Term, to: Term, theory: Theory): string | undefined {
  let folded: Term | undefined;
  try {
    folded = foldConstantApplication(from, theory);
  } catch (error) {
    if (error instanceof DivisionByZeroError) return "constant folding divides by zero";
    throw error;
  }
  if (folded === undefined) return "the subterm is not an operator applied to numbers with an exact value";
  return folded === to ? undefined : "the subterm does not fold to the stated number";
}

function checkRule(from: Term, to: Term, step: ProofStep, theory: Theory): string | undefined {
  const rule = findRule(theory, step.ruleSet, step.rule);
  if (rule === undefined) {
    return `no rule '${step.rule ?? "?"}'${step.ruleSet === undefined ? "" : ` in rule set '${step.ruleSet}'`}`;
  }
  const substitution = match(rule.lhs, from);
  if (substitution === undefined) return `the left side of '${rule.name}' does not match`;
  for (const condition of rule.conditions) {
    if (theory.predicates[condition.predicate] === undefined) {
      return `condition '${condition.predicate}' has no meaning on terms`;
    }
    if (!conditionHolds(condition, substitution, theory)) {
      return `condition (${condition.predicate} …) of '${rule.name}' does not hold`;
    }
  }
  if (instantiate(rule.rhs, substitution) !== to)
    return `'${rule.name}' does not rewrite the subterm to the stated one`;
  return undefined;
}

/** The rule named `name` in rule set `ruleSet` of `theory`. */
export function findRule(
  theory: Theory,
  ruleSet: string | undefined,
  name: string | undefined,
): Rule | undefined {
  if (ruleSet === undefined || name === undefined) return undefined;
  return theory.ruleSets[ruleSet]?.rules.find((r) => r.name === name);
}
