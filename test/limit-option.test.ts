import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { EGraph } from "../src/egraph/egraph.js";
import { runRewrites } from "../src/egraph/runner.js";
import { UsageError } from "../src/errors.js";
import { limitOption, timeLimitOption } from "../src/limit-option.js";
import { normalize } from "../src/rewrite/normalize.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";

// Every limit a caller can pass bounds a loop over the input; NaN, a negative count or a
// fraction used to turn that bound off or blur it without a word (comparisons with NaN are false).
const theory = defaultTheory();
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, Number.POSITIVE_INFINITY));

describe("limit options", () => {
  it("a count accepts exactly the whole numbers from 0 and Infinity", () => {
    fc.assert(
      fc.property(anyNumber, (value) => {
        const valid = value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 0);
        if (valid) expect(limitOption("iterLimit", value, 3)).toBe(value);
        else expect(() => limitOption("iterLimit", value, 3)).toThrow(UsageError);
      }),
      { numRuns: 2000 },
    );
    expect(limitOption("iterLimit", undefined, 3)).toBe(3);
  });

  it("a time limit accepts every number but NaN (0 or less: the budget is spent)", () => {
    fc.assert(
      fc.property(anyNumber, (value) => {
        if (Number.isNaN(value)) expect(() => timeLimitOption("timeLimitMs", value, 5)).toThrow(UsageError);
        else expect(timeLimitOption("timeLimitMs", value, 5)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("are checked by simplify, the e-graph runner and the rewriting engine, naming the option", () => {
    const term = parseExpression("x + x", { theory });
    for (const name of ["nodeLimit", "iterLimit", "fuel"] as const) {
      for (const bad of [Number.NaN, -1, 2.5]) {
        expect(() => simplify(term, { theory, [name]: bad })).toThrow(`'${name}' must be a whole number ≥ 0`);
      }
    }
    expect(() => simplify(term, { theory, timeLimitMs: Number.NaN })).toThrow(
      /'timeLimitMs' must be a number/,
    );
    expect(() => runRewrites(new EGraph(), [], { iterLimit: Number.NaN })).toThrow(UsageError);
    expect(() => normalize(term, theory.ruleSets.cleanup!, { theory, fuel: -5 })).toThrow(UsageError);
    expect(String(simplify(term, { theory, iterLimit: Number.POSITIVE_INFINITY }).term)).toBe("2*x");
  });
});
