/**
 * Numeric derivatives of one-variable functions, used to check derivative rules against the
 * function itself rather than against other rules. Ridders' method: central differences at
 * shrinking steps, extrapolated to step 0 (Richardson), with an error estimate from the
 * extrapolation table. A point where the estimate is untrustworthy gives `undefined`, and the
 * checker skips it instead of guessing.
 */

/** A derivative estimate and the estimated size of its error. */
export interface DerivativeEstimate {
  readonly value: number;
  readonly error: number;
}

// Ridders' constants (Numerical Recipes, dfridr): the step shrinks by CON each round.
const CON = 1.4;
const CON2 = CON * CON;
const NTAB = 10;
const SAFE = 2;

/** Accepted estimates have an error below this fraction of max(1, |f(x)|, |f'(x)|). */
const MAX_RELATIVE_ERROR = 1e-7;
/** One-sided slopes may differ from the estimate by this fraction before the point counts as a kink. */
const KINK_TOLERANCE = 1e-2;

/**
 * Ridders' extrapolation from the initial step `h`: `undefined` when `f` is undefined
 * (NaN or infinite) at one of the sample points, which means `x` is too close to the edge of
 * `f`'s domain (or to a pole) for a two-sided estimate.
 */
function ridders(f: (t: number) => number, x: number, h: number): DerivativeEstimate | undefined {
  const central = (step: number): number => {
    // Use the step that is actually representable around x, so rounding of x ± step cancels.
    const up = x + step;
    const exact = up - x;
    const fUp = f(x + exact);
    const fDown = f(x - exact);
    if (!Number.isFinite(fUp) || !Number.isFinite(fDown)) return Number.NaN;
    return (fUp - fDown) / (2 * exact);
  };
  const table: number[][] = Array.from({ length: NTAB }, () => new Array<number>(NTAB).fill(0));
  let step = h;
  table[0]![0] = central(step);
  if (Number.isNaN(table[0]![0]!)) return undefined;
  let best = table[0]![0]!;
  let error = Number.POSITIVE_INFINITY;
  for (let i = 1; i < NTAB; i++) {
    step /= CON;
    const estimate = central(step);
    if (Number.isNaN(estimate)) return undefined;
    table[0]![i] = estimate;
    let factor = CON2;
    for (let j = 1; j <= i; j++) {
      const extrapolated = (table[j - 1]![i]! * factor - table[j - 1]![i - 1]!) / (factor - 1);
      table[j]![i] = extrapolated;
      factor *= CON2;
      const candidate = Math.max(
        Math.abs(extrapolated - table[j - 1]![i]!),
        Math.abs(extrapolated - table[j - 1]![i - 1]!),
      );
      if (candidate <= error) {
        error = candidate;
        best = extrapolated;
      }
    }
    // Higher orders got worse: rounding has taken over, stop with the best so far.
    if (Math.abs(table[i]![i]! - table[i - 1]![i - 1]!) >= SAFE * error) break;
  }
  return { value: best, error };
}

/**
 * The derivative of `f` at `x`, or `undefined` when `f` is not smooth enough there for a
 * trustworthy estimate: `f` undefined at `x` or near it, an extrapolation that does not settle,
 * or one-sided slopes that disagree (a kink, such as |t| at 0).
 *
 * @example
 * ```ts
 * numericDerivative(Math.sin, 0.5); // { value: 0.8775825618903…, error: ~1e-13 }
 * numericDerivative(Math.sqrt, 0); // undefined: sqrt is undefined left of 0
 * ```
 */
export function numericDerivative(f: (t: number) => number, x: number): DerivativeEstimate | undefined {
  const fx = f(x);
  if (!Number.isFinite(fx) || !Number.isFinite(x)) return undefined;
  const width = Math.max(1, Math.abs(x));
  // Start with a wide step; near the edge of the domain a wide step leaves it, so try narrower ones.
  let estimate: DerivativeEstimate | undefined;
  for (const fraction of [0.1, 0.01, 0.001]) {
    estimate = ridders(f, x, fraction * width);
    if (estimate !== undefined) break;
  }
  if (estimate === undefined || !Number.isFinite(estimate.value)) return undefined;
  const magnitude = Math.max(1, Math.abs(fx), Math.abs(estimate.value));
  if (!(estimate.error <= MAX_RELATIVE_ERROR * magnitude)) return undefined;

  // A symmetric difference cannot see a kink at x itself: compare one-sided slopes.
  const h = 1e-5 * width;
  const forward = (f(x + h) - fx) / h;
  const backward = (fx - f(x - h)) / h;
  if (!Number.isFinite(forward) || !Number.isFinite(backward)) return undefined;
  const slack = KINK_TOLERANCE * Math.max(1, Math.abs(estimate.value), Math.abs(forward), Math.abs(backward));
  if (Math.abs(forward - estimate.value) > slack || Math.abs(backward - estimate.value) > slack) {
    return undefined;
  }
  return estimate;
}
