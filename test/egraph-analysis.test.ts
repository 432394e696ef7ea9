import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SIGN_NEGATIVE, SIGN_POSITIVE, SIGN_ZERO } from "../src/egraph/analysis.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { builtinClassPredicates, classFreeOf } from "../src/egraph/class-predicates.js";
import { constantFolding } from "../src/egraph/constant-folding.js";
import { EGraph } from "../src/egraph/egraph.js";
import { extractBest } from "../src/egraph/extract.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { runRewrites } from "../src/egraph/runner.js";
import { DivisionByZeroError, DsatError } from "../src/errors.js";
import { evaluateExact } from "../src/eval/evaluate.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { postorder } from "../src/term/traverse.js";
import { baseTheory } from "../src/theory.js";
import { rule, term } from "./support/rules.js";

// Sound everywhere both sides are defined, and they keep definedness: no constant can be
// merged into a class holding an undefined term.
const soundRules = compileRewrites([
  rule("comm-add", "(+ ?a ?b)", "(+ ?b ?a)"),
  rule("comm-mul", "(* ?a ?b)", "(* ?b ?a)"),
  rule("assoc-add", "(+ ?a (+ ?b ?c))", "(+ (+ ?a ?b) ?c)"),
  rule("distribute", "(* ?a (+ ?b ?c))", "(+ (* ?a ?b) (* ?a ?c))"),
  rule("sub-self", "(- ?a ?a)", "0"),
]);

/** Ground arithmetic over small integers, zero divisors included. */
const { ground } = fc.letrec<{ ground: Term }>((tie) => ({
  ground: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -3, max: 3 }).map((n) => num(n)),
    fc
      .tuple(fc.constantFrom("+", "-", "*", "/"), tie("ground"), tie("ground"))
      .map(([op, a, b]) => app(op, [a, b])),
  ),
}));

function exactValue(t: Term): Rational | undefined {
  try {
    return evaluateExact(t, {}, { theory: baseTheory });
  } catch (error) {
    if (error instanceof DivisionByZeroError) return undefined;
    throw error;
  }
}

describe("constant folding", () => {
  test.each([false, true])(
    "property: every class's constant is the exact value of its terms (prune %s)",
    (prune) => {
      fc.assert(
        fc.property(fc.array(ground, { minLength: 1, maxLength: 4 }), (terms) => {
          const egraph = new EGraph({ analysis: constantFolding(baseTheory, { prune }) });
          for (const t of terms) egraph.add(t);
          runRewrites(egraph, soundRules, { iterLimit: 3, nodeLimit: 2_000 });
          for (const t of terms) {
            for (const s of postorder(t)) {
              const id = egraph.lookup(s)!;
              expect(egraph.data(id)?.key).toBe(exactValue(s)?.key);
            }
          }
          // Any term of a constant class evaluates to the constant: extract one avoiding literals.
          const avoidLiterals = (head: { kind: string }, childCosts: readonly number[]) =>
            (head.kind === "number" ? 1_000 : 1) + childCosts.reduce((sum, c) => sum + c, 0);
          for (const id of egraph.classes()) {
            const value = egraph.data(id);
            if (value === undefined) continue;
            const { term: extracted } = extractBest(egraph, id, { cost: avoidLiterals });
            expect(exactValue(extracted)?.key).toBe(value.key);
          }
          egraph.checkInvariants();
        }),
        { numRuns: 150 },
      );
    },
  );

  test("a constant class gets its literal and is pruned to it (egg's modify)", () => {
    const egraph = new EGraph({ analysis: constantFolding(baseTheory) });
    const sum = egraph.add(term("(+ 1 (* 2 3))"));
    egraph.rebuild();
    expect(egraph.data(sum)?.toString()).toBe("7");
    expect(egraph.find(sum)).toBe(egraph.find(egraph.lookup(num(7))!));
    const nodes = egraph.classNodes(sum);
    expect(nodes.length).toBe(1);
    expect(egraph.heads.valueOf(egraph.nodeHead(nodes[0]!))?.toString()).toBe("7");
    // The pruned node is still hash-consed: adding it again finds the class.
    expect(egraph.find(egraph.add(term("(+ 1 (* 2 3))")))).toBe(egraph.find(sum));
    egraph.checkInvariants();
  });

  test("a zero divisor does not fold", () => {
    const egraph = new EGraph({ analysis: constantFolding(baseTheory) });
    const id = egraph.add(term("(/ 1 (- 2 2))"));
    egraph.rebuild();
    expect(egraph.data(id)).toBeUndefined();
  });

  test("merging two different constants fails loudly", () => {
    const egraph = new EGraph({ analysis: constantFolding(baseTheory) });
    const one = egraph.add(num(1));
    const two = egraph.add(term("(+ 1 1)"));
    expect(() => egraph.union(one, two)).toThrow(DsatError);
    expect(() => egraph.union(one, two)).toThrow(/different constants, 1 and 2/);
  });

  test("a class learns its constant when a member becomes foldable later (analysis re-runs on parents)", () => {
    const egraph = new EGraph({ analysis: constantFolding(baseTheory) });
    const sum = egraph.add(term("(+ x 1)"));
    expect(egraph.data(sum)).toBeUndefined();
    egraph.union(egraph.add(sym("x")), egraph.add(num(4)));
    egraph.rebuild();
    expect(egraph.data(sum)?.toString()).toBe("5");
    egraph.checkInvariants();
  });
});

describe("arithmetic facts for conditions", () => {
  const analysis = arithmeticAnalysis(baseTheory);
  const signOf = (text: string) => {
    const egraph = new EGraph({ analysis });
    const id = egraph.add(term(text));
    egraph.rebuild();
    return egraph.data(id).sign;
  };

  test.each([
    ["(exp x)", SIGN_POSITIVE],
    ["(+ (^ x 2) 1)", SIGN_POSITIVE],
    ["(^ x 2)", SIGN_ZERO | SIGN_POSITIVE],
    ["(neg (exp x))", SIGN_NEGATIVE],
    ["(* -2 (exp x))", SIGN_NEGATIVE],
    ["(/ 1 (exp y))", SIGN_POSITIVE],
    ["(sqrt x)", SIGN_ZERO | SIGN_POSITIVE],
    ["(- 3 5)", SIGN_NEGATIVE],
  ])("sign of %s", (text, expected) => {
    expect(signOf(text)).toBe(expected);
  });

  test("a class is nonzero when any of its terms is provably nonzero", () => {
    const egraph = new EGraph({ analysis });
    const x = egraph.add(sym("x"));
    const nonzero = builtinClassPredicates.get("nonzero?")!;
    egraph.rebuild();
    expect(nonzero.holds(egraph, Int32Array.of(x), [undefined])).toBe(false);
    egraph.union(x, egraph.add(term("(exp y)")));
    egraph.rebuild();
    expect(nonzero.holds(egraph, Int32Array.of(x), [undefined])).toBe(true);
  });

  test("free-of: a class is free of x once it has a term without x", () => {
    const egraph = new EGraph({ analysis });
    const e = egraph.add(term("(+ x y)"));
    const x = egraph.add(sym("x"));
    egraph.rebuild();
    expect(classFreeOf(egraph, e, x)).toBe(false);
    expect(classFreeOf(egraph, e, egraph.add(sym("z")))).toBe(true);
    egraph.union(e, egraph.add(term("(* 2 y)")));
    egraph.rebuild();
    expect(classFreeOf(egraph, e, x)).toBe(true);
    expect(classFreeOf(egraph, e, egraph.lookup(sym("y"))!)).toBe(false);
  });

  test("constants are folded exactly, with the literal in the class", () => {
    const egraph = new EGraph({ analysis });
    const id = egraph.add(term("(/ 1 3)"));
    egraph.rebuild();
    expect(egraph.data(id).constant?.equals(Rational.of(1n, 3n))).toBe(true);
    expect(egraph.data(id).sign).toBe(SIGN_POSITIVE);
  });
});
