import { evaluate } from "../../src/eval/evaluate.js";
import type { Term } from "../../src/term/term.js";
import { postorder } from "../../src/term/traverse.js";
import type { Theory } from "../../src/theory.js";

/**
 * Floating-point values with a measure of how much rounding they can carry, so that the
 * fuzzer compares a simplified term with its input within a tolerance scaled by the input's
 * conditioning. The measure is found by perturbation: every intermediate result is nudged by
 * a relative 1e-10 and the spread of the outcomes shows how far rounding errors (about 1e-16
 * relative each) can move the result. `(x + 1e20) - 1e20` has a huge spread; `sin(x)` none.
 */

/** The value of a term at a point and how far it can be trusted. */
export interface Measured {
  readonly value: number;
  /** The largest change of the result when each intermediate moves by {@link NUDGE}. */
  readonly spread: number;
  /**
   * Σ |intermediate| × machine epsilon: the rounding error of the value when no step amplifies
   * it. The nudges find the steps that do, but not always this floor: the nudge of a step can
   * be tiny by chance, and `1.5e10 - z - 1` then seemed exact to 1e-15 where it is exact to 1e-6.
   */
  readonly roundoff: number;
  /**
   * Whether the floating-point value is a fair picture of the exact one: no intermediate
   * overflowed or underflowed (`exp(-800)*1e300*1e300` is 0 in floating point and 1e252
   * exactly), and no nudge crossed a branch point (a NaN, or a jump in `sign`).
   */
  readonly reliable: boolean;
  /**
   * Where floating point's range got in the way: `constant` when a number of the term does not
   * fit a double (`log` of a 332-digit integer: the term itself is at fault), `intermediate` when
   * a step overflowed or underflowed (`x^992*y^945` at y = 0.42: a right form, out of range there).
   */
  readonly range: "ok" | "intermediate" | "constant";
}

const NUDGE = 1e-10;
const PASSES = 2;
/** Beyond this relative spread (a condition number of 10^6) a point is not used for comparisons. */
const MAX_RELATIVE_SPREAD = 1e-4;

/** Operators whose exact result is never 0 for nonzero arguments, so 0 means underflow. */
const UNDERFLOW_WITNESSES = new Set(["*", "/", "^", "exp", "sqrt", "cbrt"]);

/**
 * The factor intermediate number `position` (in post-order, so the same for the same term in
 * every process) is nudged by in `pass`: the second pass mirrors the first, so a value at the
 * edge of a domain is pushed over it in one of them.
 */
function nudge(pass: number, position: number): number {
  let h = Math.imul(position + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  const r = (((h ^ (h >>> 12)) >>> 0) / 2 ** 32) * 2 - 1;
  return 1 + NUDGE * (pass === 0 ? r : -r);
}

/** `term` at `env`, measured (see {@link Measured}). Throws what `evaluate` throws. */
export function measure(term: Term, env: Readonly<Record<string, number>>, theory: Theory): Measured {
  const value = evaluate(term, env, { theory });
  const order = postorder(term);
  const exact = new Map<number, number>();
  let reliable = Number.isFinite(value);
  let range: Measured["range"] = "ok";
  let roundoff = 0;
  const outOfRange = (where: "intermediate" | "constant") => {
    reliable = false;
    if (range !== "constant") range = where;
  };
  for (const t of order) {
    let v: number;
    if (t.kind === "num") {
      v = t.value.toNumber();
      if (!t.value.isZero() && (v === 0 || !Number.isFinite(v))) outOfRange("constant");
    } else if (t.kind === "sym") v = env[t.name]!;
    else {
      const args = t.args.map((a) => exact.get(a.id)!);
      v = theory.operators[t.op]!.evaluate!(args);
      if (Number.isFinite(v)) roundoff += Math.abs(v) * Number.EPSILON;
      if (!Number.isFinite(v)) {
        if (args.every(Number.isFinite) && !Number.isNaN(v)) outOfRange("intermediate");
        else reliable = false;
      } else if (v === 0 && UNDERFLOW_WITNESSES.has(t.op) && args.every((a) => a !== 0))
        outOfRange("intermediate");
    }
    if (v !== 0 && Math.abs(v) < 2.2250738585072014e-308) outOfRange("intermediate");
    exact.set(t.id, v);
  }
  let spread = 0;
  for (let pass = 0; pass < PASSES && reliable; pass++) {
    const nudged = new Map<number, number>();
    for (let position = 0; position < order.length; position++) {
      const t = order[position]!;
      let v: number;
      if (t.kind === "num") v = exact.get(t.id)!;
      else if (t.kind === "sym") v = env[t.name]!;
      else v = theory.operators[t.op]!.evaluate!(t.args.map((a) => nudged.get(a.id)!));
      // Integers stay put: `(-2)^3` must not become `(-2)^3.0000000001`.
      nudged.set(t.id, Number.isInteger(v) && t.kind !== "app" ? v : v * nudge(pass, position));
    }
    const moved = nudged.get(term.id)!;
    // A nudge that leaves the domain (asin(-1) nudged past -1) says nothing about rounding.
    if (!Number.isFinite(moved)) reliable = false;
    else spread = Math.max(spread, Math.abs(moved - value));
  }
  if (spread > MAX_RELATIVE_SPREAD * Math.abs(value)) reliable = false;
  return { value, spread, roundoff, reliable, range };
}

/**
 * Whether `candidate` (computed from a term the checks say is equal to the reference's) matches
 * `reference`: within rounding scaled by the spreads of both, as a fraction of the nudge.
 */
export function close(reference: Measured, candidate: Measured): boolean {
  if (!Number.isFinite(candidate.value)) return false;
  const difference = Math.abs(reference.value - candidate.value);
  const scale = Math.max(Math.abs(reference.value), Math.abs(candidate.value));
  return difference <= 1e-3 * (reference.spread + candidate.spread) + 1e-11 * scale + 1e-300;
}

/**
 * Whether `candidate` contradicts `reference`: not {@link close}, unless the candidate's own
 * evaluation left floating point's range in a step (a right form can underflow where its input
 * does not; a constant beyond the range is never excused).
 */
export function contradicts(reference: Measured, candidate: Measured): boolean {
  return !close(reference, candidate) && candidate.range !== "intermediate";
}

/** Same floating-point outcome, up to the last bits: for `compile` against `evaluate`. */
export function sameNumber(a: number, b: number): boolean {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}
