import { defaultTheory } from "../default-theory.js";
import { codeGenerationAllowed } from "../platform/code-generation.js";
import { jsFunction } from "../rules/js-functions.js";
import { type SimplifyOptions, simplify } from "../simplify/simplify.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { closureFunction } from "./closure-evaluator.js";
import { type CompiledSource, compileSource } from "./js-source.js";

/**
 * Compilation of a term to a plain JavaScript function, for evaluating it at many points.
 *
 * The term is simplified first (unless told not to), then its DAG is written as straight-line
 * JavaScript (`compileSource`: shared subexpressions computed once, as locals) and turned into
 * a function once, with `new Function`. Where code generation is forbidden (a page's
 * Content-Security-Policy without `'unsafe-eval'`) the function is a closure evaluator instead
 * (`closure-evaluator.ts`). Either returns exactly what `evaluate` returns for the term it was
 * built from (NaN outside the domain); with simplification that is the simplified term, which
 * equals the input wherever the input is defined.
 */

export interface CompileOptions {
  /** Operators (and rule sets, for simplifying); default `defaultTheory()`. */
  readonly theory?: Theory;
  /** Simplify before compiling (default true), or the simplifier's options. */
  readonly simplify?: boolean | Omit<SimplifyOptions, "theory">;
}

/** A compiled term: call it with the values of the variables, in order. */
export type CompiledFunction = ((...args: number[]) => number) & {
  /** The JavaScript the function was made from (see `compileSource`). */
  readonly source: string;
  /** The term it computes (the simplified one, unless simplification was off). */
  readonly term: Term;
  /** The variables, in argument order. */
  readonly variables: readonly string[];
};

/**
 * `term` as a function of `variables` (in that order).
 *
 * Throws a `UsageError` when `term` has a variable not in `variables` (or a name twice), and a
 * `DomainError` when it uses an operator with no numeric meaning (such as an unresolved `d`).
 *
 * @example
 * ```ts
 * const f = compile(parseExpression("x^2*y + y^3", { theory }), ["x", "y"]);
 * f(2, 3); // 39
 * console.log(f.source);
 * ```
 */
export function compile(
  term: Term,
  variables: readonly string[],
  options: CompileOptions = {},
): CompiledFunction {
  const theory = options.theory ?? defaultTheory();
  const simplifying = options.simplify ?? true;
  const target =
    simplifying === false
      ? term
      : simplify(term, { ...(simplifying === true ? {} : simplifying), theory }).term;
  const source = compileSource(target, variables, { theory });
  const fn = codeGenerationAllowed()
    ? instantiate(source, theory)
    : closureFunction(target, variables, theory);
  return Object.assign(fn, { source: source.text, term: target, variables: [...variables] });
}

/** Runs the factory the source is the body of. */
function instantiate(source: CompiledSource, theory: Theory): (...args: number[]) => number {
  const lookUpJs = (name: string) => jsFunction(name)!.evaluate;
  const lookUpOperator = (name: string) => {
    const evaluate = theory.operators[name]!.evaluate!;
    return (...args: number[]) => evaluate(args);
  };
  const factory = new Function("$js", "$operator", source.text) as (
    js: typeof lookUpJs,
    operator: typeof lookUpOperator,
  ) => (...args: number[]) => number;
  return factory(lookUpJs, lookUpOperator);
}
