import { UsageError } from "../errors.js";
import { variableArgument } from "../syntax/variable-argument.js";
import { Rational } from "../term/rational.js";

/**
 * `name=value` words of a command line as exact values (`dsat eval`, and `--batch` lines): a
 * name as {@link variableArgument} reads it (`'pi'=3` binds the variable named pi), a value as
 * {@link Rational.parse} reads it (`2`, `-1/3`, `0.1`). A UsageError for anything else.
 *
 * @example
 * ```ts
 * exactBindings(["x=2", "y=-1/3"]); // { x: 2, y: -1/3 } as Rationals
 * ```
 */
export function exactBindings(words: readonly string[]): Record<string, Rational> {
  const env: Record<string, Rational> = {};
  for (const word of words) {
    const equals = word.indexOf("=");
    const value = equals > 0 ? Rational.parse(word.slice(equals + 1)) : undefined;
    if (value === undefined) throw new UsageError(`'${word}' is not a binding like x=2 or x=-1/3`);
    env[variableArgument(word.slice(0, equals)).name] = value;
  }
  return env;
}
