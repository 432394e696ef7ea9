import { UsageError } from "../errors.js";
import { declaredOperator } from "../syntax/syntax-table.js";
import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";

/**
 * The variables of `terms` (symbols, not pattern variables), each once, sorted by name: the
 * default variables of a gradient, Jacobian or Hessian. Iterative, so deep terms are fine.
 *
 * @example
 * ```ts
 * freeVariables(parseExpression("y^3 + x^2*y", { theory })); // ["x", "y"]
 * ```
 */
export function freeVariables(terms: Term | readonly Term[]): string[] {
  const names = new Set<string>();
  const roots: readonly Term[] = Array.isArray(terms) ? terms : [terms as Term];
  for (const root of roots) {
    for (const t of postorder(root)) if (t.kind === "sym" && !t.isPatternVar) names.add(t.name);
  }
  return [...names].sort();
}

/**
 * Checks that each of `names` can be a variable to differentiate `terms` by (or a parameter of a
 * compiled function): a name like `x_1`, not a named constant (`pi` is never a variable), and
 * not an operator's name unless the expressions use it as a variable (`d` in `d*x` is one;
 * `sin` in `x^2` is an operator, so asking for it is taken as a mistake). Throws a
 * {@link UsageError} that says which.
 *
 * @example
 * ```ts
 * checkVariableNames(["x", "d"], [parseExpression("d*x", { theory })], theory); // fine
 * checkVariableNames(["sin"], [parseExpression("x^2", { theory })], theory);
 * // UsageError: 'sin' is an operator, not a variable of the expression
 * ```
 */
export function checkVariableNames(names: readonly string[], terms: readonly Term[], theory: Theory): void {
  let used: Set<string> | undefined;
  for (const name of names) {
    if (!VARIABLE_NAME.test(name)) throw new UsageError(`'${name}' is not a variable name`);
    const spec = declaredOperator(theory, name);
    if (spec === undefined) continue;
    if (spec.arity === 0) {
      throw new UsageError(`'${name}' is a constant, not a variable`);
    }
    used ??= new Set(freeVariables(terms));
    if (!used.has(name)) throw new UsageError(`'${name}' is an operator, not a variable of the expression`);
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
