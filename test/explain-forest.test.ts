import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { constantFolding } from "../src/egraph/constant-folding.js";
import { EGraph } from "../src/egraph/egraph.js";
import { proofEnd } from "../src/egraph/explain-types.js";
import { extractBest } from "../src/egraph/extract.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { runRewrites } from "../src/egraph/runner.js";
import { DsatError } from "../src/errors.js";
import { checkProof } from "../src/explain/check.js";
import type { Rule, RuleSet } from "../src/rules/rule.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { baseTheory, extend } from "../src/theory.js";
import { termArbitrary } from "./support/arbitrary.js";
import { pattern, rule, term } from "./support/rules.js";

/**
 * Explanation mode of the e-graph: ids stand for exact terms, unions become proof steps at
 * the right positions and in the right direction, constant folds are explained through
 * their operands, shorter routes are found, and nothing about the classes changes.
 */

const ruleSet = (name: string, rules: Rule[]): RuleSet => ({ name, rules });
/** The base theory with these rule sets, so the checker can find the rules by name. */
const theoryWith = (...sets: RuleSet[]) =>
  extend(baseTheory, (draft) => {
    for (const set of sets) draft.ruleSets[set.name] = set as never;
  });

describe("ids in explanation mode", () => {
  test("each id stands for exactly the term added, though its class existed; the hashcons does not grow", () => {
    const zero = ruleSet("t", [rule("add-zero", "(+ ?a 0)", "?a")]);
    const egraph = new EGraph({ explanations: true });
    const plain = egraph.add(term("(* x 2)"));
    const padded = egraph.add(term("(+ x 0)"));
    runRewrites(egraph, compileRewrites(zero));
    egraph.rebuild();
    const size = egraph.hashconsSize;
    const late = egraph.add(term("(* (+ x 0) 2)"));
    expect(egraph.hashconsSize).toBe(size);
    expect(egraph.find(late)).toBe(egraph.find(plain));
    expect(late).not.toBe(plain);
    expect(egraph.explanations!.termOf(late)).toBe(term("(* (+ x 0) 2)"));
    expect(egraph.explanations!.termOf(plain)).toBe(term("(* x 2)"));
    expect(egraph.explanations!.termOf(padded)).toBe(term("(+ x 0)"));
  });

  test("without explanations there is no proof forest and explaining is an error", () => {
    const egraph = new EGraph();
    const a = egraph.add(term("x"));
    expect(egraph.explanations).toBeUndefined();
    expect(() => egraph.explainEquivalence(a, a)).toThrow(DsatError);
  });

  test("terms in different classes cannot be explained", () => {
    const egraph = new EGraph({ explanations: true });
    const a = egraph.add(term("x"));
    const b = egraph.add(term("y"));
    expect(() => egraph.explainEquivalence(a, b)).toThrow(/not equal/);
  });
});

describe("proofs", () => {
  test("a rule applied inside a term is one step at that position; backwards the other way", () => {
    const set = ruleSet("t", [rule("add-zero", "(+ ?a 0)", "?a")]);
    const theory = theoryWith(set);
    const egraph = new EGraph({ explanations: { theory } });
    const a = egraph.add(term("(* (+ x 0) 2)"));
    const b = egraph.add(term("(* x 2)"));
    runRewrites(egraph, compileRewrites(set));
    egraph.rebuild();
    const proof = egraph.explainEquivalence(a, b);
    expect(proof.start).toBe(term("(* (+ x 0) 2)"));
    expect(proof.steps).toEqual([
      {
        kind: "rule",
        rule: "add-zero",
        ruleSet: "t",
        direction: "forward",
        position: [0],
        term: term("(* x 2)"),
      },
    ]);
    const back = egraph.explainEquivalence(b, a);
    expect(back.steps).toEqual([
      {
        kind: "rule",
        rule: "add-zero",
        ruleSet: "t",
        direction: "backward",
        position: [0],
        term: term("(* (+ x 0) 2)"),
      },
    ]);
    expect(checkProof(proof, { theory })).toEqual({ ok: true });
    expect(checkProof(back, { theory })).toEqual({ ok: true });
  });

  test("a <=> rule used right to left is named once, as a backward step", () => {
    const set = ruleSet("t", [rule("mul-same", "(* ?a ?a)", "(^ ?a 2)", [], true)]);
    const theory = theoryWith(set);
    const egraph = new EGraph({ explanations: { theory } });
    const square = egraph.add(term("(^ y 2)"));
    runRewrites(egraph, compileRewrites(set));
    egraph.rebuild();
    const product = egraph.add(term("(* y y)"));
    const proof = egraph.explainEquivalence(square, product);
    expect(proof.steps.map((s) => [s.rule, s.direction, s.position])).toEqual([["mul-same", "backward", []]]);
    expect(checkProof(proof, { theory, from: term("(^ y 2)"), to: term("(* y y)") })).toEqual({ ok: true });
  });

  test("a folded constant is explained by folding its operands first, innermost first", () => {
    const egraph = new EGraph({ analysis: constantFolding(baseTheory), explanations: true });
    const expression = egraph.add(term("(+ 1 (* 2 3))"));
    egraph.rebuild();
    const seven = egraph.add(num(7));
    const proof = egraph.explainEquivalence(expression, seven);
    expect(proof.steps).toEqual([
      { kind: "fold", direction: "forward", position: [1], term: term("(+ 1 6)") },
      { kind: "fold", direction: "forward", position: [], term: num(7) },
    ]);
    expect(checkProof(proof, { theory: baseTheory })).toEqual({ ok: true });
    // The other way round: unfold, then the operand back.
    const back = egraph.explainEquivalence(seven, expression);
    expect(back.steps.map((s) => [s.kind, s.direction, s.position])).toEqual([
      ["fold", "backward", []],
      ["fold", "backward", [1]],
    ]);
    expect(checkProof(back, { theory: baseTheory })).toEqual({ ok: true });
  });

  test("unions given without a rule appear as 'given' steps, through congruence, and the checker rejects them", () => {
    const egraph = new EGraph({ explanations: true });
    const sinA = egraph.add(term("(sin a)"));
    const sinB = egraph.add(term("(sin b)"));
    const [a, b, p, q] = ["a", "b", "p", "q"].map((n) => egraph.add(sym(n)));
    egraph.union(a!, p!);
    egraph.union(p!, q!);
    egraph.union(q!, b!);
    egraph.rebuild();
    const proof = egraph.explainEquivalence(sinA, sinB);
    expect(proof.steps.map((s) => [s.kind, s.position, s.term])).toEqual([
      ["given", [0], term("(sin p)")],
      ["given", [0], term("(sin q)")],
      ["given", [0], term("(sin b)")],
    ]);
    expect(checkProof(proof, { theory: baseTheory })).toMatchObject({ ok: false, step: 1 });
  });

  test("a rule applied again between terms already equal gives a shorter proof than the union history", () => {
    const chain = ruleSet("chain", [rule("a-p", "a", "p"), rule("p-q", "p", "q"), rule("q-b", "q", "b")]);
    const shortcut = ruleSet("shortcut", [rule("a-b", "a", "b")]);
    const theory = theoryWith(chain, shortcut);
    const egraph = new EGraph({ explanations: { theory } });
    const [a, b] = ["a", "b", "p", "q"].map((n) => egraph.add(sym(n)));
    runRewrites(egraph, compileRewrites(chain));
    runRewrites(egraph, compileRewrites(shortcut));
    egraph.rebuild();
    const history = egraph.explainEquivalence(a!, b!, { shortest: false });
    expect(history.steps.map((s) => s.rule)).toEqual(["a-p", "p-q", "q-b"]);
    const shortest = egraph.explainEquivalence(a!, b!);
    expect(shortest.steps.map((s) => s.rule)).toEqual(["a-b"]);
    expect(checkProof(history, { theory })).toEqual({ ok: true });
    expect(checkProof(shortest, { theory })).toEqual({ ok: true });
  });

  test("a condition the class shows but the matched term does not is shown on another term of the class", () => {
    // u's class also holds exp(y), which is positive: div-self applies to u/u, and the proof
    // rewrites both u to exp(y) so that the condition holds on the terms it rewrites.
    const set = ruleSet("t", [
      rule("u-is-exp", "u", "(exp y)"),
      rule("div-self", "(/ ?a ?a)", "1", [{ predicate: "nonzero?", args: [pattern("?a")] }]),
    ]);
    const theory = theoryWith(set);
    const egraph = new EGraph({ analysis: arithmeticAnalysis(theory), explanations: { theory } });
    const quotient = egraph.add(term("(/ u u)"));
    runRewrites(egraph, compileRewrites(set));
    egraph.rebuild();
    const one = egraph.add(num(1));
    expect(egraph.find(quotient)).toBe(egraph.find(one));
    const proof = egraph.explainEquivalence(quotient, one);
    expect(proof.steps.map((s) => [s.rule, s.position])).toEqual([
      ["u-is-exp", [0]],
      ["u-is-exp", [1]],
      ["div-self", []],
    ]);
    expect(checkProof(proof, { theory })).toEqual({ ok: true });
  });

  test("a match whose condition holds on classes but on none of their terms is not applied when explaining", () => {
    // (2/z) is nonzero wherever it is defined (the class view); no term shows that.
    const set = ruleSet("t", [
      rule("div-self", "(/ ?a ?a)", "1", [{ predicate: "nonzero?", args: [pattern("?a")] }]),
    ]);
    const theory = theoryWith(set);
    const run = (explanations: boolean) => {
      const egraph = new EGraph({
        analysis: arithmeticAnalysis(theory),
        explanations: explanations && { theory },
      });
      const quotient = egraph.add(term("(/ (/ 2 z) (/ 2 z))"));
      runRewrites(egraph, compileRewrites(set));
      egraph.rebuild();
      return egraph.find(quotient) === egraph.lookup(num(1));
    };
    expect(run(false)).toBe(true);
    expect(run(true)).toBe(false);
  });

  test("a rewrite 100,000 levels deep is explained and checked without recursion", () => {
    const set = ruleSet("t", [rule("mul-one", "(* ?a 1)", "?a")]);
    const theory = theoryWith(set);
    let deep: Term = app("*", [sym("x"), num(1)]);
    let shallow: Term = sym("x");
    for (let i = 0; i < 100_000; i++) {
      deep = app("neg", [deep]);
      shallow = app("neg", [shallow]);
    }
    const egraph = new EGraph({ explanations: { theory } });
    const a = egraph.add(deep);
    const b = egraph.add(shallow);
    runRewrites(egraph, compileRewrites(set), { nodeLimit: 1_000_000 });
    egraph.rebuild();
    const proof = egraph.explainEquivalence(a, b);
    expect(proof.steps).toHaveLength(1);
    expect(proof.steps[0]!.position).toHaveLength(100_000);
    expect(checkProof(proof, { theory, from: deep, to: shallow })).toEqual({ ok: true });
  });
});

describe("explanations keep the e-graph's meaning", () => {
  // Rules without conditions: every match is applied with or without explanations.
  const rules = ruleSet("t", [
    rule("add-comm", "(+ ?a ?b)", "(+ ?b ?a)"),
    rule("mul-comm", "(* ?a ?b)", "(* ?b ?a)"),
    rule("add-assoc", "(+ ?a (+ ?b ?c))", "(+ (+ ?a ?b) ?c)", [], true),
    rule("distribute", "(* ?a (+ ?b ?c))", "(+ (* ?a ?b) (* ?a ?c))", [], true),
    rule("add-zero", "(+ ?a 0)", "?a"),
    rule("mul-one", "(* ?a 1)", "?a"),
    rule("add-same", "(+ ?a ?a)", "(* 2 ?a)", [], true),
  ]);
  const rewrites = compileRewrites(rules);

  test("saturated, the same classes and the same cheapest cost; invariants hold; every explanation checks", () => {
    const theory = theoryWith(rules);
    const terms = termArbitrary({ operators: ["+", "*", "neg"], maxDepth: 3, numbers: "integers" });
    let compared = 0;
    fc.assert(
      fc.property(terms, (t) => {
        const run = (explanations: boolean) => {
          const egraph = new EGraph({
            analysis: arithmeticAnalysis(theory),
            explanations: explanations && { theory },
          });
          const root = egraph.add(t);
          const report = runRewrites(egraph, rewrites, { iterLimit: 12, nodeLimit: 4_000 });
          egraph.rebuild();
          return { egraph, root, report, best: extractBest(egraph, root) };
        };
        const off = run(false);
        const on = run(true);
        on.egraph.checkInvariants();
        if (on.report.stopReason === "saturated" && off.report.stopReason === "saturated") {
          compared++;
          expect(on.egraph.classCount).toBe(off.egraph.classCount);
          expect(on.best.cost).toBe(off.best.cost);
        }
        const best = on.best.term;
        const proof = on.egraph.explainEquivalence(on.root, on.egraph.add(best));
        expect(proofEnd(proof)).toBe(best);
        expect(checkProof(proof, { theory, from: t, to: best })).toEqual({ ok: true });
      }),
      { numRuns: 60 },
    );
    // The comparison must not pass by never happening.
    expect(compared).toBeGreaterThan(10);
  });
});
