import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { replaceAt } from "../src/egraph/explain-proof.js";
import type { Proof, ProofStep } from "../src/egraph/explain-types.js";
import { DsatError } from "../src/errors.js";
import { checkProof } from "../src/explain/check.js";
import { proveEqual } from "../src/explain/prove.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { sym, type Term } from "../src/term/term.js";
import { termArbitrary } from "./support/arbitrary.js";

/**
 * The proof checker replays steps with the rewriting engine alone. Hand-made proofs below
 * are checked against what the rules files say (rules/cleanup.rules, rules/algebra.rules).
 */

const theory = defaultTheory();
const term = (text: string) => parseSExpr(text, { theory });
const step = (
  rule: string,
  ruleSet: string,
  position: number[],
  to: string,
  direction: "forward" | "backward" = "forward",
): ProofStep => ({ kind: "rule", rule, ruleSet, direction, position, term: term(to) });

// (1*x) + (x*1) = 2*x: mul-one-left (* 1 ?a) => ?a, mul-one-right (* ?a 1) => ?a, add-same (+ ?a ?a) <=> (* 2 ?a).
const valid: Proof = {
  start: term("(+ (* 1 x) (* x 1))"),
  steps: [
    step("mul-one-left", "cleanup", [0], "(+ x (* x 1))"),
    step("mul-one-right", "cleanup", [1], "(+ x x)"),
    step("add-same", "algebra", [], "(* 2 x)"),
  ],
};

/** `valid` with step `i` (0-based) replaced. */
const withStep = (i: number, replacement: ProofStep): Proof => ({
  start: valid.start,
  steps: valid.steps.map((s, j) => (j === i ? replacement : s)),
});

describe("the checker accepts", () => {
  test("a proof whose every step is one rule at one position", () => {
    expect(checkProof(valid, { theory, from: term("(+ (* 1 x) (* x 1))"), to: term("(* 2 x)") })).toEqual({
      ok: true,
    });
  });

  test("a backward step: the rule applied forward to the new subterm gives the old one", () => {
    // (* 2 x) back to (+ x x) by add-same read right to left; mul-same (* ?a ?a) <=> (^ ?a 2) backward.
    const proof: Proof = {
      start: term("(* 2 x)"),
      steps: [step("add-same", "algebra", [], "(+ x x)", "backward")],
    };
    expect(checkProof(proof, { theory })).toEqual({ ok: true });
    const square: Proof = {
      start: term("(^ y 2)"),
      steps: [step("mul-same", "algebra", [], "(* y y)", "backward")],
    };
    expect(checkProof(square, { theory })).toEqual({ ok: true });
  });

  test("constant folding in both directions, and a conditional rule whose condition holds on the term", () => {
    const proof: Proof = {
      start: term("(+ 1 (* 2 3))"),
      steps: [
        { kind: "fold", direction: "forward", position: [1], term: term("(+ 1 6)") },
        { kind: "fold", direction: "forward", position: [], term: term("7") },
        { kind: "fold", direction: "backward", position: [], term: term("(- 10 3)") },
      ],
    };
    expect(checkProof(proof, { theory })).toEqual({ ok: true });
    // div-self (/ ?a ?a) => 1 if (nonzero? ?a): exp is positive.
    const cancel: Proof = {
      start: term("(/ (exp x) (exp x))"),
      steps: [step("div-self", "cleanup", [], "1")],
    };
    expect(checkProof(cancel, { theory })).toEqual({ ok: true });
  });

  test("the empty proof of a term equal to itself", () => {
    expect(checkProof({ start: term("x"), steps: [] }, { theory, from: term("x"), to: term("x") })).toEqual({
      ok: true,
    });
  });
});

describe("the checker rejects", () => {
  test.each([
    ["an unknown rule", withStep(1, step("mul-one-middle", "cleanup", [1], "(+ x x)")), 2, /no rule/],
    [
      "a rule from the wrong set",
      withStep(1, step("mul-one-right", "algebra", [1], "(+ x x)")),
      2,
      /no rule/,
    ],
    [
      "a rule whose left side does not match",
      withStep(0, step("mul-one-right", "cleanup", [0], "(+ x (* x 1))")),
      1,
      /does not match/,
    ],
    [
      "the wrong position",
      withStep(1, step("mul-one-right", "cleanup", [0], "(+ x x)")),
      2,
      /changed beside|does not match/,
    ],
    [
      "a position outside the term",
      withStep(2, step("add-same", "algebra", [0, 0], "(* 2 x)")),
      3,
      /not in the term|changed above/,
    ],
    [
      "the wrong direction",
      withStep(2, step("add-same", "algebra", [], "(* 2 x)", "backward")),
      3,
      /does not match/,
    ],
    [
      "a right side other than the rule's",
      withStep(2, step("add-same", "algebra", [], "(* 3 x)")),
      3,
      /does not rewrite/,
    ],
    [
      "a change beside the position",
      withStep(1, step("mul-one-right", "cleanup", [1], "(+ y x)")),
      2,
      /changed beside/,
    ],
  ])("%s", (_name, proof, at, reason) => {
    const verdict = checkProof(proof, { theory });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.step).toBe(at);
      expect(verdict.reason).toMatch(reason);
    }
  });

  test("a conditional rule whose condition does not hold on the term (x may be 0)", () => {
    const proof: Proof = { start: term("(/ x x)"), steps: [step("div-self", "cleanup", [], "1")] };
    expect(checkProof(proof, { theory })).toMatchObject({
      ok: false,
      step: 1,
      reason: expect.stringMatching(/nonzero\?/),
    });
  });

  test("a fold to the wrong value, a fold of a non-constant, and a given equality", () => {
    const wrong: Proof = {
      start: term("(+ 2 3)"),
      steps: [{ kind: "fold", direction: "forward", position: [], term: term("6") }],
    };
    expect(checkProof(wrong, { theory })).toMatchObject({ ok: false, step: 1 });
    const symbolic: Proof = {
      start: term("(+ x 0)"),
      steps: [{ kind: "fold", direction: "forward", position: [], term: term("x") }],
    };
    expect(checkProof(symbolic, { theory })).toMatchObject({ ok: false, step: 1 });
    const given: Proof = {
      start: term("a"),
      steps: [{ kind: "given", direction: "forward", position: [], term: term("b") }],
    };
    expect(checkProof(given, { theory })).toMatchObject({ ok: false, step: 1 });
  });

  test("a proof that starts or ends elsewhere than asked", () => {
    expect(checkProof(valid, { theory, from: term("(+ x x)") })).toMatchObject({ ok: false, step: 0 });
    expect(checkProof(valid, { theory, to: term("(+ x x)") })).toMatchObject({ ok: false, step: 3 });
  });
});

describe("proofs the e-graph produces, corrupted", () => {
  const terms = termArbitrary({
    theory,
    operators: ["+", "-", "*", "/", "neg", "^", "sin", "cos", "exp"],
    maxDepth: 3,
    numbers: "integers",
  });
  /** Simplifications the rules can show, with their proofs (checked by proveEqual already). */
  const proofs = terms
    .map((t) => {
      let result: Term;
      try {
        result = simplify(t, { theory }).term;
      } catch (error) {
        // The simplifier's own failures are its tests' business.
        if (error instanceof DsatError) return undefined;
        throw error;
      }
      return proveEqual(t, result, { theory, nodeLimit: 3_000, iterLimit: 10 }).proof;
    })
    .filter((proof): proof is Proof => proof !== undefined && proof.steps.length > 0);

  test("a step whose rewritten subterm is replaced is rejected at that step", () => {
    const stranger = sym("corrupted_subterm");
    fc.assert(
      fc.property(proofs, fc.nat(), (proof, pick) => {
        expect(checkProof(proof, { theory })).toEqual({ ok: true });
        const i = pick % proof.steps.length;
        const original = proof.steps[i]!;
        const corrupted: Proof = {
          start: proof.start,
          steps: proof.steps.map((s, j) =>
            j === i ? { ...s, term: replaceAt(original.term, original.position, stranger) } : s,
          ),
        };
        expect(checkProof(corrupted, { theory })).toMatchObject({ ok: false, step: i + 1 });
      }),
      { numRuns: 40 },
    );
  });
});
