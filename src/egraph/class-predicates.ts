import type { Rational } from "../term/rational.js";
import type { Term } from "../term/term.js";
import { SIGN_ANY, SIGN_NEGATIVE, SIGN_POSITIVE, SIGN_ZERO, type SignMask } from "./analysis.js";
import type { ClassId, EGraph } from "./egraph.js";

/** An e-graph with any analysis, as predicates see it. */
// biome-ignore lint/suspicious/noExplicitAny: predicates work with every analysis' facts
export type AnyEGraph = EGraph<any>;

/**
 * The meaning of a condition predicate over e-classes: whether it holds for a match, given
 * the class of each argument. A ground argument (no pattern variables, such as the `0` in
 * `(!= ?a 0)`) that is not in the e-graph is passed as -1, with the term in `terms`.
 * Judgements must be conservative: say `true` only when the fact is known.
 */
export interface ClassPredicate {
  readonly name: string;
  readonly arity: number;
  readonly description: string;
  holds(egraph: AnyEGraph, args: Int32Array, terms: readonly (Term | undefined)[]): boolean;
}

/** Class-level predicates by name; rule conditions are compiled against one. */
export type ClassPredicateRegistry = ReadonlyMap<string, ClassPredicate>;

/** The known constant value of `id`'s class: from the analysis, or a number leaf in the class. */
export function classConstant(egraph: AnyEGraph, id: ClassId): Rational | undefined {
  if (id < 0) return undefined;
  const fromFacts = egraph.analysis.facts?.constant;
  if (fromFacts !== undefined) {
    const value = fromFacts(egraph.data(id));
    if (value !== undefined) return value;
  }
  if (!egraph.hasNumber(id)) return undefined;
  const nodes = egraph.classNodes(id);
  for (let i = 0; i < nodes.length; i++) {
    const value = egraph.heads.valueOf(egraph.nodeHead(nodes[i]!));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Whether `id`'s class holds a named constant: an application of an operator of arity 0 (`pi`). */
function hasNamedConstant(egraph: AnyEGraph, id: ClassId): boolean {
  if (id < 0) return false;
  const nodes = egraph.classNodes(id);
  for (let i = 0; i < nodes.length; i++) {
    const head = egraph.nodeHead(nodes[i]!);
    if (egraph.heads.isOperator(head) && egraph.nodeArity(nodes[i]!) === 0) return true;
  }
  return false;
}

/** The signs `id`'s class may take: from the analysis' sign facts, or from its constant. */
export function classSign(egraph: AnyEGraph, id: ClassId): SignMask {
  if (id < 0) return SIGN_ANY;
  const constant = classConstant(egraph, id);
  if (constant !== undefined) {
    return constant.isZero() ? SIGN_ZERO : constant.isPositive() ? SIGN_POSITIVE : SIGN_NEGATIVE;
  }
  const fromFacts = egraph.analysis.facts?.sign;
  return fromFacts === undefined ? SIGN_ANY : fromFacts(egraph.data(id));
}

/** The symbol heads in `id`'s class: those listed at the last rebuild, and the one kept through unions since. */
function symbolsOf(egraph: AnyEGraph, id: ClassId): number[] {
  const symbols: number[] = [];
  const kept = egraph.symbolOf(id);
  if (kept >= 0) symbols.push(kept);
  const nodes = egraph.classNodes(id);
  for (let i = 0; i < nodes.length; i++) {
    const head = egraph.nodeHead(nodes[i]!);
    if (egraph.heads.isSymbol(head) && head !== kept) symbols.push(head);
  }
  return symbols;
}

/**
 * Whether `expression`'s class has a term free of the variable in `variable`'s class. Needs
 * the analysis' `mentions` fact; without it only constants count as free of everything.
 */
export function classFreeOf(egraph: AnyEGraph, expression: ClassId, variable: ClassId): boolean {
  if (expression < 0) return false;
  if (classConstant(egraph, expression) !== undefined) return true;
  const mentions = egraph.analysis.facts?.mentions;
  if (mentions === undefined || variable < 0) return false;
  const symbols = symbolsOf(egraph, variable);
  if (symbols.length === 0) return false;
  const facts = egraph.data(expression);
  for (const symbol of symbols) if (mentions(facts, symbol)) return false;
  return true;
}

const predicate = (
  name: string,
  arity: number,
  description: string,
  holds: ClassPredicate["holds"],
): ClassPredicate => ({ name, arity, description, holds });

/**
 * The built-in predicates of `src/rules/predicates.ts`, read over e-classes: `const?` (the
 * class equals a number or holds a named constant), `var?` (it contains a variable), `free-of` (it has a term without
 * the variable), `!=` (different classes), `nonzero?` / `positive?` / `nonnegative?` (from
 * the analysis' sign facts), `integer?` (its constant is an integer).
 */
export const builtinClassPredicates: ClassPredicateRegistry = new Map(
  [
    predicate(
      "const?",
      1,
      "the class equals a number or a named constant",
      (g, args) => classConstant(g, args[0]!) !== undefined || hasNamedConstant(g, args[0]!),
    ),
    predicate(
      "var?",
      1,
      "the class contains a variable",
      (g, args) => args[0]! >= 0 && g.hasSymbol(args[0]!),
    ),
    predicate("free-of", 2, "the first class has a term free of the second's variable", (g, args) =>
      classFreeOf(g, args[0]!, args[1]!),
    ),
    predicate("!=", 2, "the two classes are different", (g, args, terms) => {
      const a = args[0]!;
      const b = args[1]!;
      if (a < 0 && b < 0) return terms[0] !== terms[1];
      return a < 0 || b < 0 || g.find(a) !== g.find(b);
    }),
    predicate(
      "nonzero?",
      1,
      "the class is provably nonzero",
      (g, args) => (classSign(g, args[0]!) & SIGN_ZERO) === 0,
    ),
    predicate(
      "positive?",
      1,
      "the class is provably positive",
      (g, args) => classSign(g, args[0]!) === SIGN_POSITIVE,
    ),
    predicate(
      "nonnegative?",
      1,
      "the class is provably >= 0",
      (g, args) => (classSign(g, args[0]!) & SIGN_NEGATIVE) === 0,
    ),
    predicate(
      "integer?",
      1,
      "the class equals an integer",
      (g, args) => classConstant(g, args[0]!)?.isInteger() === true,
    ),
  ].map((p) => [p.name, p] as const),
);

/**
 * `base` plus `extra` (an extra predicate replaces a base one of the same name).
 *
 * @example
 * ```ts
 * const predicates = withClassPredicates(builtinClassPredicates, [
 *   { name: "sym", arity: 1, description: "contains a symbol", holds: (g, args) => g.hasSymbol(args[0]!) },
 * ]);
 * ```
 */
export function withClassPredicates(
  base: ClassPredicateRegistry,
  extra: readonly ClassPredicate[],
): ClassPredicateRegistry {
  const registry = new Map(base);
  for (const p of extra) registry.set(p.name, p);
  return registry;
}
