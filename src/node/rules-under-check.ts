import { defaultTheory, SHIPPED_RULES_FOLDER } from "../default-theory.js";
import type { Rule } from "../rules/rule.js";
import { rulesOf } from "../rules/rules-of.js";
import type { Theory } from "../theory.js";
import { loadRuleFiles } from "./load-rule-files.js";
import { ruleFileKey } from "./package-rules.js";

/**
 * What `dsat check FILE…` checks: the default theory with the files loaded on top (the
 * package's own files are in it already, and loading one again would clash), and the rules of
 * those files only; without files, every shipped rule.
 *
 * @example
 * ```ts
 * const { theory, rules } = rulesUnderCheck(["my.rules"]);
 * checkRules(theory, rules, { seed: 1 });
 * ```
 */
export function rulesUnderCheck(files: readonly string[]): { theory: Theory; rules: Rule[] } {
  const keys = files.map(ruleFileKey);
  const extra = keys.filter((key) => !key.startsWith(`${SHIPPED_RULES_FOLDER}/`));
  const theory = extra.length === 0 ? defaultTheory() : loadRuleFiles(defaultTheory(), extra);
  return { theory, rules: rulesOf(theory, files.length === 0 ? undefined : keys) };
}
