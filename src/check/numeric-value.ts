import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";
import { numericDerivative } from "./numeric-derivative.js";

/**
 * Floating-point evaluation for the soundness checker. Unlike `evaluate`, it says *why* a term
 * has no value (outside an operator's domain, or floating point cannot be trusted there), keeps
 * the largest intermediate magnitude so comparisons can allow for rounding, and evaluates a
 * derivative `(d x e)` as the numeric derivative of `e`, so derivative rules can be checked
 * against the functions themselves.
 */

/** What evaluating a term at a point gave. */
export type NumericOutcome =
  /** A finite value. `scale` is the largest magnitude met on the way (for rounding allowances). */
  | { readonly kind: "value"; readonly value: number; readonly scale: number; readonly approximate: boolean }
  /** Some operator was applied outside its domain (log of a negative, division by 0, a pole). */
  | { readonly kind: "undefined" }
  /** Floating point cannot say (overflow, a derivative that does not settle): skip the point. */
  | { readonly kind: "unreliable"; readonly reason: string }
  /** The term uses an operator with no numeric meaning, so it can never be evaluated. */
  | { readonly kind: "unevaluable"; readonly reason: string };

const UNDEFINED: NumericOutcome = { kind: "undefined" };
/** Operators whose value is never 0 for nonzero arguments: a 0 from them is an underflow (exp(-800)). */
const NEVER_ZERO = new Set(["*", "/", "^", "exp"]);
const HUGE = 1e100;
const TINY = 1e-100;

/**
 * The value of `term` at the point `env` (every variable of `term` must be bound; an unbound
 * one makes the outcome `unevaluable`). Iterative over the term; a `d` nested in the argument
 * of a `d` costs one numeric derivative per level.
 *
 * @example
 * ```ts
 * numericValue(parseSExpr("(log x)", { theory }), { x: -1 }, { theory }); // { kind: "undefined" }
 * numericValue(parseSExpr("(d x (sin x))", { theory }), { x: 0 }, { theory }).value; // ≈ 1
 * ```
 */
export function numericValue(
  term: Term,
  env: Readonly<Record<string, number>>,
  options: TheoryOption = {},
): NumericOutcome {
  const theory = theoryOrDefault(options.theory);
  const values = new Map<number, number>();
  let scale = 0;
  let approximate = false;
  for (const t of postorder(term)) {
    let value: number;
    switch (t.kind) {
      case "num":
        value = t.value.toNumber();
        break;
      case "sym":
        if (!Object.hasOwn(env, t.name)) {
          return { kind: "unevaluable", reason: `variable '${t.name}' has no value at the point` };
        }
        value = env[t.name]!;
        break;
      case "app": {
        if (t.op === "d") {
          const outcome = derivativeAt(t.args[0]!, t.args[1]!, env, theory, values.get(t.args[1]!.id)!);
          if (outcome.kind !== "value") return outcome;
          approximate = true;
          value = outcome.value;
          break;
        }
        const spec = theory.operators[t.op];
        if (spec === undefined || spec.arity !== t.args.length) {
          return {
            kind: "unevaluable",
            reason: `operator '${t.op}' is not declared with ${t.args.length} arguments`,
          };
        }
        if (spec.evaluate === undefined) {
          return { kind: "unevaluable", reason: `operator '${t.op}' has no numeric meaning` };
        }
        const args = t.args.map((a) => values.get(a.id)!);
        value = spec.evaluate(args);
        if (Number.isNaN(value)) return UNDEFINED;
        if (!Number.isFinite(value)) {
          // From finite arguments, an infinity is a pole when an argument is exactly 0 (log 0),
          // and otherwise an overflow (exp 800), which says nothing about the mathematics.
          if (args.includes(0)) return UNDEFINED;
          return { kind: "unreliable", reason: `'${t.op}' overflowed` };
        }
        if (value === 0 && NEVER_ZERO.has(t.op) && !args.includes(0)) {
          return { kind: "unreliable", reason: `'${t.op}' underflowed` };
        }
        break;
      }
    }
    if (Number.isNaN(value)) return UNDEFINED;
    if (!Number.isFinite(value)) return { kind: "unreliable", reason: "an infinite value" };
    const magnitude = Math.abs(value);
    // Past these magnitudes the next operation may overflow or underflow: stop trusting the point.
    if (magnitude > HUGE || (magnitude !== 0 && magnitude < TINY)) {
      return { kind: "unreliable", reason: "a value too large or too small for floating point" };
    }
    if (magnitude > scale) scale = magnitude;
    values.set(t.id, value);
  }
  return { kind: "value", value: values.get(term.id)!, scale, approximate };
}

/**
 * `(d variable body)` at `env`: the numeric derivative of `body` in `variable`. `bodyValue`
 * is `body`'s value at `env`, already computed (so `body` is defined at the point).
 */
function derivativeAt(
  variable: Term,
  body: Term,
  env: Readonly<Record<string, number>>,
  theory: Theory,
  bodyValue: number,
): NumericOutcome {
  if (variable.kind !== "sym" || variable.isPatternVar) {
    return { kind: "unreliable", reason: "a derivative with respect to something that is not a variable" };
  }
  const at = env[variable.name]!;
  const moved: Record<string, number> = { ...env };
  let unevaluable: NumericOutcome | undefined;
  const f = (t: number): number => {
    moved[variable.name] = t;
    const outcome = numericValue(body, moved, { theory });
    if (outcome.kind === "unevaluable") unevaluable = outcome;
    return outcome.kind === "value" ? outcome.value : Number.NaN;
  };
  const estimate = numericDerivative(f, at);
  if (unevaluable !== undefined) return unevaluable;
  if (estimate === undefined) {
    return {
      kind: "unreliable",
      reason: `the derivative in ${variable.name} has no stable numeric estimate here`,
    };
  }
  return { kind: "value", value: estimate.value, scale: Math.abs(bodyValue), approximate: true };
}

/** Relative nudge of an argument in {@link roundingDecides}: a few units in the last place. */
const NUDGE = 8 * Number.EPSILON;
/**
 * Units in the last place of error a term's evaluation may carry before any function magnifies
 * it: each operation rounds once, and the checker's terms are small.
 */
const ROUNDING_ULPS = 16;

/**
 * Whether rounding decides the value of `term` at `env`, for two sides that must agree to the
 * fraction `relativeTolerance`: the relative rounding error of the value may exceed it. Each
 * function of one argument magnifies the relative error of its argument by its condition
 * number, estimated by nudging the argument a few units in the last place; along a chain of
 * functions the magnifications multiply. `tan(atan(a))` for a large `a` is decided by rounding:
 * `atan(a)` is within rounding of π/2, where `tan` magnifies the error about 1.6·a times
 * (tan(atan(1e20)) is 1.6e16 in floating point; at a = 1e7 the error is already a few parts in
 * a billion). Where the term is not defined it is not judged here (`false`).
 */
export function roundingDecides(
  term: Term,
  env: Readonly<Record<string, number>>,
  theory: Theory,
  relativeTolerance = 1e-9,
): boolean {
  const limit = relativeTolerance / (ROUNDING_ULPS * Number.EPSILON);
  const values = new Map<number, number>();
  // How many times the relative rounding error of a subterm's value can exceed one rounding.
  const magnification = new Map<number, number>();
  for (const t of postorder(term)) {
    let value: number;
    let magnified = 1;
    if (t.kind === "num") value = t.value.toNumber();
    else if (t.kind === "sym") value = env[t.name] ?? Number.NaN;
    else {
      const evaluate = theory.operators[t.op]?.evaluate;
      if (evaluate === undefined) return false;
      const args = t.args.map((a) => values.get(a.id)!);
      for (const a of t.args) magnified = Math.max(magnified, magnification.get(a.id)!);
      value = evaluate(args);
      if (args.length === 1 && args[0] !== 0 && Number.isFinite(value)) {
        const change = Math.abs(evaluate([args[0]! * (1 + NUDGE)]) - value);
        // NaN (the nudge left the domain) or an infinity counts as unbounded magnification.
        const condition = value === 0 ? (change === 0 ? 1 : Infinity) : change / (NUDGE * Math.abs(value));
        magnified *= Number.isNaN(condition) ? Infinity : Math.max(1, condition);
        if (!(magnified <= limit)) return true;
      }
    }
    if (!Number.isFinite(value)) return false;
    values.set(t.id, value);
    magnification.set(t.id, magnified);
  }
  return false;
}
