import { defaultTheory } from "../default-theory.js";
import type { SimplifyOptions } from "../simplify/simplify.js";
import { type Sym, sym, type Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { derivative } from "./derivative.js";

/** Options shared by the calculus functions (gradient, Jacobian, Hessian). */
export interface CalculusOptions {
  /** Operators and rule sets; default `defaultTheory()`. */
  readonly theory?: Theory;
  /**
   * Simplify each derivative before it is used or returned, as `dsat diff` does (default true).
   * `false` keeps the derivative after the cleanup rules only; an object passes options to the
   * simplifier (its `theory` is always the one above).
   */
  readonly simplify?: boolean | Omit<SimplifyOptions, "theory">;
  /** Rewrite limit of each differentiation (see `normalize`). */
  readonly fuel?: number;
}

/**
 * Derivatives with memory: each (term, variable) pair is differentiated and simplified once,
 * however many entries of a gradient, Jacobian or Hessian ask for it (by {@link derivative},
 * so degenerate inputs are handled as by `dsat diff`). Terms are hash-consed, so the memo is
 * keyed by term id and equal subexpressions of different entries are the same object.
 *
 * @example
 * ```ts
 * const d = new Differentiator({ theory });
 * d.derivative(parseExpression("x^2*y", { theory }), "x"); // 2*x*y
 * d.partial(parseExpression("x^2*y", { theory }), ["x", "y"]); // 2*x
 * ```
 */
export class Differentiator {
  readonly theory: Theory;
  private readonly simplifyOptions: Omit<SimplifyOptions, "theory"> | undefined;
  private readonly fuel: number | undefined;
  /** `${term.id} ${variable}` → derivative. */
  private readonly derivatives = new Map<string, Term>();

  constructor(options: CalculusOptions = {}) {
    this.theory = options.theory ?? defaultTheory();
    const simplifying = options.simplify ?? true;
    this.simplifyOptions = simplifying === false ? undefined : simplifying === true ? {} : simplifying;
    this.fuel = options.fuel;
  }

  /** How many distinct derivatives have been computed (not served from memory). */
  get computed(): number {
    return this.derivatives.size;
  }

  /**
   * The derivative of `term` with respect to `variable`, simplified unless told otherwise, on
   * the domain of `term`: equal to the derivative wherever `term` is defined.
   */
  derivative(term: Term, variable: string | Sym): Term {
    const name = typeof variable === "string" ? variable : variable.name;
    const key = `${term.id} ${name}`;
    const known = this.derivatives.get(key);
    if (known !== undefined) return known;
    const fuel = this.fuel === undefined ? {} : { fuel: this.fuel };
    const simplifyOptions = this.simplifyOptions;
    const result = derivative(term, sym(name), {
      theory: this.theory,
      ...fuel,
      // On the function's domain: its facts hold (y/(x*y) is 1/x where log(x*y) is defined).
      simplify: simplifyOptions === undefined ? false : simplifyOptions,
    }).term;
    this.derivatives.set(key, result);
    return result;
  }

  /** Differentiates with respect to each of `variables` in turn: `["x", "y"]` is ∂²/∂y∂x. */
  partial(term: Term, variables: readonly (string | Sym)[]): Term {
    let result = term;
    for (const v of variables) result = this.derivative(result, v);
    return result;
  }
}
