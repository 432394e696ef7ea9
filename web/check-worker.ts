/// <reference lib="webworker" />
import { checkRules } from "../src/check.js";
import { rulesOf } from "../src/index.js";
import { type CheckFinding, findingsOf, theoryFromRules, USER_RULES_FILE } from "./session.js";

/**
 * The live soundness check of the user's rules, off the page's thread so typing never waits:
 * each message is the editor's text; the answer lists the findings with shrunk counterexamples.
 */

export interface CheckRequest {
  readonly id: number;
  readonly rules: string;
}

export interface CheckAnswer {
  readonly id: number;
  /** How many of the user's rules were checked (0 when the text has none or does not load). */
  readonly checked: number;
  readonly findings: readonly CheckFinding[];
  readonly timeMs: number;
}

/** Samples per rule: enough to catch a wrong derivative rule at once, few enough to answer while typing. */
const RUNS = 150;

self.onmessage = (event: MessageEvent<CheckRequest>) => {
  const started = performance.now();
  const { id, rules } = event.data;
  const { theory, problem } = theoryFromRules(rules);
  const checked = problem === undefined ? rulesOf(theory, [USER_RULES_FILE]) : [];
  const findings =
    checked.length === 0
      ? []
      : findingsOf(checkRules(theory, checked, { seed: 1, runs: RUNS, termination: false, pipeline: false }));
  const answer: CheckAnswer = { id, checked: checked.length, findings, timeMs: performance.now() - started };
  self.postMessage(answer);
};
