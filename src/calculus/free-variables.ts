import { UsageError } from "../errors.js";
import { declaredOperator } from "../syntax/syntax-table.js";
import { variableArgument } from "../syntax/variable-argument.js";
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
 * The variables `words` name (see `variableArgument`), checked as variables to
 * differentiate `terms` by (or parameters of a compiled function): not a named constant (`pi`
 * is never a variable; `'pi'` is), and not an operator's name unless the expressions use it as
 * a variable (`d` in `d*x` is one; `sin` in `x^2` is an operator, so asking for it is taken as a
 * mistake). Throws a {@link UsageError} that says which.
 *
 * @example
 * ```ts
 * checkVariableNames(["x", "d"], [parseExpression("d*x", { theory })], theory); // ["x", "d"]
 * checkVariableNames(["'pi'"], [parseExpression("'pi'*x", { theory })], theory); // ["pi"]
 * checkVariableNames(["sin"], [parseExpression("x^2", { theory })], theory);
 * // UsageError: 'sin' is an operator, not a variable of the expression
 * ```
 */
export function checkVariableNames(
  words: readonly string[],
  terms: readonly Term[],
  theory: Theory,
): string[] {
  let used: Set<string> | undefined;
  return words.map((word) => {
    const { name, quoted } = variableArgument(word);
    const spec = quoted ? undefined : declaredOperator(theory, name);
    if (spec === undefined) return name;
    if (spec.arity === 0) {
      throw new UsageError(
        `'${name}' is a constant, not a variable (a variable named so is written '${name}')`,
      );
    }
    used ??= new Set(freeVariables(terms));
    if (!used.has(name)) throw new UsageError(`'${name}' is an operator, not a variable of the expression`);
    return name;
  });
}
