import { Rational } from "../term/rational.js";
import {
  type Cancellation,
  cancelCommonFactors,
  type Factored,
  multiplyFactored,
  powerFactored,
} from "./factored.js";
import { polyKey, variablePoly } from "./int-poly.js";

/**
 * Powers of a root atom reduced by its radicand: `s = u^(1/q)` satisfies `s^q = u`, which the
 * polynomial ring does not know (`s` is a variable like any atom). A factor `s^k` is rewritten
 * `s^k' * u^((k - k')/q)` for another exponent `k'` in `0 … q - 1` (or `-q … -1` when `k` is
 * negative), so that factors of `u` cancel against the rest: `y/(x^3*sqrt(y/x^2))` is
 * `sqrt(y/x^2)/x`, `1/(y*(x/y)^(3/2))` is `1/(x*sqrt(x/y))`.
 *
 * Sound wherever the input is defined: there `s` is defined, so `u` is and `s^q = u` holds;
 * when `k < 0`, `s ≠ 0`, so `u ≠ 0` and `u` may divide. A positive `k` is only lowered, never
 * made negative (`s = u/s` would be undefined where `u` is 0). Factors of `u`'s denominator
 * that come up are nonzero wherever `u` is defined.
 */

/** A root atom: the ring variable standing for `u^(1/q)`, and `u` as a rational function. */
export interface RootAtom {
  readonly variable: number;
  readonly q: number;
  readonly radicand: Factored;
}

/**
 * `value` with each root atom's power reduced (see the file comment) when that makes the
 * form `size` measures smaller; `value` itself when none does. Greedy, one root at a time,
 * in the order given; each try is one product and one cancellation of common factors.
 */
export function reduceRoots(
  value: Factored,
  roots: readonly RootAtom[],
  cancel: Cancellation,
  size: (value: Factored) => number,
): Factored {
  let best = value;
  let bestSize = size(value);
  for (const root of roots) {
    const key = polyKey(variablePoly(root.variable));
    const factor = best.factors.find((f) => f.key === key);
    if (factor === undefined) continue;
    const k = factor.exp;
    const low = ((k % root.q) + root.q) % root.q;
    const options = k > 0 ? [low] : [low, low - root.q];
    for (const reduced of options) {
      if (reduced === k) continue;
      const candidate = withRootPower(best, root, factor.exp, reduced, cancel);
      if (candidate === undefined) continue;
      const candidateSize = size(candidate);
      if (candidateSize < bestSize) [best, bestSize] = [candidate, candidateSize];
    }
  }
  return best;
}

/** `value` with `s^k` replaced by `s^reduced * u^((k - reduced)/q)`, common factors cancelled. */
function withRootPower(
  value: Factored,
  root: RootAtom,
  k: number,
  reduced: number,
  cancel: Cancellation,
): Factored | undefined {
  const poly = variablePoly(root.variable);
  const key = polyKey(poly);
  let result: Factored = { coef: value.coef, factors: value.factors.filter((f) => f.key !== key) };
  if (reduced !== 0) {
    result = multiplyFactored(result, { coef: Rational.ONE, factors: [{ poly, key, exp: reduced }] }, cancel);
  }
  const radicandPower = powerFactored(root.radicand, (k - reduced) / root.q, cancel);
  if (radicandPower === undefined) return undefined;
  return cancelCommonFactors(multiplyFactored(result, radicandPower, cancel), cancel);
}
