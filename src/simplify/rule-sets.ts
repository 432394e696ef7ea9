import { defaultTheory } from "../default-theory.js";
import type { Theory } from "../theory.js";
import { DEFAULT_SIMPLIFY_RULE_SETS } from "./simplify.js";

/**
 * The rule sets to saturate with: the default ones the theory has, plus every rule set its rules
 * files added under a new name (rules added to an existing set such as `algebra` are in it already).
 *
 * @example
 * ```ts
 * simplifyRuleSets(defaultTheory()); // ["algebra", "trig", …]
 * ```
 */
export function simplifyRuleSets(theory: Theory): string[] {
  const builtin = defaultTheory().ruleSets;
  const added = Object.keys(theory.ruleSets).filter((name) => builtin[name] === undefined);
  return [...DEFAULT_SIMPLIFY_RULE_SETS.filter((name) => theory.ruleSets[name] !== undefined), ...added];
}
