import { DivisionByZeroError } from "../errors.js";
import type { OperatorSpec } from "../term/operator.js";
import type { Rational } from "../term/rational.js";
import { type Num, num, type Term } from "../term/term.js";
import type { Theory } from "../theory.js";

/**
 * Constant folding: the exact value of an operator applied to exact numbers, when that value
 * is rational. Shared by the rewriting engine (rule sets declared with `(fold-constants)`),
 * exact evaluation and the e-graph's constant analysis, so all three agree on what folds.
 */

/**
 * `spec` applied to `values` exactly: the rational result, or `undefined` when the operator
 * has no exact meaning or the result is not rational (`sqrt 2`, `log 3`).
 * A zero divisor raises a {@link DivisionByZeroError} naming the expression, e.g. `(/ 1 0)`.
 *
 * @example
 * ```ts
 * foldOperation(baseTheory.operators["+"]!, [Rational.ONE, Rational.TWO]); // 3
 * ```
 */
export function foldOperation(spec: OperatorSpec, values: readonly Rational[]): Rational | undefined {
  if (spec.exact === undefined || values.length !== spec.arity) return undefined;
  try {
    return spec.exact(values);
  } catch (error) {
    if (error instanceof DivisionByZeroError) {
      throw new DivisionByZeroError(`(${[spec.name, ...values.map((v) => v.key)].join(" ")})`);
    }
    throw error;
  }
}

/**
 * {@link foldOperation} for the simplifier and the rewriting engine, which build terms that
 * are evaluated in floating point: also `undefined` when the exact result does not fit a
 * double (`(^ 2 1100)` stays as it is rather than become a 332-digit literal that evaluates
 * to Infinity). Exact evaluation uses {@link foldOperation}, which has no such bound.
 */
export function foldWithinDouble(spec: OperatorSpec, values: readonly Rational[]): Rational | undefined {
  const value = foldOperation(spec, values);
  return value === undefined || value.fitsDouble() ? value : undefined;
}

/**
 * The number an application of numbers folds to: `(+ 1 2)` → `3`, `(sqrt 4)` → `2`.
 * `undefined` when `term` is not an application whose arguments are all numbers, when its
 * operator is unknown or has no exact meaning, or when the value is not rational or does not
 * fit a double (see {@link foldWithinDouble}).
 */
export function foldConstantApplication(term: Term, theory: Theory): Num | undefined {
  if (term.kind !== "app") return undefined;
  // Most applications have a non-number argument: find out before allocating anything.
  const args = term.args;
  for (let i = 0; i < args.length; i++) if (args[i]!.kind !== "num") return undefined;
  const spec = theory.operators[term.op];
  if (spec === undefined) return undefined;
  const values: Rational[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) values[i] = (args[i] as Num).value;
  const value = foldWithinDouble(spec, values);
  return value === undefined ? undefined : num(value);
}
