import {
  ArityError,
  DivisionByZeroError,
  DomainError,
  UnboundVariableError,
  UnknownOperatorError,
  ZeroDivisorError,
} from "../errors.js";
import { foldOperation } from "../rewrite/fold-constants.js";
import { printTerm } from "../syntax/print.js";
import type { OperatorSpec } from "../term/operator.js";
import type { Rational } from "../term/rational.js";
import type { App, Term } from "../term/term.js";
import { foldTerm, postorder } from "../term/traverse.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";

/**
 * Numeric meaning of terms: floating point ({@link evaluate}) and exact rational
 * ({@link evaluateExact}). Both walk the DAG bottom-up without recursion and compute each
 * distinct subterm once.
 */

/** The declaration of `term`'s operator, checked for existence and arity. */
export function operatorFor(term: App, theory: Theory): OperatorSpec {
  const spec = theory.operators[term.op];
  if (spec === undefined) throw new UnknownOperatorError(term.op);
  if (spec.arity !== term.args.length) throw new ArityError(term.op, spec.arity, term.args.length);
  return spec;
}

/** Why `term`, an application of `d` or of an operator without a numeric meaning, has no value. */
export function cannotEvaluate(term: App): DomainError {
  if (term.op === "d") {
    return new DomainError(
      "cannot evaluate a derivative (d …) numerically: differentiate it first (it has no numeric value as it stands)",
    );
  }
  return new DomainError(`operator '${term.op}' has no numeric meaning, so it cannot be evaluated`);
}

/**
 * `error` again, or, when it is an exact division by zero met evaluating `term`, one that names
 * `term` as written (`1/x`) rather than its folded values (`(/ 1 0)`). A term too large to quote
 * keeps the folded form.
 */
export function namingDivision(error: unknown, term: Term | undefined, theory: Theory): unknown {
  if (!(error instanceof DivisionByZeroError) || error instanceof ZeroDivisorError || term === undefined)
    return error;
  let written: string;
  try {
    written = printTerm(term, { theory, maxNodes: MAX_QUOTED_NODES });
  } catch {
    return error;
  }
  return new DivisionByZeroError(written, `division by zero in ${written}: its divisor is 0 at this point`);
}

/** The largest subterm an error message quotes, in printed nodes. */
const MAX_QUOTED_NODES = 200;

/** The value `env` binds `name` to, or an {@link UnboundVariableError}. */
export function lookup<V>(env: Readonly<Record<string, V>>, name: string): V {
  // `Object.hasOwn`, so that variables named `constructor` or `toString` are not found on the prototype.
  if (!Object.hasOwn(env, name)) throw new UnboundVariableError(name);
  return env[name]!;
}

/**
 * The floating-point value of `term` with the variables bound by `env`.
 *
 * NaN outside an operator's domain (`log(-1)`, `1/0`); an {@link UnboundVariableError} for a
 * variable `env` does not bind; a `DomainError` for a derivative `d` or an operator without a
 * numeric meaning. Operators declared in rules files with `:eval` evaluate through their definition.
 *
 * @example
 * ```ts
 * evaluate(parseSExpr("(+ (* x x) y)", { theory }), { x: 3, y: 1 }, { theory }); // 10
 * ```
 */
export function evaluate(
  term: Term,
  env: Readonly<Record<string, number>>,
  options: TheoryOption = {},
): number {
  const theory = theoryOrDefault(options.theory);
  return foldTerm<number>(term, (t, args) => {
    if (t.kind === "num") return t.value.toNumber();
    if (t.kind === "sym") return lookup(env, t.name);
    const spec = operatorFor(t, theory);
    if (spec.evaluate === undefined) throw cannotEvaluate(t);
    return spec.evaluate(args);
  });
}

/**
 * The exact value of `term` with the variables bound to rationals by `env`, or `undefined`
 * as soon as one step is not rational (`sqrt(2)`, `exp(1)`) or its operator has no exact meaning.
 *
 * Throws a `DivisionByZeroError` naming the expression for an exact division by zero, an
 * {@link UnboundVariableError} for an unbound variable and a `DomainError` for `d`.
 *
 * @example
 * ```ts
 * evaluateExact(parseSExpr("(/ x 3)", { theory }), { x: Rational.ONE }, { theory }); // 1/3
 * ```
 */
export function evaluateExact(
  term: Term,
  env: Readonly<Record<string, Rational>>,
  options: TheoryOption = {},
): Rational | undefined {
  const theory = theoryOrDefault(options.theory);
  const values = new Map<number, Rational>();
  let current: Term | undefined;
  try {
    for (const t of postorder(term)) {
      current = t;
      let value: Rational | undefined;
      switch (t.kind) {
        case "num":
          value = t.value;
          break;
        case "sym":
          value = lookup(env, t.name);
          break;
        case "app": {
          const spec = operatorFor(t, theory);
          if (spec.evaluate === undefined && spec.exact === undefined) throw cannotEvaluate(t);
          value = foldOperation(
            spec,
            t.args.map((a) => values.get(a.id)!),
          );
          break;
        }
      }
      if (value === undefined) return undefined;
      values.set(t.id, value);
    }
  } catch (error) {
    throw namingDivision(error, current, theory);
  }
  return values.get(term.id);
}
