import { DsatError, UnboundVariableError } from "../errors.js";
import type { Condition, Rule } from "../rules/rule.js";
import { app, type Term } from "../term/term.js";
import type { Theory } from "../theory.js";

/**
 * Syntactic matching of rule patterns against terms, instantiation of patterns, and
 * condition checking. Patterns are small, so these functions recurse over the *pattern*;
 * they never walk deeper into the term than the pattern reaches.
 */

/** Pattern variable name (with its `?`) → the term it is bound to. */
export type Substitution = ReadonlyMap<string, Term>;

/**
 * The substitution that makes `pattern` equal to `term`, or `undefined` if there is none.
 * Patterns may be non-linear: every occurrence of a repeated `?x` must bind the same term,
 * which is an identity comparison because terms are hash-consed.
 *
 * @example
 * ```ts
 * match(parse("(* ?a ?a)"), parse("(* (+ x 1) (+ x 1))")); // Map { "?a" => (+ x 1) }
 * match(parse("(* ?a ?a)"), parse("(* x y)")); // undefined
 * ```
 */
export function match(pattern: Term, term: Term): Substitution | undefined {
  const bindings = new Map<string, Term>();
  return matchInto(pattern, term, bindings) ? bindings : undefined;
}

function matchInto(pattern: Term, term: Term, bindings: Map<string, Term>): boolean {
  switch (pattern.kind) {
    case "sym": {
      if (!pattern.isPatternVar) return pattern === term;
      const bound = bindings.get(pattern.name);
      if (bound === undefined) {
        bindings.set(pattern.name, term);
        return true;
      }
      return bound === term;
    }
    case "num":
      return pattern === term;
    case "app": {
      if (term.kind !== "app" || term.op !== pattern.op || term.args.length !== pattern.args.length) {
        return false;
      }
      for (let i = 0; i < pattern.args.length; i++) {
        if (!matchInto(pattern.args[i]!, term.args[i]!, bindings)) return false;
      }
      return true;
    }
  }
}

/**
 * `pattern` with every pattern variable replaced by its binding. Throws an
 * {@link UnboundVariableError} for a variable the substitution does not bind (rules are
 * checked at load time, so this means a rule was built by hand without a check).
 */
export function instantiate(pattern: Term, substitution: Substitution): Term {
  switch (pattern.kind) {
    case "sym": {
      if (!pattern.isPatternVar) return pattern;
      const bound = substitution.get(pattern.name);
      if (bound === undefined) throw new UnboundVariableError(pattern.name);
      return bound;
    }
    case "num":
      return pattern;
    case "app": {
      const args = pattern.args.map((arg) => instantiate(arg, substitution));
      return app(pattern.op, args);
    }
  }
}

/** Whether `condition` holds under `substitution`, judged by the theory's predicate. */
export function conditionHolds(condition: Condition, substitution: Substitution, theory: Theory): boolean {
  const predicate = theory.predicates[condition.predicate];
  if (predicate === undefined) {
    throw new DsatError(
      `unknown predicate '${condition.predicate}' (known: ${Object.keys(theory.predicates).sort().join(", ")})`,
    );
  }
  return predicate.holds(condition.args.map((arg) => instantiate(arg, substitution)));
}

/** Whether every condition of `rule` holds under `substitution`. */
export function conditionsHold(rule: Rule, substitution: Substitution, theory: Theory): boolean {
  for (const condition of rule.conditions) {
    if (!conditionHolds(condition, substitution, theory)) return false;
  }
  return true;
}

/**
 * Rewrites `term` at its root with `rule` read left to right: the instantiated right side
 * when the left side matches and the conditions hold, otherwise `undefined`.
 */
export function applyRuleAtRoot(rule: Rule, term: Term, theory: Theory): Term | undefined {
  const substitution = match(rule.lhs, term);
  if (substitution === undefined || !conditionsHold(rule, substitution, theory)) return undefined;
  return instantiate(rule.rhs, substitution);
}
