import { UsageError } from "../errors.js";

/**
 * A variable named on a command line: `x`, or a name in single quotes as expressions write a
 * variable named like a constant or an operator (`'pi'`, `'sin'`). Throws a {@link UsageError}
 * for anything else.
 *
 * @example
 * ```ts
 * variableArgument("x");    // { name: "x", quoted: false }
 * variableArgument("'pi'"); // { name: "pi", quoted: true }
 * ```
 */
export function variableArgument(word: string): { name: string; quoted: boolean } {
  const quoted = word.length > 2 && word.startsWith("'") && word.endsWith("'");
  const name = quoted ? word.slice(1, -1) : word;
  if (!VARIABLE_NAME.test(name)) throw new UsageError(`'${word}' is not a variable name`);
  return { name, quoted };
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
