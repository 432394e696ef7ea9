import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import type { Proof, ProofStep } from "../src/egraph/explain-types.js";
import { algebraProof } from "../src/explain/algebra-proof.js";
import { checkProof } from "../src/explain/check.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import type { Term } from "../src/term/term.js";
import { hasSmallPowers, termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";

/**
 * Proof steps of algebra (expand, collect, factor, cancel): the checker verifies each by
 * exact polynomial arithmetic, and a step that widens the domain must name the divisor it
 * cancels, which must be a divisor of the term before. Hand-made steps are worked out by hand.
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });

function algebra(rule: string, to: string, cancelled?: string[]): ProofStep {
  return {
    kind: "algebra",
    rule,
    direction: "forward",
    position: [],
    term: parse(to),
    ...(cancelled === undefined ? {} : { cancelled: cancelled.map(parse) }),
  };
}

const proof = (start: string, ...steps: ProofStep[]): Proof => ({ start: parse(start), steps });

describe("the checker on algebra steps", () => {
  it("accepts factor, cancel and collect steps that hold", () => {
    const valid = proof(
      "(x^2 - 1)/(x - 1)",
      algebra("factor", "(x + 1)*(x - 1)/(x - 1)"),
      algebra("cancel", "x + 1", ["x - 1"]),
      algebra("collect", "1 + x"),
    );
    expect(checkProof(valid, { theory })).toEqual({ ok: true });
    expect(checkProof(proof("(x + 1)^2 - x^2", algebra("expand", "2*x + 1")), { theory }).ok).toBe(true);
    // 1/(1/x) is undefined at 0: x is a divisor of the input, though not of its fraction x/1.
    expect(checkProof(proof("1/(1/x)", algebra("cancel", "x", ["x"])), { theory }).ok).toBe(true);
  });

  it.each([
    ["(x^2 - 1)/(x - 1)", algebra("collect", "x + 2"), "the two terms are not equal as rational functions"],
    ["x/x", algebra("collect", "1"), "by a factor the step does not name"],
    ["1/(1/x)", algebra("expand", "x"), "by a factor the step does not name"],
    ["x*y/y", algebra("cancel", "x", ["x"]), "a cancelled factor is not a divisor of the term before"],
    ["x*y", algebra("collect", "x*y*(x - 1)/(x - 1)"), "divides by something that may be 0"],
    ["x", algebra("collect", "sin(x)/sin(x)*x"), "a subterm the term before lacks"],
    ["x/x", algebra("cancel", "1"), "a cancel step names no factor"],
    ["x + x", algebra("collect", "2*x", ["x"]), "cancels nothing"],
    ["x + x", algebra("simplify", "2*x"), "no algebra step 'simplify'"],
  ])("rejects %s to a wrong step", (start, step, reason) => {
    const verdict = checkProof(proof(start, step), { theory });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(reason);
  });

  it("accepts the squared divisor cancelled as its root: x^2 vanishes only where x does", () => {
    expect(checkProof(proof("x^3/x^2", algebra("cancel", "x", ["x"])), { theory }).ok).toBe(true);
  });
});

describe("explanations through the rational normal form", () => {
  it('dsat simplify "(x^2 - 1)/(x - 1)" --explain prints checked steps ending in x + 1', async () => {
    const result = await dsat("simplify", "(x^2 - 1)/(x - 1)", "--explain");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("x + 1");
    expect(lines[1]).toBe("explanation (checked, 2 steps):");
    expect(lines[2]).toBe("  (x^2 - 1)/(x - 1)");
    expect(lines[3]).toMatch(/^= \(x \+ 1\)\*\(x - 1\)\/\(x - 1\) +factor +/);
    expect(lines[4]).toMatch(/^= x \+ 1 +cancel x - 1, nonzero where the input is defined +/);
  });

  it("explains the table's derivatives (dsat diff --steps)", async () => {
    for (const input of ["(x^2 + 3*x + 2)/(x + 1)", "log(x*y)", "atan(y/x)", "(x*y)^2/y"]) {
      const result = await dsat("diff", input, "x", "--steps");
      expect(result.stdout).toContain("from the raw derivative to the result, explanation (checked");
      expect(result.code).toBe(0);
    }
  });

  it("gives a proof the checker accepts from random rational terms to their simplified form", () => {
    const terms = termArbitrary({
      theory,
      operators: ["+", "-", "*", "/", "^"],
      variables: ["x", "y"],
      maxDepth: 3,
      numbers: "integers",
    }).filter((t) => hasSmallPowers(t, 3, true));
    let explained = 0;
    let tried = 0;
    fc.assert(
      fc.property(terms, (t: Term) => {
        let result: Term;
        try {
          result = simplify(t, { theory }).term;
        } catch {
          return; // a constant division by zero: nothing to explain
        }
        tried++;
        const found = algebraProof(t, result, {
          theory,
          ruleSets: ["cleanup"],
          iterLimit: 3,
          nodeLimit: 500,
        });
        if (found === undefined) return;
        explained++;
        expect(checkProof(found, { theory, from: t, to: result })).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
    // Most results are one rational function with their input, so algebra explains them.
    expect(explained).toBeGreaterThan(0.8 * tried);
  });
});
