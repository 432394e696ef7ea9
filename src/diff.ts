import { defaultTheory } from "./default-theory.js";
import { ArityError, UnknownOperatorError, UnresolvedDerivativeError } from "./errors.js";
import { normalize } from "./rewrite/normalize.js";
import { app, type Sym, sym, type Term } from "./term/term.js";
import { findInPostorder } from "./term/traverse.js";
import { ruleSetOf, type Theory } from "./theory.js";

/**
 * Differentiation as rewriting: the derivative of `e` with respect to `x` is the normal form
 * of `(d x e)` under the theory's `diff` rule set, tidied by its `cleanup` set. No derivative
 * rule lives in code; a theory that declares an operator and its `d` rule is differentiated
 * like the built-in ones.
 */

export interface DiffOptions {
  /** The theory whose `diff` and `cleanup` rule sets are used; default {@link defaultTheory}. */
  readonly theory?: Theory;
  /** Return the derivative exactly as the `diff` rules produce it, without `cleanup`. */
  readonly raw?: boolean;
  /** Rewrite limit for each normalisation (see `normalize`). */
  readonly fuel?: number;
}

/**
 * The derivative of `term` with respect to `variable`.
 *
 * Throws an {@link UnresolvedDerivativeError} when some `d` is left that no rule resolves
 * ("no derivative rule for operator 'foo' in rule set 'diff'"), or when a `d` in the input
 * differentiates with respect to something that is not a variable; an
 * {@link UnknownOperatorError} or {@link ArityError} when `term` does not fit the theory.
 *
 * @example
 * ```ts
 * const theory = defaultTheory();
 * diff(parseSExpr("(* x x)", { theory }), "x", { theory, raw: true }); // (+ (* 1 x) (* x 1))
 * diff(parseSExpr("(* x x)", { theory }), "x", { theory });            // (+ x x)
 * ```
 */
export function diff(term: Term, variable: string | Sym, options: DiffOptions = {}): Term {
  const theory = options.theory ?? defaultTheory();
  const x = typeof variable === "string" ? sym(variable) : variable;
  if (x.isPatternVar || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(x.name)) {
    throw new UnresolvedDerivativeError(
      "d",
      `cannot differentiate with respect to '${x.name}': it is not a variable name`,
    );
  }
  checkInput(term, theory);
  const fuel = options.fuel === undefined ? {} : { fuel: options.fuel };
  const derivative = normalize(app("d", [x, term]), ruleSetOf(theory, "diff"), { theory, ...fuel }).term;
  requireResolved(derivative);
  if (options.raw) return derivative;
  return normalize(derivative, ruleSetOf(theory, "cleanup"), { theory, ...fuel }).term;
}

/**
 * Repeated differentiation: with respect to each of `variables` in turn (`["x", "x"]` is the
 * second derivative in x; `["x", "y"]` the mixed one). Each step is cleaned up unless `raw`.
 */
export function diffMany(term: Term, variables: readonly (string | Sym)[], options: DiffOptions = {}): Term {
  let result = term;
  for (const variable of variables) result = diff(result, variable, options);
  return result;
}

/** Every operator of `term` is declared with the right arity, and every `d` is with respect to a variable. */
function checkInput(term: Term, theory: Theory): void {
  const operators = theory.operators;
  // The first offending subterm in post-order, as one walk that lists nothing.
  const bad = findInPostorder(term, (t) => {
    if (t.kind !== "app") return false;
    const spec = operators[t.op];
    if (spec === undefined || spec.arity !== t.args.length) return true;
    return t.op === "d" && !isVariable(t.args[0]!);
  });
  if (bad === undefined || bad.kind !== "app") return;
  const spec = operators[bad.op];
  if (spec === undefined) throw new UnknownOperatorError(bad.op);
  if (spec.arity !== bad.args.length) throw new ArityError(bad.op, spec.arity, bad.args.length);
  throw new UnresolvedDerivativeError(
    "d",
    `cannot differentiate with respect to ${describe(bad.args[0]!)}: the first argument of d must be a variable`,
  );
}

function isVariable(t: Term): boolean {
  return t.kind === "sym" && !t.isPatternVar;
}

/** Throws for the innermost `d` the rules left behind, naming the operator under it. */
function requireResolved(derivative: Term): void {
  const left = findInPostorder(derivative, (t) => t.kind === "app" && t.op === "d");
  if (left === undefined || left.kind !== "app") return;
  const under = left.args[1]!;
  const operator = under.kind === "app" ? under.op : describe(under);
  throw new UnresolvedDerivativeError(
    operator,
    under.kind === "app"
      ? `no derivative rule for operator '${operator}' in rule set 'diff'`
      : `no derivative rule in rule set 'diff' applies to the derivative of ${operator}`,
  );
}

/** A short description of a term for messages: its name, number or operator. */
function describe(term: Term): string {
  switch (term.kind) {
    case "sym":
      return `'${term.name}'`;
    case "num":
      return term.value.key;
    case "app":
      return `an expression with operator '${term.op}'`;
  }
}
