import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { EGraph } from "../src/egraph/egraph.js";
import { Machine, MatchList } from "../src/egraph/machine.js";
import { OperatorEdges } from "../src/egraph/operator-edges.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { awakeRules, rulePlanOf } from "../src/egraph/rule-plan.js";
import { runRewrites } from "../src/egraph/runner.js";
import type { Term } from "../src/term/term.js";
import { termArbitrary } from "./support/arbitrary.js";

/**
 * The shortcuts the runner takes before searching a rule (src/egraph/rule-plan.ts and
 * operator-edges.ts) must never skip a rule that has a match: on random e-graphs, a rule left
 * asleep or ruled out by its operator pairs finds nothing when searched anyway, and the cached
 * list of awake rules is the one computed afresh.
 */

const theory = defaultTheory();
const analysis = arithmeticAnalysis(theory);
const rewrites = ["algebra", "trig", "exp-log"].flatMap((name) => compileRewrites(theory.ruleSets[name]!));
const plan = rulePlanOf(rewrites);
const terms = termArbitrary({
  operators: ["+", "-", "*", "/", "^", "neg", "sin", "cos", "exp", "log"],
  maxDepth: 3,
});

/** An e-graph of `terms`, saturated a little so that classes hold several nodes. */
function egraphOf(start: readonly Term[], iterations: number) {
  const egraph = new EGraph({ analysis });
  for (const t of start) egraph.add(t);
  runRewrites(egraph, rewrites, { iterLimit: iterations, nodeLimit: 300, timeLimitMs: 60_000 });
  egraph.rebuild();
  return egraph;
}

describe("rule plan", () => {
  test("the awake rules are those whose every operator has a head, however often asked", () => {
    fc.assert(
      fc.property(fc.array(terms, { minLength: 1, maxLength: 3 }), fc.nat(2), (start, iterations) => {
        const egraph = egraphOf(start, iterations);
        const expected = rewrites
          .map((rewrite, r) => ({ rewrite, r }))
          .filter(({ rewrite }) =>
            rewrite.searcher.operators.every((op) => egraph.heads.findOperator(op.name) >= 0),
          )
          .map(({ r }) => r);
        expect([...awakeRules(plan, egraph.heads)]).toEqual(expected);
        expect([...awakeRules(plan, egraph.heads)]).toEqual(expected); // from the cache
      }),
      { numRuns: 60 },
    );
  });

  test("a rule whose operator pairs do not all occur has no match", () => {
    const machine = new Machine();
    const matches = new MatchList();
    const edges = new OperatorEdges();
    fc.assert(
      fc.property(fc.array(terms, { minLength: 1, maxLength: 3 }), fc.nat(2), (start, iterations) => {
        const egraph = egraphOf(start, iterations);
        edges.compute(egraph.searchView(), egraph.heads);
        for (let r = 0; r < rewrites.length; r++) {
          if (edges.allPresent(plan.edges, plan.edgeStart[r]!, plan.edgeStart[r + 1]!)) continue;
          expect(machine.search(egraph, rewrites[r]!.searcher, Number.POSITIVE_INFINITY, matches)).toBe(0);
        }
      }),
      { numRuns: 80 },
    );
  });
});
