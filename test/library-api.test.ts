import { describe, expect, it } from "vitest";
import {
  compile,
  defaultTheory,
  diff,
  evaluate,
  extend,
  gradient,
  parseExpression,
  printTerm,
  simplify,
} from "../src/index.js";
import { loadRuleFiles } from "../src/node.js";

/** The README's library example, through the package's entry point. */
describe("the public entry point", () => {
  const theory = defaultTheory();
  const f = parseExpression("x*x + (x*y + y*(y*y))", { theory });

  it("differentiates raw, cleans up and simplifies as the README says", () => {
    const raw = diff(f, "x", { theory, raw: true });
    expect(printTerm(raw, "parens", theory)).toBe(
      "(((1*x)+(x*1))+(((1*y)+(x*0))+((0*(y*y))+(y*((0*y)+(y*0))))))",
    );
    const fx = simplify(diff(f, "x", { theory }), { theory }).term;
    expect(printTerm(fx, "infix", theory)).toBe("2*x + y");
    expect(evaluate(fx, { x: 1, y: 1 }, theory)).toBe(3);
    expect(gradient(f, ["x", "y"], { theory }).map((t) => printTerm(t, "infix", theory))).toEqual([
      "2*x + y",
      "x + 3*y^2",
    ]);
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
