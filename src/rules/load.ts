import type { Theory } from "../theory.js";
import { applyRuleFile, parseRuleFile } from "./rules-parser.js";

/** The text of a rules file and the name its rules' origins (and error messages) give it. */
export interface RuleText {
  readonly file: string;
  readonly text: string;
}

/**
 * `theory` extended by rules texts, in the order given: each is checked against the theory the
 * texts before it produced, so a later one may use operators an earlier one declares and
 * append rules to its sets. Needs no file system (reading files is `loadRuleFiles`, in `dsat/node`).
 *
 * Throws a `RuleFileError` (naming `file`, line and column) for a problem inside a text.
 *
 * @example
 * ```ts
 * const theory = loadRuleTexts(defaultTheory(), [{ file: "mine.rules", text: "(operator softsign 1 …)" }]);
 * ```
 */
export function loadRuleTexts(theory: Theory, texts: readonly RuleText[]): Theory {
  let result = theory;
  for (const { file, text } of texts) {
    result = applyRuleFile(result, parseRuleFile(text, { theory: result, file }));
  }
  return result;
}
