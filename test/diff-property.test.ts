import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../src/diff.js";
import { DivisionByZeroError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { loadRuleFiles } from "../src/node/load-rule-files.js";
import { packageRulesDirectory } from "../src/node/package-rules.js";
import { normalize } from "../src/rewrite/normalize.js";
import type { Term } from "../src/term/term.js";
import { baseTheory } from "../src/theory.js";
import { termArbitrary } from "./support/arbitrary.js";

/**
 * The derivative rules checked against numbers: at random points where the function is
 * smooth, the derivative from the rules (raw and cleaned up) agrees with a central-difference
 * estimate; and cleanup never changes a value where the original is defined.
 */

// The rules this project's differentiation is built on: diff.rules and cleanup.rules alone, so a
// failure here points at them (the other shipped files are checked by `dsat check`).
const theory = loadRuleFiles(
  baseTheory,
  ["diff.rules", "cleanup.rules"].map((name) => join(packageRulesDirectory(), name)),
);

const terms = termArbitrary({ variables: ["x", "y"], maxDepth: 4 });
const coordinate = fc.double({ min: -3, max: 3, noNaN: true }).filter((v) => Math.abs(v) > 1e-3);

/** f'(x) by central differences at step h, holding the other variables. */
function centralDifference(f: Term, x: number, y: number, h: number): number {
  return (evaluate(f, { x: x + h, y }, { theory }) - evaluate(f, { x: x - h, y }, { theory })) / (2 * h);
}

describe("derivatives from the rules agree with numeric differentiation", () => {
  it("raw and cleaned-up d/dx match a central difference where the function is smooth", () => {
    let checked = 0;
    let runs = 0;
    fc.assert(
      fc.property(terms, coordinate, coordinate, (f, x, y) => {
        runs++;
        const value = evaluate(f, { x, y }, { theory });
        if (!Number.isFinite(value)) return;
        const raw = evaluate(diff(f, "x", { theory, raw: true }), { x, y }, { theory });
        let cleaned: Term;
        try {
          cleaned = diff(f, "x", { theory });
        } catch (error) {
          // Cleanup folds constants exactly, so a derivative with a constant zero divisor, such as
          // the 1/(2*sqrt(0)) of d(sqrt(0)), fails to clean up; the raw derivative is undefined there.
          expect(error).toBeInstanceOf(DivisionByZeroError);
          expect(Number.isFinite(raw)).toBe(false);
          return;
        }
        const clean = evaluate(cleaned, { x, y }, { theory });
        if (!Number.isFinite(raw)) return;
        const h = 1e-4 * Math.max(1, Math.abs(x));
        const coarse = centralDifference(f, x, y, h);
        const fine = centralDifference(f, x, y, h / 2);
        // Rounding in a difference quotient grows with |f| / h.
        const slack = Math.max(1, Math.abs(fine)) * 1e-4 + Math.abs(value) * 1e-8;
        // Not smooth around x (a pole, a kink, the edge of a domain within h) or badly conditioned:
        // halving the step would change the estimate by far more than its truncation error.
        if (!Number.isFinite(coarse) || !Number.isFinite(fine) || Math.abs(coarse - fine) > slack) return;
        checked++;
        expect(Math.abs(raw - fine)).toBeLessThanOrEqual(10 * slack);
        // Cleanup is sound: defined wherever the raw derivative is, with the same value.
        expect(Math.abs(clean - raw)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(raw)));
      }),
      { numRuns: 300 },
    );
    // Guard against a vacuous pass: most generated functions are smooth at a random point.
    expect(checked).toBeGreaterThan(runs / 3);
  });

  it("cleanup preserves the value of any term where it is defined", () => {
    const cleanup = theory.ruleSets.cleanup!;
    fc.assert(
      fc.property(terms, coordinate, coordinate, (term, x, y) => {
        const before = evaluate(term, { x, y }, { theory });
        if (!Number.isFinite(before)) return;
        const after = evaluate(normalize(term, cleanup, { theory }).term, { x, y }, { theory });
        // Folding is exact and floating point is not: where the term is very sensitive to its
        // input (cos(625^-x) at x = -2.4), that rounding shows. Allow for it by how far the value
        // moves when x and y move by about 1e-12 of themselves; a wrong rule moves it far more.
        const nudged = evaluate(term, { x: x * (1 + 1e-12) + 1e-12, y: y * (1 + 1e-12) + 1e-12 }, { theory });
        const sensitivity = Number.isFinite(nudged) ? Math.abs(nudged - before) : 0;
        expect(Math.abs(after - before)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(before)) + 1e3 * sensitivity,
        );
      }),
      { numRuns: 500 },
    );
  });
});
