import type { Theory } from "../../src/theory.js";
import type { FuzzInput } from "./generate.js";
import type { Outcome } from "./outcome.js";

/**
 * Failures already filed and being fixed elsewhere. The fuzzer counts them as `known` instead
 * of failing, so it can run before the fixes land; each entry goes away with its fix. An input
 * that would hang is recognised before it runs. (Issue 14's items 1-3, the `;` hang and the
 * constants beyond the double range, were listed here until their fixes landed.)
 */

/** The filed issue an input is known to hang on, if any. */
export function knownHang(input: FuzzInput, theory: Theory): string | undefined {
  void input;
  void theory;
  return undefined;
}

/** The filed issue a failure is, if it is a known one. */
export function knownFailure(input: FuzzInput, outcome: Outcome): string | undefined {
  void input;
  void outcome;
  return undefined;
}
