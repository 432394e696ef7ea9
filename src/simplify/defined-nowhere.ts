import { DivisionByZeroError, DomainError, UndefinedConstantError, ZeroDivisorError } from "../errors.js";
import { normalize } from "../rewrite/normalize.js";
import { domainFacts } from "../rules/domain-facts.js";
import { printTerm } from "../syntax/print.js";
import { type Term, ZERO } from "../term/term.js";
import { findInPostorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";
import { canonicalForms } from "./canonical-form.js";
import { exactlyUndefinedConstant } from "./domain.js";

/**
 * Expressions defined nowhere: a divisor that is 0 wherever it is itself defined, such as
 * `2*x - (x + x)` in `3/(2*x - (x + x))`, or an operator applied to numbers outside its domain,
 * such as `asin(2)` in `x^2*asin(2)`. `diff`, `grad`, `simplify` and `eval` refuse them with a
 * {@link ZeroDivisorError} naming that divisor (issue 11), or an {@link UndefinedConstantError}
 * naming that constant, instead of printing a result.
 *
 * "Is 0" is decided by the canonical forms (like terms collected, `sin^2 + cos^2` to 1), which
 * keep the value wherever the divisor is defined; so a divisor they reduce to 0 makes the
 * quotient undefined at every point.
 */

/** The divisor of an application: the right operand of `/`, the base of `^` to a negative number. */
function divisorOf(t: Term): Term | undefined {
  if (t.kind !== "app" || t.args.length !== 2) return undefined;
  const [left, right] = t.args as [Term, Term];
  if (t.op === "/") return right;
  if (t.op === "^" && right.kind === "num" && right.value.isNegative()) return left;
  return undefined;
}

/**
 * Whether `term` divides by the number 0 somewhere (`sin(x)/0`): a simplified term that does
 * came from an input defined nowhere, whose zero divisor the rules brought to light.
 */
export function dividesByLiteralZero(term: Term): boolean {
  return findInPostorder(term, (t) => divisorOf(t) === ZERO) !== undefined;
}

/** Whether the canonical forms reduce `divisor` to 0. */
function cancelsToZero(divisor: Term, theory: Theory): boolean {
  try {
    // After the cleanup rules (log(exp(x)) - x is 0), on the divisor's own domain (x/x - 1 is
    // 0: x/x is 1 wherever it is defined).
    const cleanup = theory.ruleSets.cleanup;
    const cleaned = cleanup === undefined ? divisor : normalize(divisor, cleanup, { theory }).term;
    if (cleaned === ZERO) return true;
    const facts = domainFacts([divisor], { theory });
    const forms = canonicalForms(cleaned, theory, undefined, undefined, facts);
    return forms.expanded === ZERO || forms.collected === ZERO;
  } catch (error) {
    // A zero divisor inside the divisor: the post-order walk meets that one first.
    if (error instanceof DivisionByZeroError) return false;
    throw error;
  }
}

/**
 * The innermost divisor of `term` that is 0 wherever it is defined, as written in `term`; or
 * `undefined`. Canonicalises each divisor of `term` once, so call it when an expression is
 * already known to divide by zero (as {@link requireDefinedSomewhere} does), to name the culprit.
 *
 * @example
 * ```ts
 * zeroDivisorOf(parseExpression("3/(2*x - (x + x))", { theory }), theory); // 2*x - (x + x)
 * ```
 */
export function zeroDivisorOf(term: Term, theory: Theory): Term | undefined {
  const quotient = findInPostorder(term, (t) => {
    const divisor = divisorOf(t);
    return divisor !== undefined && cancelsToZero(divisor, theory);
  });
  return quotient === undefined ? undefined : divisorOf(quotient);
}

/**
 * The error for `term`, defined nowhere because of the undefined constant or the zero divisor
 * it names; `undefined` when it has neither.
 */
export function nowhereDefinedError(
  term: Term,
  theory: Theory,
): UndefinedConstantError | DivisionByZeroError | undefined {
  return undefinedConstantError(term, theory) ?? zeroDivisorError(term, theory);
}

/** The {@link ZeroDivisorError} naming the divisor of {@link zeroDivisorOf}, or `undefined`. */
function zeroDivisorError(term: Term, theory: Theory): ZeroDivisorError | undefined {
  const divisor = zeroDivisorOf(term, theory);
  return divisor === undefined ? undefined : new ZeroDivisorError(printTerm(divisor, { theory }));
}

/**
 * The {@link UndefinedConstantError} naming the first constant of `term` that is certainly
 * undefined (`asin(2)`, see `exactlyUndefinedConstant`), or `undefined`. A constant division by
 * zero is a {@link ZeroDivisorError} naming the divisor.
 */
export function undefinedConstantError(
  term: Term,
  theory: Theory,
): UndefinedConstantError | DivisionByZeroError | undefined {
  try {
    const constant = exactlyUndefinedConstant(term, theory);
    return constant === undefined
      ? undefined
      : new UndefinedConstantError(printTerm(constant, { theory }), constant.op);
  } catch (error) {
    if (error instanceof DivisionByZeroError) return zeroDivisorError(term, theory) ?? error;
    throw error;
  }
}

/**
 * Throws the error of {@link undefinedConstantError} when `term` has a certainly undefined
 * constant or a constant division by zero: one walk over its distinct subterms, no canonical
 * forms, so cheap enough to run before every derivative.
 */
export function requireDefinedConstants(term: Term, theory: Theory): void {
  const error = undefinedConstantError(term, theory);
  if (error !== undefined) throw error;
}

/**
 * The error for `term`, known to divide by zero wherever it is defined (its canonical forms or
 * its cleanup met a zero divisor): the {@link ZeroDivisorError} naming the divisor when one
 * cancels to 0 by itself, else `cause`, else a {@link DivisionByZeroError} quoting `term`.
 */
export function definedNowhere(term: Term, theory: Theory, cause?: DivisionByZeroError): DivisionByZeroError {
  return (
    zeroDivisorError(term, theory) ??
    cause ??
    new DivisionByZeroError(
      printTerm(term, { theory }),
      `division by zero: ${printTerm(term, { theory })} divides by zero wherever it is defined`,
    )
  );
}

/**
 * Throws a {@link ZeroDivisorError} naming the divisor when `term` is defined nowhere (one of its
 * divisors cancels to 0), or the canonical forms' own `DivisionByZeroError` when they divide by
 * zero some other way. One pass of the canonical forms when `term` is fine.
 *
 * @example
 * ```ts
 * requireDefinedSomewhere(parseExpression("3/(2*x - (x + x))", { theory }), theory);
 * // throws: division by zero: the divisor 2*x - (x + x) is 0 for every value of its variables, …
 * ```
 */
export function requireDefinedSomewhere(term: Term, theory: Theory): void {
  requireDefinedConstants(term, theory);
  try {
    canonicalForms(term, theory);
  } catch (error) {
    if (error instanceof DivisionByZeroError) throw definedNowhere(term, theory, error);
    throw error;
  }
}

/**
 * `run()`, an evaluation of `term`; when it fails (a division by zero, a point outside the
 * domain) because `term` is defined nowhere, the error is the {@link ZeroDivisorError} naming
 * the divisor instead. Costs nothing unless `run` throws.
 */
export function namingZeroDivisor<T>(term: Term, theory: Theory, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DivisionByZeroError || error instanceof DomainError)
      throw nowhereDefinedError(term, theory) ?? error;
    throw error;
  }
}
