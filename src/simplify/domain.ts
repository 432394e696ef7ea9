import { foldOperation } from "../rewrite/fold-constants.js";
import type { Rational } from "../term/rational.js";
import type { App, Term } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";
import { findInPostorder, postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";

/**
 * Where a term is defined, as far as the simplifier needs to know: constant subterms that are
 * undefined (which must not be simplified away), and divisors a term still shows (so that a
 * cancelled divisor is kept only when nothing else says it is nonzero).
 */

/**
 * The first constant subterm of `term` (one without variables) that is undefined, such as
 * `sign(0)` or `log(0)`, judged by its floating-point value (NaN); `undefined` when there is
 * none. A constant anywhere in `term` that folds exactly to a division by zero (`1/0`, `0^-1`,
 * `1/(1 - 1)`) throws the `DivisionByZeroError` of exact evaluation instead, as `dsat eval`
 * does, even when another constant is undefined too.
 *
 * Conservative the safe way: a constant whose floating-point value is NaN only by rounding
 * (`exp(1000) - exp(1000)`) is reported too, so the simplifier leaves it alone.
 *
 * @example
 * ```ts
 * findUndefinedConstant(parseExpression("x + sign(0)", { theory }), theory); // sign(0)
 * findUndefinedConstant(parseExpression("x + 1/0", { theory }), theory); // throws DivisionByZeroError
 * ```
 */
export function findUndefinedConstant(term: Term, theory: Theory): Term | undefined {
  // Most inputs are small trees: walking them as written needs no memo table. Walking a DAG
  // as a tree can take exponential time, so past a budget the walk starts over with one.
  const found = firstUndefinedInTree(term, theory);
  return found === TOO_LARGE ? firstUndefinedInDag(term, theory) : found;
}

/**
 * The first constant subterm of `term` that is certainly undefined: an operator applied to
 * exact numbers where its value is not a number (`log(0)`, `sqrt(-1)`, `asin(2)`, `sign(0)`);
 * `undefined` when there is none. Unlike {@link findUndefinedConstant} it never blames rounding:
 * a constant with an argument that is not exact (`log(exp(1000) - exp(1000) + 1)`), or that
 * floating point cannot hold (`sign(10^-400)`), is not reported. A division by zero among the
 * exact constants throws the `DivisionByZeroError` of exact evaluation.
 *
 * @example
 * ```ts
 * exactlyUndefinedConstant(parseExpression("x*asin(2)", { theory }), theory); // asin(2)
 * exactlyUndefinedConstant(parseExpression("x*asin(1/2)", { theory }), theory); // undefined
 * ```
 */
export function exactlyUndefinedConstant(term: Term, theory: Theory): App | undefined {
  const exact = new TermIdMap<Rational>();
  const found = findInPostorder(term, (t) => {
    if (t.kind === "num") exact.set(t.id, t.value);
    if (t.kind !== "app") return false;
    const spec = theory.operators[t.op];
    const args: Rational[] = [];
    for (const a of t.args) {
      const value = exact.get(a.id);
      if (value === undefined) return false;
      args.push(value);
    }
    if (spec === undefined) return false;
    const folded = foldOperation(spec, args);
    if (folded !== undefined) {
      exact.set(t.id, folded);
      return false;
    }
    if (spec.evaluate === undefined || !args.every((a) => a.fitsDouble())) return false;
    const numbers = args.map((a) => a.toNumber());
    const value = spec.evaluate(numbers);
    // From exact, finite arguments: NaN is outside the domain; an infinity is a pole only at an
    // argument that is exactly 0 (log(0)), otherwise an overflow (exp(1000) is defined).
    return Number.isNaN(value) || (!Number.isFinite(value) && numbers.includes(0));
  });
  return found as App | undefined;
}

/** A constant's value: exact, floating point (NaN when undefined), or null when not constant. */
type ConstantValue = Rational | number | null;

/** Nodes {@link firstUndefinedInTree} visits before leaving the term to the memoised walk. */
const TREE_BUDGET = 512;
const TOO_LARGE = Symbol("too large");

/**
 * {@link findUndefinedConstant} by a post-order walk of the term as a tree (a shared subterm
 * once per occurrence, which finds the same first constant and throws the same error), with
 * the values of finished subterms on a stack; {@link TOO_LARGE} past {@link TREE_BUDGET} nodes.
 */
function firstUndefinedInTree(term: Term, theory: Theory): Term | undefined | typeof TOO_LARGE {
  let firstUndefined: Term | undefined;
  const stack: Term[] = [term];
  const expanded: boolean[] = [false];
  const values: ConstantValue[] = [];
  for (let visits = 0; stack.length > 0; ) {
    const top = stack.length - 1;
    const t = stack[top]!;
    if (t.kind !== "app") {
      stack.pop();
      expanded.pop();
      values.push(t.kind === "num" ? t.value : null);
      continue;
    }
    if (!expanded[top]) {
      if (++visits > TREE_BUDGET) return TOO_LARGE;
      expanded[top] = true;
      for (let i = t.args.length - 1; i >= 0; i--) {
        stack.push(t.args[i]!);
        expanded.push(false);
      }
      continue;
    }
    stack.pop();
    expanded.pop();
    const value = constantValue(t, values, values.length - t.args.length, theory);
    for (let i = 0; i < t.args.length; i++) values.pop();
    // Keep walking past an undefined constant: a division by zero elsewhere is still an error.
    if (typeof value === "number" && Number.isNaN(value)) {
      firstUndefined ??= t;
      values.push(null);
    } else values.push(value);
  }
  return firstUndefined;
}

/**
 * {@link findUndefinedConstant} by a post-order walk over distinct subterms, children left to
 * right, with the values of applications memoised by id (leaves need no entry).
 */
function firstUndefinedInDag(term: Term, theory: Theory): Term | undefined {
  const values = new TermIdMap<ConstantValue>(16);
  let firstUndefined: Term | undefined;
  const stack: Term[] = [term];
  const expanded: boolean[] = [false];
  const args: ConstantValue[] = [];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const t = stack[top]!;
    if (t.kind !== "app" || values.has(t.id)) {
      stack.pop();
      expanded.pop();
      continue;
    }
    if (!expanded[top]) {
      expanded[top] = true;
      for (let i = t.args.length - 1; i >= 0; i--) {
        const child = t.args[i]!;
        if (child.kind === "app" && !values.has(child.id)) {
          stack.push(child);
          expanded.push(false);
        }
      }
      continue;
    }
    stack.pop();
    expanded.pop();
    args.length = 0;
    for (const arg of t.args)
      args.push(arg.kind === "app" ? values.get(arg.id)! : arg.kind === "num" ? arg.value : null);
    const value = constantValue(t, args, 0, theory);
    if (typeof value === "number" && Number.isNaN(value)) {
      firstUndefined ??= t;
      values.set(t.id, null);
    } else values.set(t.id, value);
  }
  return firstUndefined;
}

/**
 * The value of the application `t` from its arguments' values (`values[from]` onwards): exact
 * when they all are and the operator folds exactly, else floating point (NaN when undefined);
 * null when an argument is not constant or the operator cannot be evaluated. Throws the
 * `DivisionByZeroError` of an exact fold.
 */
function constantValue(
  t: App,
  values: readonly ConstantValue[],
  from: number,
  theory: Theory,
): ConstantValue {
  let allExact = true;
  for (let i = from; i < values.length; i++) {
    const v = values[i] as ConstantValue;
    if (v === null) return null;
    if (typeof v === "number") allExact = false;
  }
  const spec = theory.operators[t.op];
  if (spec === undefined) return null;
  const args = values.slice(from) as (Rational | number)[];
  if (allExact) {
    const exact = foldOperation(spec, args as Rational[]);
    if (exact !== undefined) return exact;
  }
  if (spec.evaluate === undefined) return null;
  return spec.evaluate(args.map((v) => (typeof v === "number" ? v : v.toNumber())));
}

/**
 * Whether `term` is undefined wherever `base` is 0, by its shape: some subterm divides by a
 * product with `base` as a factor (`a/(base*y)`, `(base^2)^-1`) or takes the logarithm of one.
 * Conservative: `false` when in doubt.
 *
 * @example
 * ```ts
 * requiresNonzero(parseExpression("log(x) + 1", { theory }), sym("x")); // true
 * requiresNonzero(parseExpression("x + 1", { theory }), sym("x")); // false
 * ```
 */
export function requiresNonzero(term: Term, base: Term): boolean {
  for (const t of postorder(term)) {
    if (t.kind !== "app") continue;
    const [a, b] = t.args;
    if (t.args.length === 2 && t.op === "/" && hasFactor(b!, base)) return true;
    if (
      t.args.length === 2 &&
      t.op === "^" &&
      b!.kind === "num" &&
      b!.value.isNegative() &&
      hasFactor(a!, base)
    )
      return true;
    if (t.args.length === 1 && t.op === "log" && hasFactor(a!, base)) return true;
  }
  return false;
}

/** Whether `base` is a factor of `t`: `t` nonzero means `base` nonzero. */
function hasFactor(t: Term, base: Term): boolean {
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u === base) return true;
    if (u.kind !== "app") continue;
    const [a, b] = u.args;
    if ((u.op === "*" && u.args.length === 2) || (u.op === "/" && u.args.length === 2)) {
      stack.push(a!);
      if (u.op === "*") stack.push(b!);
    } else if (u.op === "^" && u.args.length === 2 && b!.kind === "num" && b!.value.isPositive()) {
      stack.push(a!);
    } else if ((u.op === "neg" || u.op === "sqrt") && u.args.length === 1) {
      stack.push(a!);
    }
  }
  return false;
}
