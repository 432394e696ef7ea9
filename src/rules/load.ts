import { readFileSync } from "node:fs";
import { RuleFileReadError } from "../errors.js";
import type { Theory } from "../theory.js";
import { applyRuleFile, parseRuleFile } from "./rules-parser.js";

/**
 * `theory` extended by rules files, read in the order given: each file is checked against the
 * theory the files before it produced, so a later file may use operators an earlier one
 * declares and append rules to its sets.
 *
 * Throws a `RuleFileError` for a problem inside a file and a `RuleFileReadError` for a file
 * that cannot be read (both exit code 3).
 *
 * @example
 * ```ts
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
    result = applyRuleFile(result, parseRuleFile(text, { theory: result, file: path }));
  }
  return result;
}
