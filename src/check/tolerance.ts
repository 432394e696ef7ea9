import type { NumericOutcome } from "./numeric-value.js";

/**
 * When two floating-point values count as equal. The allowance grows with the largest
 * magnitude either evaluation met, not just with the results: `(a*b) - (a*c)` and `a*(b-c)`
 * may differ by rounding errors of the size of `a*b` even when the result is near 0.
 */
export interface Tolerance {
  /** Allowed difference as a fraction of the scale (largest magnitude met); default 1e-9. */
  readonly relative: number;
  /** Allowed difference regardless of scale; default 1e-12. */
  readonly absolute: number;
  /**
   * Relative allowance when a side involves a numeric derivative; default 1e-5. Richardson
   * estimates can be off by a few parts in a million while reporting a smaller error
   * (atan(3 + 8x/3) at x = -1.25 came out 2.4000036), and a wrong rule is off by far more.
   */
  readonly derivative: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { relative: 1e-9, absolute: 1e-12, derivative: 1e-5 };

type Value = NumericOutcome & { kind: "value" };

/** Whether two defined values are equal within `tolerance`. */
export function agree(left: Value, right: Value, tolerance: Tolerance): boolean {
  if (left.value === right.value) return true;
  const scale = Math.max(Math.abs(left.value), Math.abs(right.value), left.scale, right.scale);
  const relative =
    left.approximate || right.approximate
      ? Math.max(tolerance.relative, tolerance.derivative)
      : tolerance.relative;
  return Math.abs(left.value - right.value) <= tolerance.absolute + relative * scale;
}
