import { DsatError } from "../../src/errors.js";
import { evaluateExact } from "../../src/eval/evaluate.js";
import type { Rational } from "../../src/term/rational.js";
import type { Term } from "../../src/term/term.js";
import type { Theory } from "../../src/theory.js";

/** The exact value of `t` at a rational point, `undefined` where it is undefined or irrational. */
export function exactAt(t: Term, env: Record<string, Rational>, theory: Theory): Rational | undefined {
  try {
    return evaluateExact(t, env, { theory });
  } catch (error) {
    if (error instanceof DsatError) return undefined;
    throw error;
  }
}
