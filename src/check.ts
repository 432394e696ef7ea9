/**
 * dsat/check: soundness checking of rules by random testing, what `dsat check` runs
 * (`docs/soundness.md`). An entry of its own because it loads fast-check, which `dsat` itself
 * does not need: `import … from "dsat"` stays free of it (20-27 ms less to load). Runs anywhere
 * `dsat` does.
 *
 * @example
 * ```ts
 * import { checkRules } from "dsat/check";
 * import { defaultTheory, rulesOf } from "dsat";
 * checkRules(defaultTheory(), rulesOf(defaultTheory(), ["rules/abs.rules"]), { seed: 1 }).errors; // 0
 * ```
 */

export * from "./check/index.js";
