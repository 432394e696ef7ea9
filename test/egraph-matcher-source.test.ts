import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { EGraph } from "../src/egraph/egraph.js";
import { Machine, MatchList } from "../src/egraph/machine.js";
import { matcherSource } from "../src/egraph/matcher-source.js";
import { compilePattern } from "../src/egraph/pattern.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { termArbitrary } from "./support/arbitrary.js";

const theory = defaultTheory();
// Every left side the simplifier searches with: many shapes (nested binds, repeated
// variables, ground terms such as 0, 1, -1 and 2).
const patterns = ["algebra", "trig", "exp-log"]
  .flatMap((name) => compileRewrites(theory.ruleSets[name]!))
  .map((rewrite) => rewrite.searcher);

const terms = termArbitrary({
  theory,
  operators: ["+", "*", "^", "-", "neg", "sin", "cos", "exp", "log"],
  numbers: "integers",
  maxDepth: 4,
});

/** The matches as plain rows, for comparing. */
function rows(list: MatchList): number[][] {
  const out: number[][] = [];
  for (let m = 0; m < list.length; m++)
    out.push(Array.from(list.data.subarray(m * list.stride, (m + 1) * list.stride)));
  return out;
}

describe("generated matchers", () => {
  test("find exactly the interpreter's matches, in its order, on random e-graphs with unions", () => {
    fc.assert(
      fc.property(
        fc.array(terms, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (seeds, unions, limit) => {
          const egraph = new EGraph();
          const ids = seeds.map((t) => egraph.add(t));
          for (const [i, j] of unions) egraph.union(ids[i % ids.length]!, ids[j % ids.length]!);
          egraph.rebuild();
          const generated = new Machine();
          const interpreted = new Machine();
          interpreted.generated = false;
          const a = new MatchList();
          const b = new MatchList();
          for (const pattern of patterns) {
            for (const cap of [Number.POSITIVE_INFINITY, limit]) {
              const foundA = generated.search(egraph, pattern, cap, a);
              const foundB = interpreted.search(egraph, pattern, cap, b);
              expect(foundA).toBe(foundB);
              expect(rows(a)).toEqual(rows(b));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test("a pattern's checks continue the loop of the bind that produced their registers", () => {
    const pattern = compilePattern(parseSExpr("(+ (* ?c ?a) (* ?d ?a))", { theory, patternVariables: true }));
    const source = matcherSource(pattern);
    // Three binds, three nested loops; the repeated ?a is compared in the innermost one.
    expect(source.match(/for \(; j\d/g)).toHaveLength(3);
    const innermost = source.slice(source.lastIndexOf("for (; j"));
    expect(innermost).toMatch(/if \(r\d+ !== r\d+\) continue;/);
  });

  test("patterns not rooted at an operator are left to the interpreter", () => {
    expect(() => matcherSource(compilePattern(parseSExpr("?a", { theory, patternVariables: true })))).toThrow(
      RangeError,
    );
  });
});
