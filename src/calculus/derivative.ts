import { diff } from "../diff.js";
import { DivisionByZeroError } from "../errors.js";
import { normalize } from "../rewrite/normalize.js";
import { domainFacts } from "../rules/domain-facts.js";
import { canonicalForms } from "../simplify/canonical-form.js";
import { requireDefinedConstants, requireDefinedSomewhere } from "../simplify/defined-nowhere.js";
import { type SimplifyOptions, type SimplifyReport, simplify } from "../simplify/simplify.js";
import { app, type Sym, sym, type Term } from "../term/term.js";
import { findInPostorder, postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";

/** Options for {@link derivative}. */
export interface DerivativeOptions {
  readonly theory: Theory;
  /** The derivative exactly as the `diff` rules produce it: no cleanup, no simplification. */
  readonly raw?: boolean;
  /**
   * Options for the simplifier (its `theory` is the one above), or `false` for the cleanup
   * rules only. Default: simplify with the simplifier's defaults.
   */
  readonly simplify?: Omit<SimplifyOptions, "theory"> | false;
  /** Rewrite limit of each rule set run (see `normalize`). */
  readonly fuel?: number;
  /**
   * Terms besides `term` whose domain the result may assume (the first function of a repeated
   * derivative, whose domain its derivatives inherit).
   */
  readonly assumeDefined?: readonly Term[];
}

/** A derivative, and the simplifier's report when it was simplified. */
export interface Derivative {
  readonly term: Term;
  readonly report: SimplifyReport | undefined;
}

/**
 * The derivative of `term` with respect to `variable`, simplified on the domain of `term` (and
 * of `assumeDefined`) unless `raw` or `simplify: false`: the one way `dsat diff`, batch lines
 * and {@link Differentiator} differentiate.
 *
 * Degenerate inputs (issue 11):
 * - `term` defined nowhere, such as `3/(2*x - (x + x))`, is a `ZeroDivisorError` naming the
 *   divisor that is 0 (exit 7), never a result;
 * - `term` written with the variable but constant where that breaks the chain rule, such as
 *   `sqrt(x - x)` (whose chain-rule derivative divides by `sqrt(0)`), is differentiated after
 *   its constant parts are folded: its derivative is `0`. This is tried only when the
 *   derivative divides by zero, so ordinary inputs cost nothing more.
 * A raw derivative is the rules' output verbatim; only an input defined nowhere is refused.
 * (The simplifier finds such an input in the derivative; without it, one pass of the canonical
 * forms over `term` looks for it.)
 *
 * @example
 * ```ts
 * derivative(parseExpression("sqrt(x - x)", { theory }), "x", { theory }).term; // 0
 * derivative(parseExpression("3/(2*x - (x + x))", { theory }), "x", { theory }); // throws ZeroDivisorError
 * ```
 */
export function derivative(term: Term, variable: string | Sym, options: DerivativeOptions): Derivative {
  const x = typeof variable === "string" ? sym(variable) : variable;
  // Without the simplifier, an input defined nowhere is refused here (the full check). With it,
  // the simplifier finds a zero divisor itself, but a constant outside its operator's domain
  // (asin(2)) often differentiates away first: that walk alone runs here.
  if (options.raw || options.simplify === false) requireDefinedSomewhere(term, options.theory);
  else requireDefinedConstants(term, options.theory);
  if (options.raw) return attempt(term, x, options, []);
  try {
    return attempt(term, x, options, []);
  } catch (error) {
    if (!(error instanceof DivisionByZeroError)) throw error;
    // Defined nowhere itself: the error names the input's zero divisor.
    requireDefinedSomewhere(term, options.theory);
    const folded = constantPartsFolded(term, x, options.theory);
    if (folded === term) throw error;
    // The derivative of the folded function equals the input's wherever the input is defined.
    return attempt(folded, x, options, [term]);
  }
}

/** Differentiates and (unless told otherwise) simplifies, assuming `term`, `also` and `assumeDefined` are defined. */
function attempt(term: Term, x: Sym, options: DerivativeOptions, also: readonly Term[]): Derivative {
  const { theory } = options;
  const simplifying = !options.raw && options.simplify !== false;
  const fuel = options.fuel === undefined ? {} : { fuel: options.fuel };
  // Simplifying starts with the cleanup rules itself, so the derivative goes to it raw.
  const result = diff(term, x, { theory, raw: options.raw || simplifying, ...fuel });
  if (!simplifying) return { term: result, report: undefined };
  const simplifyOptions = options.simplify || {};
  // Object.assign, not `{ ...simplifyOptions, theory, … }`: in Node 20 a spread followed by
  // more properties takes the slow path, about 2 us, once per derivative.
  const simplified = simplify(
    result,
    Object.assign({}, simplifyOptions, {
      theory,
      assumeDefined: [
        term,
        ...also,
        ...(options.assumeDefined ?? []),
        ...(simplifyOptions.assumeDefined ?? []),
      ],
    }),
  );
  return { term: simplified.term, report: simplified.report };
}

/**
 * Subterms a fold looks at, at most: past it the rest of the term is left as written (the fold
 * is a second attempt; the derivative's own error stands if it does not help).
 */
export const FOLD_CHECK_LIMIT = 10_000;

/**
 * `term` with each largest subterm that has `x` in it but whose value does not depend on `x`
 * (wherever it is defined) replaced by that value: `sqrt(x - x)` → `sqrt(0)`,
 * `y*(x/x - 1) + x` → `y*0 + x`. "Does not depend" is read from the cleanup rules and the
 * canonical forms on the subterm's own domain. Iterative; looks at {@link FOLD_CHECK_LIMIT}
 * subterms at most.
 */
export function constantPartsFolded(term: Term, x: Sym, theory: Theory): Term {
  const withX = new Set<number>();
  for (const t of postorder(term)) {
    if (t === x || (t.kind === "app" && t.args.some((a) => withX.has(a.id)))) withX.add(t.id);
  }
  const done = new Map<number, Term>();
  const stack: Term[] = [term];
  const expanded: boolean[] = [false];
  let checks = 0;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const t = stack[top]!;
    if (done.has(t.id)) {
      stack.pop();
      expanded.pop();
      continue;
    }
    if (t.kind !== "app" || !withX.has(t.id)) {
      done.set(t.id, t);
      stack.pop();
      expanded.pop();
      continue;
    }
    if (!expanded[top]) {
      const value = checks++ < FOLD_CHECK_LIMIT ? valueFreeOf(t, x, theory) : undefined;
      if (value !== undefined) {
        done.set(t.id, value);
        stack.pop();
        expanded.pop();
        continue;
      }
      expanded[top] = true;
      for (const arg of t.args) {
        stack.push(arg);
        expanded.push(false);
      }
      continue;
    }
    stack.pop();
    expanded.pop();
    const args = t.args.map((a) => done.get(a.id)!);
    done.set(t.id, args.every((a, i) => a === t.args[i]) ? t : app(t.op, args));
  }
  return done.get(term.id)!;
}

/** The value of `t` when its cleanup or canonical forms have no `x`; else `undefined`. */
function valueFreeOf(t: Term, x: Sym, theory: Theory): Term | undefined {
  try {
    const cleanup = theory.ruleSets.cleanup;
    const cleaned = cleanup === undefined ? t : normalize(t, cleanup, { theory }).term;
    if (!mentions(cleaned, x)) return cleaned;
    const forms = canonicalForms(cleaned, theory, undefined, undefined, domainFacts([t], { theory }));
    for (const form of [forms.expanded, forms.collected]) if (!mentions(form, x)) return form;
    return undefined;
  } catch (error) {
    // Undefined for another reason (a zero divisor inside): left as it is.
    if (error instanceof DivisionByZeroError) return undefined;
    throw error;
  }
}

function mentions(t: Term, x: Sym): boolean {
  return findInPostorder(t, (s) => s === x) !== undefined;
}
