import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { EGraph } from "../src/egraph/egraph.js";
import { proofEnd } from "../src/egraph/explain-types.js";
import { extractBest } from "../src/egraph/extract.js";
import { runRewrites } from "../src/egraph/runner.js";
import { DsatError } from "../src/errors.js";
import { checkProof } from "../src/explain/check.js";
import { DEFAULT_PROOF_RULE_SETS, proofRewrites, proveEqual } from "../src/explain/prove.js";
import { simplify } from "../src/simplify/simplify.js";
import type { Term } from "../src/term/term.js";
import { termArbitrary } from "./support/arbitrary.js";

/**
 * The law explanations rest on: whatever the e-graph made equal, the proof it gives passes
 * the checker, which replays it with the rewriting engine alone.
 */

const theory = defaultTheory();
const rewrites = proofRewrites(
  theory,
  DEFAULT_PROOF_RULE_SETS.filter((name) => theory.ruleSets[name] !== undefined),
);
const terms = termArbitrary({
  theory,
  operators: ["+", "-", "*", "/", "neg", "^", "sin", "cos", "exp", "log", "sqrt"],
  maxDepth: 3,
  numbers: "integers",
});

describe("explanations pass the checker", () => {
  test("from a random term to the cheapest term extracted from its class", () => {
    fc.assert(
      fc.property(terms, (t) => {
        const egraph = new EGraph({ analysis: arithmeticAnalysis(theory), explanations: { theory } });
        const root = egraph.add(t);
        runRewrites(egraph, rewrites, { iterLimit: 6, nodeLimit: 2_000 });
        egraph.rebuild();
        const best = extractBest(egraph, root).term;
        const proof = egraph.explainEquivalence(root, egraph.add(best));
        expect(proof.start).toBe(t);
        expect(proofEnd(proof)).toBe(best);
        const verdict = checkProof(proof, { theory, from: t, to: best });
        expect(verdict).toEqual({ ok: true });
      }),
      { numRuns: 80 },
    );
  });

  test("from a random term to the simplifier's printed result, whenever the rules reach it", () => {
    let proven = 0;
    fc.assert(
      fc.property(terms, (t) => {
        // The simplifier's own failures are its tests' business (test/simplify-*.test.ts).
        let result: Term;
        try {
          result = simplify(t, { theory }).term;
        } catch (error) {
          if (error instanceof DsatError) return;
          throw error;
        }
        // proveEqual replays its proof and throws if the checker rejects it.
        const { proof } = proveEqual(t, result, { theory, nodeLimit: 3_000, iterLimit: 10 });
        if (proof === undefined) return;
        proven++;
        expect(proof.start).toBe(t);
        expect(proofEnd(proof)).toBe(result);
      }),
      { numRuns: 80 },
    );
    // Most simplifications are reachable by the rules (see docs/explanations.md for those that are not).
    expect(proven).toBeGreaterThan(40);
  });
});
