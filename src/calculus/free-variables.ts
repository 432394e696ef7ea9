import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";

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
