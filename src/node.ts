/**
 * dsat/node: everything `dsat` exports, plus what needs Node: reading rules files from disk and
 * finding the package's own `rules/` folder. The CLI is `src/cli/main.ts` (the `dsat` command).
 *
 * @example
 * ```ts
 * import { defaultTheory, loadRuleFiles } from "dsat/node";
 * const theory = loadRuleFiles(defaultTheory(), ["my.rules"]);
 * ```
 */

export * from "./index.js";
export { loadRuleFiles } from "./node/load-rule-files.js";
export { packageRuleFiles, packageRulesDirectory, ruleFileKey } from "./node/package-rules.js";
