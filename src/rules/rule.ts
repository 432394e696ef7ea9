import type { SourcePosition } from "../errors.js";
import type { Term } from "../term/term.js";

/**
 * Rules are data: a named pair of patterns with a direction and optional conditions.
 *
 * A pattern is an ordinary {@link Term} in which symbols whose name starts with `?` are
 * pattern variables. Being hash-consed terms, patterns share the term store's identity
 * guarantees and print with the term printers.
 */

/** `=>` rewrites left to right only; `<=>` both ways (used by the e-graph). */
export type RuleDirection = "=>" | "<=>";

/**
 * A condition on a match, written as a built-in predicate applied to pattern variables and
 * terms: `(nonzero? ?a)`, `(free-of ?e ?x)`, `(!= ?a 0)`. See `docs/rule-language.md`.
 */
export interface Condition {
  readonly predicate: string;
  readonly args: readonly Term[];
}

/** Where a rule was written, for error messages and reports (`file:line:col`). */
export interface RuleOrigin {
  readonly file: string;
  readonly position: SourcePosition;
}

/** One rewrite rule. */
export interface Rule {
  /** Kebab-case name shown in traces, reports, proofs and failures. */
  readonly name: string;
  readonly lhs: Term;
  readonly rhs: Term;
  readonly direction: RuleDirection;
  /** All must hold for the rule to apply (to either side, for `<=>`). */
  readonly conditions: readonly Condition[];
  /**
   * The right side may be defined where the left side is not (`(sin (asin ?a)) => ?a`): sound
   * on the domain of the term it rewrites (Herbie's definition), so the simplifier uses it
   * except with `strictDomain`. Written `:widens-domain` after the rule.
   */
  readonly widensDomain?: boolean;
  readonly origin?: RuleOrigin;
}

/** A named, ordered collection of rules; for rewriting, earlier rules take priority. */
export interface RuleSet {
  readonly name: string;
  readonly rules: readonly Rule[];
  /**
   * Whether rewriting with this set also folds constants: an application whose arguments are
   * all numbers is replaced by its exact value when that is rational (`(+ 1 2)` → `3`).
   * Declared in a rules file with `(fold-constants)`.
   */
  readonly foldConstants?: boolean;
}

/** `file:line` of a rule, or its name when it has no origin. */
export function ruleLocation(rule: Rule): string {
  return rule.origin ? `${rule.origin.file}:${rule.origin.position.line}` : rule.name;
}
