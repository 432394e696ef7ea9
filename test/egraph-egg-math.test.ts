import { describe, expect, test } from "vitest";
import { eggAnalysis, eggCost, eggRewrites, eggRules, eggTheory } from "../bench/support/egg-conditions.js";
import { noAnalysis } from "../src/egraph/analysis.js";
import { EGraph } from "../src/egraph/egraph.js";
import { extractBest } from "../src/egraph/extract.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { provesEqual, type RunnerOptions, runRewrites } from "../src/egraph/runner.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import type { Rational } from "../src/term/rational.js";
import { treeSize } from "../src/term/traverse.js";

const theory = eggTheory();
const parse = (text: string) => parseSExpr(text, { theory });

describe("egg's math suite, in our rule language", () => {
  test("bench/egg-math.rules gives egg's 36 rewrites (add-zero and mul-one as reverse directions)", () => {
    const names = eggRewrites().map((r) => r.name);
    expect(names).toHaveLength(36);
    expect(names).toContain("zero-add-rev");
    expect(names).toContain("one-mul-rev");
    expect(new Set(names).size).toBe(36);
  });

  // egg's goal tests (tests/math.rs): start term, the goal it proves, and the runner egg uses.
  // `seeGoal`: egg adds the goal term to the e-graph first ("HACK this needs to see the end
  // expression"), for diff_power_harder only.
  type Limits = RunnerOptions<Rational | undefined> & { seeGoal?: boolean };
  const goals: [string, string, string, Limits?][] = [
    ["math_simplify_add", "(+ x (+ x (+ x x)))", "(* 4 x)"],
    ["math_powers", "(* (pow 2 x) (pow 2 y))", "(pow 2 (+ x y))"],
    ["math_simplify_const", "(+ 1 (- a (* (- 2 1) a)))", "1"],
    [
      "math_simplify_root",
      "(/ 1 (- (/ (+ 1 (sqrt five)) 2) (/ (- 1 (sqrt five)) 2)))",
      "(/ 1 (sqrt five))",
      { nodeLimit: 75_000 },
    ],
    ["math_simplify_factor", "(* (+ x 3) (+ x 1))", "(+ (+ (* x x) (* 4 x)) 3)"],
    ["math_diff_same", "(d x x)", "1"],
    ["math_diff_different", "(d x y)", "0"],
    ["math_diff_simple1", "(d x (+ 1 (* 2 x)))", "2"],
    ["math_diff_simple2", "(d x (+ 1 (* y x)))", "y"],
    ["math_diff_ln", "(d x (ln x))", "(/ 1 x)"],
    ["diff_power_simple", "(d x (pow x 3))", "(* 3 (pow x 2))"],
    [
      "diff_power_harder",
      "(d x (- (pow x 3) (* 7 (pow x 2))))",
      "(* x (- (* 3 x) 14))",
      { iterLimit: 60, nodeLimit: 100_000, timeLimitMs: 30_000, seeGoal: true },
    ],
    ["integ_one", "(i 1 x)", "x"],
    ["integ_sin", "(i (cos x) x)", "(sin x)"],
    ["integ_x", "(i (pow x 1) x)", "(/ (pow x 2) 2)"],
    ["integ_part1", "(i (* x (cos x)) x)", "(+ (* x (sin x)) (cos x))"],
    ["integ_part2", "(i (* (cos x) x) x)", "(+ (* x (sin x)) (cos x))"],
    ["integ_part3", "(i (ln x) x)", "(- (* x (ln x)) x)"],
  ];

  test.each(goals)("%s: %s = %s", (_name, start, goal, limits) => {
    const egraph = new EGraph({ analysis: eggAnalysis() });
    const root = egraph.add(parse(start));
    if (limits?.seeGoal) egraph.add(parse(goal));
    const report = runRewrites(egraph, eggRewrites(), {
      timeLimitMs: 30_000, // generous: this is a correctness test, not a timing
      ...limits,
      goal: provesEqual(root, [parse(goal)]),
    });
    expect(report.stopReason).toBe("goal-reached");
    expect(egraph.find(egraph.lookup(parse(goal))!)).toBe(egraph.find(root));
    egraph.checkInvariants();
  });

  test("AC on (+ 1 (+ 2 … 7)), no analysis, simple scheduler, 7 iterations: exactly 127 e-classes", () => {
    // 7 leaves plus one class per subset of two or more of them: 7 + (2^7 - 1 - 7) = 127.
    const egraph = new EGraph({ analysis: noAnalysis });
    egraph.add(parse("(+ 1 (+ 2 (+ 3 (+ 4 (+ 5 (+ 6 7))))))"));
    const report = runRewrites(egraph, eggRewrites(["comm-add", "assoc-add"]), {
      scheduler: "simple",
      iterLimit: 7,
      nodeLimit: 1_000_000,
      timeLimitMs: 60_000,
    });
    expect(report.iterations).toBe(7);
    expect(egraph.classCount).toBe(127);
    egraph.checkInvariants();
  });

  test("egg's best term for the polynomial derivative has cost 7 (egg: (* x (+ -14 (* x 3))))", () => {
    const egraph = new EGraph({ analysis: eggAnalysis() });
    const root = egraph.add(parse("(d x (- (pow x 3) (* 7 (pow x 2))))"));
    runRewrites(egraph, eggRewrites(), { timeLimitMs: 60_000 });
    const best = extractBest(egraph, root, eggCost);
    expect(best.cost).toBe(7);
    expect(treeSize(best.term)).toBe(7);
    // Whatever the shape, it must be a polynomial equal to 3x^2 - 14x: check at a few points.
    for (const x of [0, 1, 2, -3, 5]) {
      const value = evaluatePolynomial(best.term, x);
      expect(value + 0).toBe(3 * x * x - 14 * x + 0); // + 0 turns -0 into 0
    }
  });
});

/** Evaluates a term over + - * and numbers with x bound, for the check above. */
function evaluatePolynomial(term: ReturnType<typeof parse>, x: number): number {
  const stack: [typeof term, boolean][] = [[term, false]];
  const values = new Map<number, number>();
  while (stack.length > 0) {
    const [t, expanded] = stack.pop()!;
    if (t.kind === "num") values.set(t.id, t.value.toNumber());
    else if (t.kind === "sym") values.set(t.id, x);
    else if (!expanded) {
      stack.push([t, true]);
      for (const a of t.args) stack.push([a, false]);
    } else {
      const [a, b] = t.args.map((arg) => values.get(arg.id)!);
      values.set(t.id, t.op === "+" ? a! + b! : t.op === "-" ? a! - b! : t.op === "*" ? a! * b! : Number.NaN);
    }
  }
  return values.get(term.id)!;
}

describe("rules compile with checks", () => {
  test("a rule whose condition has no class-level meaning is an error when compiled", () => {
    const [rule] = eggRules(["div-canon"]);
    expect(() => compileRewrites([rule!])).toThrow(/not-zero.*no meaning on e-classes/);
  });
});
