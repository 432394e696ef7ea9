import { readFileSync } from "node:fs";
import { RuleFileReadError } from "../errors.js";
import { loadRuleTexts } from "../rules/load.js";
import type { Theory } from "../theory.js";

/**
 * `theory` extended by rules files, read in the order given: each file is checked against the
 * theory the files before it produced, so a later file may use operators an earlier one
 * declares and append rules to its sets (see `loadRuleTexts`, which does the same for texts).
 *
 * Throws a `RuleFileError` for a problem inside a file and a `RuleFileReadError` for a file
 * that cannot be read (`cannot read rules file 'x.rules': no such file`); both exit code 3.
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
      throw new RuleFileReadError(path, (error as NodeJS.ErrnoException).code);
    }
    result = loadRuleTexts(result, [{ file: path, text }]);
  }
  return result;
}
