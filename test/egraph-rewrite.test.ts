import { describe, expect, test } from "vitest";
import { noAnalysis } from "../src/egraph/analysis.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { EGraph } from "../src/egraph/egraph.js";
import { Extractor, extractBest } from "../src/egraph/extract.js";
import { Machine, MatchList } from "../src/egraph/machine.js";
import { compilePattern } from "../src/egraph/pattern.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { runRewrites } from "../src/egraph/runner.js";
import { backoffScheduler } from "../src/egraph/scheduler.js";
import type { Condition } from "../src/rules/rule.js";
import { app, sym, type Term } from "../src/term/term.js";
import { baseTheory } from "../src/theory.js";
import { pattern, rule, term } from "./support/rules.js";

const condition = (predicate: string, ...args: string[]): Condition => ({
  predicate,
  args: args.map(pattern),
});

/** Every match of `lhs` in `egraph`, as [class, ...bindings]. */
function matchesOf(egraph: EGraph<unknown>, lhs: string): number[][] {
  egraph.rebuild();
  const list = new MatchList();
  new Machine().search(egraph, compilePattern(pattern(lhs)), Number.POSITIVE_INFINITY, list);
  const out: number[][] = [];
  for (let m = 0; m < list.length; m++) {
    out.push(Array.from(list.data.subarray(m * list.stride, (m + 1) * list.stride)));
  }
  return out;
}

describe("e-matching", () => {
  test("a pattern with a repeated variable matches only equal children", () => {
    const egraph = new EGraph();
    const xx = egraph.add(term("(- x x)"));
    egraph.add(term("(- x y)"));
    const x = egraph.lookup(sym("x"))!;
    expect(matchesOf(egraph, "(- ?a ?a)")).toEqual([[xx, x]]);
  });

  test("ground subterms are looked up; nested operators bind through classes", () => {
    const egraph = new EGraph();
    const a = egraph.add(term("(+ (* y 2) 0)"));
    egraph.add(term("(+ (* y 3) 0)"));
    egraph.add(term("(+ (* y 2) 1)"));
    const y = egraph.lookup(sym("y"))!;
    expect(matchesOf(egraph, "(+ (* ?b 2) 0)")).toEqual([[a, y]]);
  });

  test("matching sees classes, not terms: after a union a pattern matches across both", () => {
    const egraph = new EGraph();
    const root = egraph.add(term("(* (+ a b) c)"));
    const c = egraph.add(sym("c"));
    egraph.union(c, egraph.add(term("(+ p q)")));
    // (* (+ ?x ?y) (+ ?z ?w)) now matches: c's class holds (+ p q).
    expect(matchesOf(egraph, "(* (+ ?x ?y) (+ ?z ?w))")).toHaveLength(1);
    expect(matchesOf(egraph, "(* (+ ?x ?y) (+ ?z ?w))")[0]![0]).toBe(egraph.find(root));
  });

  test("a bare variable matches every class once", () => {
    const egraph = new EGraph();
    egraph.add(term("(+ a (* b c))"));
    expect(matchesOf(egraph, "?v")).toHaveLength(5);
  });
});

describe("rewrites", () => {
  test("a <=> rule becomes two rewrites, each scheduled on its own", () => {
    const rewrites = compileRewrites([rule("zero-add", "(+ ?a 0)", "?a", [], true)]);
    expect(rewrites.map((r) => r.name)).toEqual(["zero-add", "zero-add-rev"]);
    expect(rewrites[1]!.searcher.root.kind).toBe("variable");
  });

  test("a right side using a variable the left side does not bind is an error at compile time", () => {
    expect(() => compileRewrites([rule("bad", "(+ ?a 0)", "?b")])).toThrow(/\?b.*does not bind/);
  });

  test("conditions are checked on classes: (/ ?a ?a) => 1 only where ?a is provably nonzero", () => {
    const egraph = new EGraph({ analysis: arithmeticAnalysis(baseTheory) });
    const safe = egraph.add(term("(/ (exp x) (exp x))"));
    const risky = egraph.add(term("(/ x x)"));
    runRewrites(egraph, compileRewrites([rule("div-self", "(/ ?a ?a)", "1", [condition("nonzero?", "?a")])]));
    const one = egraph.lookup(term("1"))!;
    expect(egraph.find(safe)).toBe(egraph.find(one));
    expect(egraph.find(risky)).not.toBe(egraph.find(one));
  });

  test("(* 1 x) with comm-mul and one-mul extracts x", () => {
    const egraph = new EGraph();
    const root = egraph.add(term("(* 1 x)"));
    runRewrites(
      egraph,
      compileRewrites([rule("comm-mul", "(* ?a ?b)", "(* ?b ?a)"), rule("one-mul", "(* ?a 1)", "?a")]),
    );
    expect(extractBest(egraph, root)).toEqual({ term: sym("x"), cost: 1 });
  });
});

describe("runner", () => {
  const ac = compileRewrites([
    rule("comm-add", "(+ ?a ?b)", "(+ ?b ?a)"),
    rule("assoc-add", "(+ ?a (+ ?b ?c))", "(+ (+ ?a ?b) ?c)"),
  ]);
  /** x1 + (x2 + (… + x30)): AC rewriting on it never saturates in any useful time. */
  function bigSum(): Term {
    let sum: Term = sym("x30");
    for (let i = 29; i >= 1; i--) sum = app("+", [sym(`x${i}`), sum]);
    return sum;
  }

  test("saturates when an iteration changes nothing", () => {
    const egraph = new EGraph();
    egraph.add(term("(+ a b)"));
    const report = runRewrites(egraph, ac, { scheduler: "simple" });
    expect(report.stopReason).toBe("saturated");
    expect(report.iterations).toBe(2); // one that adds (+ b a), one that finds nothing new
    expect(report.rules.find((r) => r.name === "comm-add")!.applied).toBe(1);
  });

  test.each(["simple", "backoff"] as const)(
    "AC on a 30-term sum stops at the node limit (%s)",
    (scheduler) => {
      const egraph = new EGraph();
      egraph.add(bigSum());
      const report = runRewrites(egraph, ac, { scheduler, nodeLimit: 3_000, iterLimit: 1_000 });
      expect(report.stopReason).toBe("node-limit");
      expect(report.hashconsSize).toBeGreaterThan(3_000);
      expect(report.iterations).toBeLessThan(1_000);
      egraph.checkInvariants(); // the run rebuilt before stopping
    },
  );

  test("AC on a 30-term sum stops at the iteration limit", () => {
    const egraph = new EGraph();
    egraph.add(bigSum());
    const report = runRewrites(egraph, ac, { scheduler: "simple", iterLimit: 3, nodeLimit: 1e9 });
    expect(report.stopReason).toBe("iteration-limit");
    expect(report.iterations).toBe(3);
    expect(report.iterationReports).toHaveLength(3);
  });

  test("an exhausted time budget stops the run before any iteration", () => {
    const egraph = new EGraph();
    egraph.add(bigSum());
    const report = runRewrites(egraph, ac, { timeLimitMs: -1 });
    expect(report.stopReason).toBe("time-limit");
    expect(report.iterations).toBe(0);
  });

  test("backoff bans a rule that matches too often, and lifts bans instead of stopping early", () => {
    const egraph = new EGraph();
    egraph.add(bigSum());
    const report = runRewrites(egraph, ac, {
      scheduler: backoffScheduler({ matchLimit: 10, banLength: 2 }),
      iterLimit: 12,
      nodeLimit: 1e9,
    });
    expect(report.rules.some((r) => r.bans > 0)).toBe(true);
    expect(report.stopReason).toBe("iteration-limit");
  });

  test("runs are deterministic: same input, same counts and same extracted term", () => {
    const once = () => {
      const egraph = new EGraph();
      const root = egraph.add(bigSum());
      const report = runRewrites(egraph, ac, { iterLimit: 6, nodeLimit: 1e9 });
      return [report.hashconsSize, report.classCount, String(extractBest(egraph, root).term.id)];
    };
    expect(once()).toEqual(once());
  });
});

describe("extraction", () => {
  test("tree size by default; per-operator weights and cost functions change the choice", () => {
    const egraph = new EGraph({ analysis: noAnalysis });
    const sum = egraph.add(term("(+ a b)"));
    egraph.union(sum, egraph.add(term("(sin a)")));
    egraph.rebuild();
    expect(extractBest(egraph, sum)).toEqual({ term: term("(sin a)"), cost: 2 });
    expect(extractBest(egraph, sum, { weights: { sin: 5 } })).toEqual({ term: term("(+ a b)"), cost: 3 });
    const preferSums = (head: { name: string }, childCosts: readonly number[]) =>
      (head.name === "sin" ? 10 : 1) + childCosts.reduce((s, c) => s + c, 0);
    expect(extractBest(egraph, sum, { cost: preferSums }).term).toBe(term("(+ a b)"));
  });

  test("cycles are fine: the cheapest finite term is chosen", () => {
    const egraph = new EGraph();
    const x = egraph.add(sym("x"));
    const fx = egraph.add(term("(sin x)"));
    egraph.union(x, fx); // x = (sin x): the class holds x, (sin x), (sin (sin x)), …
    egraph.rebuild();
    const extractor = new Extractor(egraph);
    expect(extractor.best(fx)).toEqual({ term: sym("x"), cost: 1 });
  });

  test("a cost function that falls as terms grow is reported, not looped on", () => {
    const egraph = new EGraph();
    const x = egraph.add(sym("x"));
    egraph.union(x, egraph.add(term("(sin x)")));
    egraph.rebuild();
    const falling = (head: { kind: string }, childCosts: readonly number[]) =>
      head.kind === "operator" ? childCosts[0]! - 1 : 1;
    expect(() => new Extractor(egraph, { cost: falling }).best(x)).toThrow(/cycle/);
  });

  test("a term nested 100,000 deep is extracted without recursion", () => {
    let t: Term = sym("x");
    for (let i = 0; i < 100_000; i++) t = app("sin", [t]);
    const egraph = new EGraph();
    const root = egraph.add(t);
    egraph.rebuild();
    const best = extractBest(egraph, root);
    expect(best.term).toBe(t);
    expect(best.cost).toBe(100_001);
  });
});
