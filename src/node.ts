/**
 * dsat/node: everything `dsat` exports, plus what needs Node: reading rules files from disk,
 * finding the package's own `rules/` folder, and batch runs over worker threads. The CLI is `src/cli/main.ts` (the `dsat` command).
 *
 * @example
 * ```ts
 * import { defaultTheory, loadRuleFiles } from "dsat/node";
 * const theory = loadRuleFiles(defaultTheory(), ["my.rules"]);
 * ```
 */

export { DEFAULT_MAX_LINE_LENGTH, linesOf, OverlongLine } from "./batch/lines.js";
export { type BatchOptions, batchArray, batchLines } from "./batch/pool.js";
export type { BatchError, BatchFailure, BatchRecord, BatchSuccess, BatchTask } from "./batch/task.js";
export * from "./index.js";
export { loadRuleFiles } from "./node/load-rule-files.js";
export { packageRuleFiles, packageRulesDirectory, ruleFileKey } from "./node/package-rules.js";
