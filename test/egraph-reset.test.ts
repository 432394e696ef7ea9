import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { EGraph } from "../src/egraph/egraph.js";
import { Extractor } from "../src/egraph/extract.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { runRewrites } from "../src/egraph/runner.js";
import { DsatError } from "../src/errors.js";
import type { Term } from "../src/term/term.js";
import { termArbitrary } from "./support/arbitrary.js";

/**
 * `EGraph.reset()`: an e-graph emptied for reuse behaves exactly as a new one, whatever it
 * held before (the simplifier reuses one e-graph for every call).
 */

const theory = defaultTheory();
const analysis = arithmeticAnalysis(theory);
const rewrites = ["algebra", "trig"].flatMap((name) => compileRewrites(theory.ruleSets[name]!));
const terms = termArbitrary({ operators: ["+", "-", "*", "/", "^", "neg", "sin", "cos"], maxDepth: 3 });

/** Everything observable about saturating `term` in `egraph`: counts, stop reason, best term. */
function saturateIn(egraph: EGraph<ReturnType<typeof analysis.make>>, term: Term) {
  const root = egraph.add(term);
  const report = runRewrites(egraph, rewrites, { iterLimit: 3, nodeLimit: 400, timeLimitMs: 60_000 });
  egraph.rebuild();
  egraph.checkInvariants();
  return {
    root,
    stopReason: report.stopReason,
    iterations: report.iterations,
    nodes: egraph.hashconsSize,
    classes: egraph.classCount,
    liveNodes: egraph.nodeCount,
    best: new Extractor(egraph).best(root).term,
    matches: report.rules.map((r) => r.matches),
  };
}

describe("EGraph.reset", () => {
  test("a reset e-graph gives the same results as a new one, after any earlier use", () => {
    fc.assert(
      fc.property(terms, terms, (before, term) => {
        const reused = new EGraph({ analysis });
        saturateIn(reused, before);
        reused.reset();
        expect(reused.hashconsSize).toBe(0);
        expect(reused.classCount).toBe(0);
        expect(saturateIn(reused, term)).toEqual(saturateIn(new EGraph({ analysis }), term));
      }),
      { numRuns: 60 },
    );
  });

  test("is refused with explanations on", () => {
    expect(() => new EGraph({ analysis, explanations: true }).reset()).toThrow(DsatError);
  });
});
