import { detectSyntax } from "../../src/syntax/parse.js";
import type { Theory } from "../../src/theory.js";
import type { FuzzInput } from "./generate.js";
import type { Outcome } from "./outcome.js";

/**
 * Failures already filed in issue 14 and being fixed elsewhere. The fuzzer counts them as
 * `known` instead of failing, so it can run before the fixes land; each entry goes away with
 * its fix. An input that would hang is recognised before it runs.
 */

/** The issue-14 item an input is known to hang on, if any. */
export function knownHang(input: FuzzInput, theory: Theory): string | undefined {
  // Item 1: a `;` in S-expression input loops without end in the reader.
  if (
    input.kind !== "rules" &&
    input.text.includes(";") &&
    (input.kind === "sexpr" || detectSyntax(input.text, theory) === "sexpr")
  ) {
    return "14.1 (';' in an S-expression hangs)";
  }
  return undefined;
}

/** The issue-14 item a failure is, if it is a known one. */
export function knownFailure(input: FuzzInput, outcome: Outcome): string | undefined {
  if (outcome.kind === "crash" && outcome.detail.includes("cannot be converted to a BigInt")) {
    return "14.3 (roots of rationals outside the double range)";
  }
  // Item 2: simplification folds constants into a number too large for floating point.
  if (outcome.kind === "wrong-number" && /\d{300}/.test(outcome.detail)) {
    return "14.2 (simplification builds constants beyond the double range)";
  }
  void input;
  return undefined;
}
