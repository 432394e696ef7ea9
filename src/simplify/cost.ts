import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";

/**
 * One node as a cost function sees it: an operator application, a variable or a number,
 * with its name (`+`, `x`, `-1/2`) and arity. The e-graph's `Head` has this shape, so a cost
 * function prices e-graph extraction and plain terms alike.
 */
export interface CostNode {
  readonly kind: "operator" | "symbol" | "number";
  readonly name: string;
  readonly arity: number;
}

/**
 * What the simplifier minimises. A cost function sees one node, the costs of its children
 * already computed, and returns the node's cost; the cost of a term is the cost of its root.
 * It must not fall below a child's cost nor fall when a child's cost falls (extraction relies
 * on it), and is called for variables and numbers too (with no children).
 *
 * @example
 * ```ts
 * // Penalise transcendental functions so that polynomial forms win.
 * const cost: CostFunction = (node, children) =>
 *   (["sin", "cos", "exp", "log"].includes(node.name) ? 5 : 1) + children.reduce((a, b) => a + b, 0);
 * simplify(term, { cost });
 * ```
 */
export type CostFunction = (node: CostNode, childCosts: readonly number[]) => number;

/** The default: tree size, 1 for every operator application, variable and number. */
export const treeSizeCost: CostFunction = (_node, childCosts) => {
  let cost = 1;
  for (const c of childCosts) cost += c;
  return cost;
};

/**
 * Tree size with a weight per operator (default weight 1; variables and numbers cost 1):
 * `operatorWeights({ d: 100 })` makes an unresolved derivative expensive.
 */
export function operatorWeights(weights: Readonly<Record<string, number>>): CostFunction {
  return (node, childCosts) => {
    let cost = node.kind === "operator" ? (weights[node.name] ?? 1) : 1;
    for (const c of childCosts) cost += c;
    return cost;
  };
}

/**
 * The cost of a whole term under `cost`, computed bottom-up over its DAG without recursion
 * (shared subterms are costed once and counted at each use).
 */
export function costOf(root: Term, cost: CostFunction): number {
  const costs = new Map<number, number>();
  const stack: Term[] = [root];
  while (stack.length > 0) {
    const t = stack[stack.length - 1]!;
    if (costs.has(t.id)) {
      stack.pop();
      continue;
    }
    if (t.kind !== "app") {
      const node: CostNode =
        t.kind === "sym"
          ? { kind: "symbol", name: t.name, arity: 0 }
          : { kind: "number", name: t.value.key, arity: 0 };
      costs.set(t.id, cost(node, []));
      stack.pop();
      continue;
    }
    const children: number[] = [];
    let ready = true;
    for (const arg of t.args) {
      const c = costs.get(arg.id);
      if (c === undefined) {
        ready = false;
        stack.push(arg);
      } else children.push(c);
    }
    if (!ready) continue;
    costs.set(t.id, cost({ kind: "operator", name: t.op, arity: t.args.length }, children));
    stack.pop();
  }
  return costs.get(root.id)!;
}

/**
 * How far `root` is from the form a textbook prints, counted over its distinct subterms: one
 * for each negative number exponent (`x^(-2)`, which a person writes `1/x^2`), each power of a
 * power or of an exponential (`(x^a)^b`, `exp(a)^b`), each fraction inside a fraction
 * (`1/(x*(1/x + 1))`) and each negation of a negation. 0 for a textbook form. The simplifier
 * breaks ties between candidates of equal cost with it.
 *
 * @example
 * ```ts
 * unreadability(parse("x^(-2)/y"));   // 1
 * unreadability(parse("1/(x^2*y)"));  // 0
 * ```
 */
export function unreadability(root: Term): number {
  // Distinct subterms that are, or contain, a quotient: to find fractions inside fractions.
  const hasQuotient = new Map<number, boolean>();
  let count = 0;
  for (const t of postorder(root)) {
    if (t.kind !== "app") {
      hasQuotient.set(t.id, false);
      continue;
    }
    let inner = false;
    for (const a of t.args) inner ||= hasQuotient.get(a.id) === true;
    const op = t.op;
    if (op === "/" && inner) count++;
    if (op === "neg" && t.args[0]!.kind === "app" && t.args[0]!.op === "neg") count++;
    if (op === "^" && t.args.length === 2) {
      const [base, exponent] = t.args as [Term, Term];
      if (exponent.kind === "num" && exponent.value.isNegative()) count++;
      if (base.kind === "app" && (base.op === "^" || base.op === "exp")) count++;
    }
    hasQuotient.set(t.id, inner || op === "/");
  }
  return count;
}
