import { requireDefinedSomewhere } from "../simplify/defined-nowhere.js";
import type { Term } from "../term/term.js";
import { type CalculusOptions, Differentiator } from "./differentiator.js";
import { freeVariables } from "./free-variables.js";

/**
 * Gradient, Jacobian and Hessian. Each entry is a simplified derivative; entries are computed
 * through one {@link Differentiator}, so a derivative several entries need (a gradient entry
 * reused by every row of the Hessian, a function repeated in a Jacobian) is computed once.
 * Without `variables`, the variables are those of the input, sorted by name.
 *
 * Pass a `Differentiator` instead of options to share its memory across calls.
 */

type Source = CalculusOptions | Differentiator;

function differentiatorFor(source: Source | undefined): Differentiator {
  return source instanceof Differentiator ? source : new Differentiator(source);
}

/**
 * `[∂f/∂v1, …, ∂f/∂vn]`.
 *
 * @example
 * ```ts
 * const f = parseExpression("x^2*y + y^3", { theory });
 * printVector(gradient(f)); // "[2*x*y, x^2 + 3*y^2]"
 * ```
 */
export function gradient(term: Term, variables?: readonly string[], options?: Source): Term[] {
  const d = differentiatorFor(options);
  const vars = variables ?? freeVariables(term);
  // With no derivative to take, an input defined nowhere (log(0), 1/0) is refused here.
  if (vars.length === 0) requireDefinedSomewhere(term, d.theory);
  return vars.map((v) => d.derivative(term, v));
}

/**
 * The Jacobian of a vector of functions: row i is the gradient of `terms[i]`, column j the
 * derivatives with respect to `variables[j]` (default: the variables of all the functions).
 *
 * @example
 * ```ts
 * const fs = parseExpressionList("[x*y, x + y]", { theory });
 * printMatrix(jacobian(fs)); // "[[y, x], [1, 1]]"
 * ```
 */
export function jacobian(terms: readonly Term[], variables?: readonly string[], options?: Source): Term[][] {
  const d = differentiatorFor(options);
  const vars = variables ?? freeVariables(terms);
  if (vars.length === 0) for (const f of terms) requireDefinedSomewhere(f, d.theory);
  return terms.map((f) => vars.map((v) => d.derivative(f, v)));
}

/**
 * The Hessian: entry (i, j) is `∂²f/∂vj∂vi`, the derivative by `variables[j]` of the gradient
 * entry for `variables[i]`. Every entry is computed (not mirrored), so the matrix shows what
 * the rules derive; for smooth functions it is symmetric.
 *
 * @example
 * ```ts
 * const f = parseExpression("x^2*y + y^3", { theory });
 * printMatrix(hessian(f)); // "[[2*y, 2*x], [2*x, 6*y]]"
 * ```
 */
export function hessian(term: Term, variables?: readonly string[], options?: Source): Term[][] {
  const d = differentiatorFor(options);
  const vars = variables ?? freeVariables(term);
  if (vars.length === 0) requireDefinedSomewhere(term, d.theory);
  const first = vars.map((v) => d.derivative(term, v));
  return first.map((g) => vars.map((v) => d.derivative(g, v)));
}
