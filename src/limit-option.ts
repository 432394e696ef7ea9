import { UsageError } from "./errors.js";

/**
 * A count limit given as an option (`iterLimit`, `nodeLimit`, `fuel`): `fallback` when absent,
 * else a whole number ≥ 0 (0: none of that work) or `Infinity` (no limit, asked for on
 * purpose). `NaN`, a negative or a fraction would otherwise turn the bound off silently (every
 * comparison with NaN is false), so it is a {@link UsageError} naming the option.
 *
 * @example
 * ```ts
 * limitOption("iterLimit", undefined, 30); // 30
 * limitOption("iterLimit", Number.NaN, 30); // throws UsageError: 'iterLimit' must be …
 * ```
 */
export function limitOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 0)) return value;
  throw new UsageError(`'${name}' must be a whole number ≥ 0 or Infinity, not ${String(value)}`);
}

/**
 * A time limit in milliseconds given as an option (`timeLimitMs`): `fallback` when absent, else
 * any number but `NaN` (0 or less is a budget already spent: the work stops at its first check).
 */
export function timeLimitOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isNaN(value)) return value;
  throw new UsageError(`'${name}' must be a number of milliseconds or Infinity, not NaN`);
}
