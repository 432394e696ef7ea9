import { type CheckOptions, checkRules, randomSeed } from "../check/check-rules.js";
import { type CheckReport, formatReport } from "../check/report.js";
import { rulesUnderCheck } from "../node/rules-under-check.js";

/** A rules file found unsound: the message is `dsat check`'s report, counterexamples shrunk. */
export class UnsoundRulesError extends Error {
  constructor(readonly report: CheckReport) {
    super(`${report.errors} soundness error${report.errors === 1 ? "" : "s"}:\n${formatReport(report)}`);
    this.name = "UnsoundRulesError";
  }
}

/**
 * Asserts, inside a vitest or jest test (or anywhere), that the rules of `files` are sound: it
 * runs what `dsat check FILE…` runs (the files loaded on top of the default theory, each rule
 * tested at random points, termination of the rewriting sets, derivatives against numeric ones)
 * and throws an {@link UnsoundRulesError} whose message is the same report, with the shrunk
 * counterexamples and the seed that replays them (`dsat check FILE --seed N`). Warnings do not
 * fail. Returns the report.
 *
 * @example
 * ```ts
 * import { expectRulesSound } from "dsat/testing";
 * test("my rules are sound", () => { expectRulesSound("rules/my-operators.rules", { runs: 300 }); });
 * ```
 */
export function expectRulesSound(files: string | readonly string[], options: CheckOptions = {}): CheckReport {
  const { theory, rules } = rulesUnderCheck(typeof files === "string" ? [files] : files);
  const report = checkRules(theory, rules, { ...options, seed: options.seed ?? randomSeed() });
  if (report.errors > 0) throw new UnsoundRulesError(report);
  return report;
}
