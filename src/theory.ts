import { type Draft, produce } from "immer";
import { ArityError, UnknownOperatorError } from "./errors.js";
import { builtinPredicates, type PredicateSpec } from "./rules/predicates.js";
import type { RuleSet } from "./rules/rule.js";
import { baseOperators, type OperatorSpec } from "./term/operator.js";
import type { Term } from "./term/term.js";
import { findInPostorder } from "./term/traverse.js";

/**
 * A theory bundles the operators a program may use and named rule sets over them.
 * It is an immutable value: {@link extend} returns a new theory and leaves the old one as it was,
 * so a user can add operators and rules without touching the default theory everyone else sees.
 */
export interface Theory {
  readonly operators: Readonly<Record<string, OperatorSpec>>;
  readonly ruleSets: Readonly<Record<string, RuleSet>>;
  /** Predicates rule conditions may use (`nonzero?`, `free-of`, …). */
  readonly predicates: Readonly<Record<string, PredicateSpec>>;
}

/**
 * A theory with no entries. Its records have no prototype, so a name such as `constructor`
 * or `toString` is never mistaken for a declared operator; immer keeps that on every copy.
 */
function emptyTheory(): Theory {
  return { operators: Object.create(null), ruleSets: Object.create(null), predicates: Object.create(null) };
}

/** The base operators (`+ - * / ^ neg sin cos tan exp log sqrt d`), the built-in predicates and no rules. */
export const baseTheory: Theory = produce(emptyTheory(), (draft) => {
  for (const spec of baseOperators) draft.operators[spec.name] = spec;
  for (const spec of builtinPredicates) draft.predicates[spec.name] = spec;
});

/**
 * A new theory made by editing a draft of `theory`; `theory` itself is not changed.
 *
 * @example
 * ```ts
 * const mine = extend(baseTheory, (draft) => {
 *   draft.operators.sinh = { name: "sinh", arity: 1, syntax: { kind: "call", name: "sinh" }, evaluate: ([x]) => Math.sinh(x) };
 * });
 * ```
 */
export function extend(theory: Theory, recipe: (draft: Draft<Theory>) => void): Theory {
  return produce(theory, recipe);
}

/** The `theory` option of every function that reads, prints or evaluates terms. */
export interface TheoryOption {
  /** Operators, predicates and rule sets to use; default: the default theory (`defaultTheory()`). */
  readonly theory?: Theory;
}

// Filled in by src/default-theory.ts when it loads (every package entry loads it): the default
// theory is built from the rules files, a layer above this one.
let defaultTheoryProvider: (() => Theory) | undefined;

/** Called once by src/default-theory.ts: where {@link theoryOrDefault} finds the default theory. */
export function provideDefaultTheory(provider: () => Theory): void {
  defaultTheoryProvider = provider;
}

/**
 * `theory`, or the default theory when it is absent: how every `theory` option is read.
 *
 * @example
 * ```ts
 * theoryOrDefault(undefined) === defaultTheory(); // true
 * theoryOrDefault(baseTheory) === baseTheory;     // true
 * ```
 */
export function theoryOrDefault(theory: Theory | undefined): Theory {
  if (theory !== undefined) return theory;
  if (defaultTheoryProvider === undefined) {
    throw new Error("no default theory is loaded: import from dsat's entry, or pass { theory }");
  }
  return defaultTheoryProvider();
}

/** The declaration of `name`, or an {@link UnknownOperatorError}. */
export function operatorOf(theory: Theory, name: string): OperatorSpec {
  const spec = theory.operators[name];
  if (spec === undefined) throw new UnknownOperatorError(name);
  return spec;
}

/**
 * Throws an {@link UnknownOperatorError} or {@link ArityError} for the first application of
 * `term` (in post-order) that `theory` does not declare as written: a term of another theory is
 * an error, never silently left alone.
 */
export function checkTermFits(term: Term, theory: Theory): void {
  const operators = theory.operators;
  const bad = findInPostorder(term, (t) => t.kind === "app" && operators[t.op]?.arity !== t.args.length);
  if (bad !== undefined && bad.kind === "app") checkArity(theory, bad.op, bad.args.length);
}

/** Throws an {@link ArityError} unless `name` takes `count` arguments. */
export function checkArity(theory: Theory, name: string, count: number): OperatorSpec {
  const spec = operatorOf(theory, name);
  if (spec.arity !== count) throw new ArityError(name, spec.arity, count);
  return spec;
}

/** The rule set called `name`, or an {@link UnknownOperatorError}-style failure naming the known sets. */
export function ruleSetOf(theory: Theory, name: string): RuleSet {
  const set = theory.ruleSets[name];
  if (set === undefined) {
    throw new RangeError(
      `no rule set '${name}' (known: ${Object.keys(theory.ruleSets).sort().join(", ") || "none"})`,
    );
  }
  return set;
}
