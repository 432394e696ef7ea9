import fc from "fast-check";
import { evaluate } from "../eval/evaluate.js";
import { Rational } from "../term/rational.js";
import { app, num, sym, type Term } from "../term/term.js";
import { symbolsOf } from "../term/traverse.js";
import { baseTheory, type Theory } from "../theory.js";

/**
 * fast-check generators for terms over a theory's operators and variables, and for points to
 * evaluate them at: `dsat/testing`, and the generators of dsat's own property tests.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(termArbitrary(), (t) => parseInfix(printInfix(t, baseTheory), { theory: baseTheory }) === t));
 * fc.assert(fc.property(termArbitrary({ operators: ["+", "*"], numbers: "integers" }), environmentArbitrary(["x", "y", "z"]), (t, env) => …));
 * ```
 */

/** Options for {@link termArbitrary}. */
export interface TermArbitraryOptions {
  /** Where operators and their arities come from (default: the base theory). */
  readonly theory?: Theory;
  /** Variable names leaves may use (default `x`, `y`, `z`). */
  readonly variables?: readonly string[];
  /**
   * Operator names applications may use (default: every operator of the theory except `d`).
   * When `d` is included, its first argument is always a variable, as differentiation needs.
   */
  readonly operators?: readonly string[];
  /** Maximum nesting depth of applications (default 4); a leaf alone has depth 0. */
  readonly maxDepth?: number;
  /**
   * Which number leaves appear: `"integers"` (-5 … 5) or `"rationals"` (the default: mostly
   * those integers, sometimes a non-integer rational p/q with |p| ≤ 9, 2 ≤ q ≤ 9).
   */
  readonly numbers?: "integers" | "rationals";
}

/** A small integer leaf, negatives included. */
export const smallIntegerArbitrary: fc.Arbitrary<Term> = fc.integer({ min: -5, max: 5 }).map((n) => num(n));

/** A small non-integer rational leaf such as `1/2` or `-7/3`. */
export const smallFractionArbitrary: fc.Arbitrary<Term> = fc
  .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 2, max: 9 }))
  .filter(([p, q]) => p % q !== 0)
  .map(([p, q]) => num(Rational.of(p, q)));

/**
 * Random terms over a theory's operators, each applied to the number of arguments its arity
 * says. Depth is bounded by `maxDepth`; shrinking moves towards leaves and smaller terms.
 */
export function termArbitrary(options: TermArbitraryOptions = {}): fc.Arbitrary<Term> {
  const theory = options.theory ?? baseTheory;
  const variables = options.variables ?? ["x", "y", "z"];
  const operators = options.operators ?? Object.keys(theory.operators).filter((name) => name !== "d");
  const maxDepth = options.maxDepth ?? 4;
  for (const name of operators) {
    if (theory.operators[name] === undefined)
      throw new RangeError(`termArbitrary: unknown operator '${name}'`);
  }
  const variable = fc.constantFrom(...variables).map((name) => sym(name));
  const number =
    options.numbers === "integers"
      ? smallIntegerArbitrary
      : fc.oneof(
          { weight: 4, arbitrary: smallIntegerArbitrary },
          { weight: 1, arbitrary: smallFractionArbitrary },
        );
  const leaf = variables.length > 0 ? fc.oneof(variable, number) : number;
  if (operators.length === 0) return leaf;
  const depthIdentifier = fc.createDepthIdentifier();
  return fc.letrec<{ term: Term }>((tie) => {
    const term = tie("term");
    const applications = operators.map((name) => {
      const arity = theory.operators[name]!.arity;
      const args = Array.from({ length: arity }, (_, i) => (name === "d" && i === 0 ? variable : term));
      return fc.tuple(...args).map((children) => app(name, children) as Term);
    });
    return {
      // The leaf comes first: once maxDepth is reached, fc.oneof only picks its first option.
      term: fc.oneof({ maxDepth, depthIdentifier, withCrossShrink: true }, leaf, ...applications),
    };
  }).term;
}

/**
 * Random points to evaluate at: every variable gets a finite double in [-3, 3] (a modest range,
 * so that `exp` and `^` stay finite and comparisons between equal expressions stay meaningful).
 */
export function environmentArbitrary(
  variables: readonly string[] = ["x", "y", "z"],
): fc.Arbitrary<Record<string, number>> {
  const value = fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true });
  return fc.record(Object.fromEntries(variables.map((name) => [name, value])));
}

/** Options for {@link definedPointArbitrary}. */
export interface PointOptions {
  /** Whose operators give `term` its meaning (default: the base theory). */
  readonly theory?: Theory;
  /** Variables that get a value (default: those `term` mentions). */
  readonly variables?: readonly string[];
  /** Each value is drawn from [-range, range] (default 3). */
  readonly range?: number;
}

/**
 * Points inside `term`'s domain: values for its variables at which it evaluates to a finite
 * number (so `log(x)` gets x > 0 and `1/(x - 1)` never x = 1). Points outside are skipped, so a
 * term defined almost nowhere in the range makes fast-check give up with an error that says so.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(definedPointArbitrary(parseExpression("log(x)", { theory })), (env) => env.x! > 0));
 * ```
 */
export function definedPointArbitrary(
  term: Term,
  options: PointOptions = {},
): fc.Arbitrary<Record<string, number>> {
  const theory = options.theory ?? baseTheory;
  const variables = options.variables ?? [...symbolsOf(term)].sort();
  const range = options.range ?? 3;
  const value = fc.double({ min: -range, max: range, noNaN: true, noDefaultInfinity: true });
  return fc
    .record(Object.fromEntries(variables.map((name) => [name, value])))
    .filter((env) => definedAt(term, env, theory));
}

/**
 * A random term over the theory's operators together with a point inside its domain: the pair
 * most soundness properties need. Terms defined almost nowhere are skipped.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(termWithPointArbitrary({ theory }), ([t, env]) => Number.isFinite(evaluate(t, env, theory))));
 * ```
 */
export function termWithPointArbitrary(
  options: TermArbitraryOptions & { readonly range?: number } = {},
): fc.Arbitrary<[Term, Record<string, number>]> {
  const theory = options.theory ?? baseTheory;
  const variables = options.variables ?? ["x", "y", "z"];
  const range = options.range ?? 3;
  const value = fc.double({ min: -range, max: range, noNaN: true, noDefaultInfinity: true });
  // Several candidate points per term, so a term with a narrow domain still usually finds one.
  const points = fc.array(fc.record(Object.fromEntries(variables.map((name) => [name, value]))), {
    minLength: 8,
    maxLength: 8,
  });
  return fc
    .tuple(termArbitrary(options), points)
    .map(([term, candidates]) => [term, candidates.find((env) => definedAt(term, env, theory))] as const)
    .filter((pair): pair is readonly [Term, Record<string, number>] => pair[1] !== undefined)
    .map(([term, env]) => [term, env] as [Term, Record<string, number>]);
}

/** Whether `term` evaluates to a finite number at `env` (an error, such as a missing variable, is no). */
function definedAt(term: Term, env: Readonly<Record<string, number>>, theory: Theory): boolean {
  try {
    return Number.isFinite(evaluate(term, env, { theory }));
  } catch {
    return false;
  }
}
