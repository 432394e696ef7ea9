import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import {
  computeResults,
  DEFAULT_STATE,
  egraphView,
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

  it("shows the simplifier's validity conditions where a simplified form is defined more widely", () => {
    const theory = defaultTheory();
    const results = computeResults({ ...DEFAULT_STATE, expression: "x^3/x" }, theory);
    expect(results.simplifiedInput.infix).toBe("x^2");
    expect(results.inputConditions).toEqual(["x ≠ 0"]);
    expect(results.simplified.infix).toBe("2*x");
    expect(results.conditions).toEqual(["x ≠ 0"]);
    // On f's domain: the derivative of log(x*y) in x, y/(x*y), is 1/x where log(x*y) is defined
    // (1/x alone is defined for negative x*y too); nothing to say for a simplification that
    // keeps the domain.
    const log = computeResults({ ...DEFAULT_STATE, expression: "log(x*y)" }, theory);
    expect(log.raw.infix).toBe("1/(x*y)*(1*y + x*0)");
    expect(log.simplified.infix).toBe("1/x");
    expect(log.conditions).toEqual(["x*y > 0"]);
    expect(computeResults({ ...DEFAULT_STATE, expression: "1/x + 1/x" }, theory).inputConditions).toEqual([]);
  });

  it("the gradient and Hessian are the simplified derivatives, the Hessian's rows the gradient's entries differentiated", () => {
    const results = computeResults(DEFAULT_STATE, defaultTheory());
    expect(results.variables).toEqual(["x", "y"]);
    expect(results.gradient.map((g) => g.infix)).toEqual(["2*x + y", "x + 3*y^2"]);
    expect(results.hessian.map((row) => row.map((h) => h.infix))).toEqual([
      ["2", "1"],
      ["1", "6*y"],
    ]);
  });

  it("the e-graph pane: (1*x)+(x*1) saturated with the simplifier's rules, with the runner's report", () => {
    const view = egraphView({ ...DEFAULT_STATE, expression: "(1*x)+(x*1)" }, defaultTheory());
    expect(view.drawable).toBe(true);
    expect(view.picture.dot).toMatch(/^digraph/);
    expect(view.report).toMatch(/^stop reason: [\w-]+\niterations: +\d+\ne-nodes: +\d+/);
    expect(view.report).toMatch(/rules applied most:\n {2}[\w-]+: \d+/);
  });
});
