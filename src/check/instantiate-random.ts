import fc from "fast-check";
import type { Substitution } from "../rewrite/match.js";
import type { Condition, Rule } from "../rules/rule.js";
import { Rational } from "../term/rational.js";
import { app, num, sym, type Term } from "../term/term.js";
import { symbolsOf } from "../term/traverse.js";
import type { Theory } from "../theory.js";

/**
 * Random instantiations of rules and random points, as fast-check arbitraries (so failures
 * shrink). Pattern variables get random terms over the theory's operators; numbers include the
 * values where rules tend to break (0, 1, -1, small fractions).
 */

/** The variables random terms and points use. */
export const CHECK_VARIABLES: readonly string[] = ["x", "y"];

/** Depth of the random terms bound to pattern variables (1 = a leaf). */
export const DEFAULT_TERM_DEPTH = 3;

/** What a pattern variable may be bound to, read from the rule's conditions and shape. */
export type VariableRole = "variable" | "integer" | "number" | "signed" | "term";

const SPECIAL_NUMBERS = [0, 1, -1, 2, -2, 3, [1, 2], [-1, 2], [1, 3], [3, 2], [-2, 3]] as const;

/** Exact numbers: first the special values (shrinking goes to 0, then 1, …), then small integers and fractions. */
export function numberArbitrary(): fc.Arbitrary<Term> {
  return fc.oneof(
    fc
      .constantFrom(...SPECIAL_NUMBERS)
      .map((v) => (typeof v === "number" ? num(v) : num(Rational.of(v[0], v[1])))),
    fc.integer({ min: -10, max: 10 }).map((n) => num(n)),
    fc
      .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 2, max: 7 }))
      .map(([n, d]) => num(Rational.of(n, d))),
  );
}

/** Small integers, 0, ±1 and ±2 first. */
export function integerArbitrary(): fc.Arbitrary<Term> {
  return fc.oneof(fc.constantFrom(0, 1, -1, 2, -2, 3), fc.integer({ min: -6, max: 6 })).map((n) => num(n));
}

/** One of `variables`, as a symbol. */
export function variableArbitrary(variables: readonly string[]): fc.Arbitrary<Term> {
  return fc.constantFrom(...variables).map((name) => sym(name));
}

export interface EvaluableTermOptions {
  /** Variables that may occur as leaves; default {@link CHECK_VARIABLES}. */
  readonly variables?: readonly string[];
  /** Maximum height of the term (1 = a leaf); default {@link DEFAULT_TERM_DEPTH}. */
  readonly maxDepth?: number;
  /** Also build derivatives `(d v e)` with `v` one of the variables (for termination checks). */
  readonly derivatives?: boolean;
}

/** The theory's operators that have a numeric meaning, sorted by name for reproducible sampling. */
export function evaluableOperators(theory: Theory): { name: string; arity: number }[] {
  return Object.values(theory.operators)
    .filter((spec) => spec.evaluate !== undefined && spec.arity > 0)
    .map((spec) => ({ name: spec.name, arity: spec.arity }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Random terms over the theory's evaluable operators, variables and numbers. Leaves come first
 * so that shrinking moves towards small terms.
 *
 * @example
 * ```ts
 * fc.sample(evaluableTermArbitrary(theory, { maxDepth: 2 }), 3); // e.g. [x, (sin 1/2), (+ y -1)]
 * ```
 */
export function evaluableTermArbitrary(
  theory: Theory,
  options: EvaluableTermOptions = {},
): fc.Arbitrary<Term> {
  const variables = options.variables ?? CHECK_VARIABLES;
  const maxDepth = Math.max(0, (options.maxDepth ?? DEFAULT_TERM_DEPTH) - 1);
  const operators = evaluableOperators(theory);
  const leaf = fc.oneof(variableArbitrary(variables), numberArbitrary());
  const { term } = fc.letrec<{ term: Term }>((tie) => {
    const applications: fc.Arbitrary<Term>[] = operators.map(({ name, arity }) =>
      fc.array(tie("term"), { minLength: arity, maxLength: arity }).map((args) => app(name, args)),
    );
    if (options.derivatives) {
      applications.push(
        fc.tuple(variableArbitrary(variables), tie("term")).map(([v, e]) => app("d", [v, e])),
      );
    }
    const branches: fc.MaybeWeightedArbitrary<Term>[] = [{ arbitrary: leaf, weight: 3 }];
    if (applications.length > 0) branches.push({ arbitrary: fc.oneof(...applications), weight: 2 });
    return { term: fc.oneof({ maxDepth, depthSize: "small", withCrossShrink: true }, ...branches) };
  });
  return term;
}

/** Names of the pattern variables of `rule` (those of its left side, which bind the rest). */
export function patternVariablesOf(rule: Rule): string[] {
  const names = new Set<string>();
  for (const side of [rule.lhs, rule.rhs]) {
    for (const name of symbolsOf(side)) if (name.startsWith("?")) names.add(name);
  }
  return [...names].sort();
}

/** Plain (non-pattern) symbols the rule mentions: they need values at every point too. */
export function freeSymbolsOf(rule: Rule): string[] {
  const names = new Set<string>();
  const terms = [rule.lhs, rule.rhs, ...rule.conditions.flatMap((c) => c.args)];
  for (const term of terms) for (const name of symbolsOf(term)) if (!name.startsWith("?")) names.add(name);
  return [...names].sort();
}

const ROLE_STRENGTH: Record<VariableRole, number> = {
  term: 0,
  signed: 1,
  number: 2,
  integer: 3,
  variable: 4,
};

/**
 * What each pattern variable must be bound to for the rule's conditions to have a chance:
 * a variable for `var?`, for the second argument of `free-of` and for the first argument of a
 * derivative `d`; a number for `const?`; an integer for `integer?`; a term biased towards
 * provable signs (numbers, exponentials) for `positive?`, `nonzero?` and `nonnegative?`; any
 * term otherwise.
 * The conditions are still checked on every instantiation; roles only aim the generator.
 */
export function variableRoles(rule: Rule): Map<string, VariableRole> {
  const roles = new Map<string, VariableRole>();
  for (const name of patternVariablesOf(rule)) roles.set(name, "term");
  const require = (term: Term | undefined, role: VariableRole): void => {
    if (term?.kind !== "sym" || !term.isPatternVar) return;
    const current = roles.get(term.name) ?? "term";
    if (ROLE_STRENGTH[role] > ROLE_STRENGTH[current]) roles.set(term.name, role);
  };
  for (const condition of rule.conditions) requireFromCondition(condition, require);
  // The first argument of every `d` in the patterns (patterns are small: recursion is fine).
  const visit = (term: Term): void => {
    if (term.kind !== "app") return;
    if (term.op === "d") require(term.args[0], "variable");
    for (const arg of term.args) visit(arg);
  };
  visit(rule.lhs);
  visit(rule.rhs);
  return roles;
}

function requireFromCondition(
  condition: Condition,
  require: (term: Term | undefined, role: VariableRole) => void,
) {
  switch (condition.predicate) {
    case "var?":
      require(condition.args[0], "variable");
      break;
    case "free-of":
      require(condition.args[1], "variable");
      break;
    case "const?":
      require(condition.args[0], "number");
      break;
    case "integer?":
      require(condition.args[0], "integer");
      break;
    case "positive?":
    case "nonzero?":
    case "nonnegative?":
      require(condition.args[0], "signed");
      break;
  }
}

export interface InstantiationOptions {
  readonly variables?: readonly string[];
  readonly maxDepth?: number;
}

/**
 * Random substitutions for `rule`'s pattern variables, each bound according to its
 * {@link variableRoles role}. Conditions are not checked here (the caller counts rejections).
 */
export function substitutionArbitrary(
  rule: Rule,
  theory: Theory,
  options: InstantiationOptions = {},
): fc.Arbitrary<Substitution> {
  const variables = options.variables ?? CHECK_VARIABLES;
  const terms = evaluableTermArbitrary(theory, {
    variables,
    maxDepth: options.maxDepth ?? DEFAULT_TERM_DEPTH,
  });
  // Sign predicates are conservative, so plain random terms rarely pass them: offer numbers
  // and exponentials (always positive) as often as arbitrary terms.
  const signedBranches = [terms, numberArbitrary()];
  if (theory.operators.exp?.evaluate !== undefined) signedBranches.push(terms.map((t) => app("exp", [t])));
  const byRole: Record<VariableRole, fc.Arbitrary<Term>> = {
    variable: variableArbitrary(variables),
    integer: integerArbitrary(),
    number: numberArbitrary(),
    signed: fc.oneof(...signedBranches),
    term: terms,
  };
  const record: Record<string, fc.Arbitrary<Term>> = {};
  for (const [name, role] of variableRoles(rule)) record[name] = byRole[role];
  return fc.record(record).map((bindings) => new Map(Object.entries(bindings)) as Substitution);
}

/**
 * Floating-point values for a variable: special values first (shrinking goes to 0, 1, -1, …),
 * then small integers, quarters, and decimals in [-10, 10].
 */
export function coordinateArbitrary(): fc.Arbitrary<number> {
  // Decimals with 5 places rather than arbitrary doubles: no subnormals or other extreme
  // values whose rounding says nothing about the rule, and shrunk values read well.
  return fc.oneof(
    { withCrossShrink: true },
    fc.constantFrom(0, 1, -1, 0.5, -0.5, 2, -2, 3),
    fc.integer({ min: -10, max: 10 }),
    fc.integer({ min: -40, max: 40 }).map((n) => n / 4),
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100_000),
  );
}

/** Random points: a value for each of `variables`. */
export function pointArbitrary(variables: readonly string[]): fc.Arbitrary<Record<string, number>> {
  const record: Record<string, fc.Arbitrary<number>> = {};
  for (const name of variables) record[name] = coordinateArbitrary();
  return fc.record(record);
}
