import { readFileSync } from "node:fs";
import { UnreadableRuleFileError } from "../errors.js";
import { loadRuleTexts } from "../rules/load.js";
import type { Theory } from "../theory.js";

/**
 * `theory` extended by rules files, read in the order given: each file is checked against the
 * theory the files before it produced, so a later file may use operators an earlier one
 * declares and append rules to its sets (see `loadRuleTexts`, which does the same for texts).
 *
 * Throws a `RuleFileError` for a problem inside a file and an {@link UnreadableRuleFileError}
 * for a file that cannot be read (both exit 3 in the CLI).
 *
 * @example
 * ```ts
 * import { loadRuleFiles } from "dsat/node";
 * const theory = loadRuleFiles(defaultTheory(), ["my/hyperbolic.rules"]);
 * diff(parseSExpr("(sinh x)", { theory }), "x", { theory });
 * ```
 */
export function loadRuleFiles(theory: Theory, paths: readonly string[]): Theory {
  let result = theory;
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new UnreadableRuleFileError(path, readFailure(error));
    }
    result = loadRuleTexts(result, [{ file: path, text }]);
  }
  return result;
}

/** Why a file could not be read, in words: `no such file`, `is a directory`, … */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
