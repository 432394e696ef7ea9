import { describe, expect, it } from "vitest";
import {
  app,
  baseTheory,
  compile,
  defaultTheory,
  diff,
  evaluate,
  evaluateExact,
  extend,
  gradient,
  parseExpression,
  printTerm,
  printVector,
  Rational,
  simplify,
  sym,
  UnknownOperatorError,
} from "../src/index.js";
import { loadRuleFiles } from "../src/node.js";

/** The README's library example, through the package's entry point. */
describe("the public entry point", () => {
  const theory = defaultTheory();
  const f = parseExpression("x*x + (x*y + y*(y*y))", { theory });

  it("differentiates raw, cleans up and simplifies as the README says", () => {
    const raw = diff(f, "x", { theory, raw: true });
    expect(printTerm(raw, { format: "parens", theory })).toBe(
      "(((1*x)+(x*1))+(((1*y)+(x*0))+((0*(y*y))+(y*((0*y)+(y*0))))))",
    );
    const fx = simplify(diff(f, "x", { theory }), { theory }).term;
    expect(printTerm(fx, { format: "infix", theory })).toBe("2*x + y");
    expect(evaluate(fx, { x: 1, y: 1 }, { theory })).toBe(3);
    expect(gradient(f, ["x", "y"], { theory }).map((t) => printTerm(t, { format: "infix", theory }))).toEqual(
      ["2*x + y", "x + 3*y^2"],
    );
    expect(compile(fx, ["x", "y"], { theory })(1, 1)).toBe(3);
  });

  it("extends a theory without changing the default one", () => {
    const mine = loadRuleFiles(theory, ["test/fixtures/sigmoid.rules"]);
    expect(mine.operators.sigmoid).toBeDefined();
    expect(theory.operators.sigmoid).toBeUndefined();
    expect(defaultTheory().operators.sigmoid).toBeUndefined();
    const renamed = extend(theory, (draft) => {
      delete draft.ruleSets.trig;
    });
    expect(renamed.ruleSets.trig).toBeUndefined();
    expect(theory.ruleSets.trig).toBeDefined();
  });
});

describe("the theory option", () => {
  it("is the default theory wherever it is left out", () => {
    // abs, sinh and pi come from the shipped rules files, not the base theory.
    const t = parseExpression("abs(x) + sinh(0) + pi");
    expect(printTerm(t)).toBe("abs(x) + sinh(0) + pi");
    expect(printTerm(t, { format: "sexpr" })).toBe("(+ (+ (abs x) (sinh 0)) pi)");
    expect(evaluate(t, { x: -2 })).toBeCloseTo(2 + Math.PI, 12);
    expect(
      evaluateExact(parseExpression("abs(x) + sinh(0)"), { x: Rational.parse("-1/2")! })?.toString(),
    ).toBe("1/2");
    expect(printVector([t, sym("y")], { format: "parens" })).toBe("[((abs(x)+sinh(0))+pi), y]");
    expect(printTerm(diff(parseExpression("abs(x)"), "x"))).toBe("sign(x)");
  });

  it("is obeyed when given: an operator the given theory does not declare is an error", () => {
    const t = app("abs", [sym("x")]);
    expect(() => evaluate(t, { x: 1 }, { theory: baseTheory })).toThrow(UnknownOperatorError);
    expect(() => parseExpression("abs(x)", { theory: baseTheory })).toThrow(UnknownOperatorError);
    expect(evaluate(t, { x: -1 }, { theory: defaultTheory() })).toBe(1);
  });
});
