import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import {
  computeResults,
  DEFAULT_STATE,
  stateFromHash,
  stateToHash,
  theoryFromRules,
} from "../web/session.js";

/** The playground's logic without the page (the browser test covers the page itself). */
describe("playground session", () => {
  it("property: the URL fragment holds the whole state (any text, newlines, #, & and = included)", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string({ minLength: 1 }),
        (expression, variable, compareWith, rules) => {
          const state = { expression: expression || "x", variable: variable || "x", compareWith, rules };
          expect(stateFromHash(stateToHash(state))).toEqual(state);
        },
      ),
    );
    expect(stateFromHash("")).toEqual(DEFAULT_STATE);
  });

  it("a rules problem is placed at its line and column, and the default theory stays in use", () => {
    const text = "(operator f 1 :eval ?0)\n(ruleset diff)\nd-f: (d ?x (f ?a) => 0\n";
    const { theory, problem } = theoryFromRules(text);
    expect(theory).toBe(defaultTheory());
    expect(problem?.line).toBe(3);
    expect(text.slice(0, problem!.from).split("\n").length).toBe(3);
    expect(problem!.to).toBeGreaterThan(problem!.from);
  });

  it("an operator declared with :eval and no derivative rule is differentiated through its definition", () => {
    const { theory } = theoryFromRules("(operator sq 1 :eval (* ?0 ?0))");
    const results = computeResults({ ...DEFAULT_STATE, expression: "sq(3*x)", rules: "" }, theory);
    expect(results.throughDefinitions).toEqual(["sq"]);
    expect(results.simplified.infix).toBe("18*x");
  });

  it("links each step's rule to its line in the rules source", () => {
    const results = computeResults(DEFAULT_STATE, defaultTheory());
    expect(results.simplified.infix).toBe("2*x + y");
    const dMul = results.diffSteps.find((s) => s.label === "d-mul")!;
    expect(dMul.rule?.file).toBe("rules/diff.rules");
    const line = defaultTheory().ruleSets.diff!.rules.find((r) => r.name === "d-mul")!.origin!.position.line;
    expect(dMul.rule?.line).toBe(line);
    expect(results.proofSteps?.length).toBeGreaterThan(0);
  });
});
