import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../src/compile/compile.js";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate } from "../src/eval/evaluate.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { postorder } from "../src/term/traverse.js";
import { dsat } from "./support/cli.js";

/**
 * Issue 14, item 2: exact arithmetic in the simplifier must never build a constant that
 * floating point cannot evaluate (log(2^1100) for 1100*log(2) evaluates to Infinity).
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });

describe("constants beyond double range (issue 14, item 2)", () => {
  it("keeps 1100*log(2) as it is: its value is 762.46, log(2^1100) evaluates to Infinity", async () => {
    const simplified = await dsat("simplify", "1100*log(2)");
    expect(simplified.stdout).toBe("1100*log(2)");
    const value = await dsat("eval", simplified.stdout);
    expect(Number(value.stdout)).toBeCloseTo(1100 * Math.log(2), 9);
    const compiled = await dsat("compile", "1100*log(2) + x");
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).not.toContain("Infinity");
  });

  it("compiles x*log(2)*1100 to a function that agrees with evaluate", () => {
    const term = parse("x*log(2)*1100");
    expect(compile(term, ["x"], { theory })(1)).toBeCloseTo(1100 * Math.log(2), 9);
    expect(evaluate(term, { x: 1 }, { theory })).toBeCloseTo(1100 * Math.log(2), 9);
  });

  it("simplifies the fuzzer's derivative to a term equal to the raw one (0.1956 at x=2, x_1=3, not 0)", () => {
    const input = parse("x_1 - logb((0.001 + log(7/3)) + log(x)*(x_1 + x_1), 7/3)");
    const raw = diff(input, "x", { theory, raw: true });
    const simplified = simplify(diff(input, "x", { theory }), { theory }).term;
    const point = { x: 2, x_1: 3 };
    // By hand: logb(u, 7/3) = log(7/3)/log(u) with u = 0.001 + log(7/3) + 2 x_1 log x, so the
    // derivative is log(7/3) u'/(u log(u)^2) with u' = 2 x_1/x = 3.
    const u = 0.001 + Math.log(7 / 3) + 6 * Math.log(2);
    const expected = (Math.log(7 / 3) * 3) / (u * Math.log(u) ** 2);
    expect(evaluate(raw, point, { theory })).toBeCloseTo(expected, 12);
    expect(evaluate(simplified, point, { theory })).toBeCloseTo(expected, 12);
  });

  it("does not fold a product or power whose value overflows, and still folds one that comes back in range", async () => {
    expect((await dsat("simplify", "2^1100*x")).stdout).not.toMatch(/\d{40}/);
    expect((await dsat("simplify", "2^1100/2^1099")).stdout).toBe("2");
    // 3.4e308*x would be Infinity at x = 1/2, where the input is 1.7e308.
    const sum = await dsat("simplify", "1.7e308*x + 1.7e308*x");
    expect(evaluate(parse(sum.stdout), { x: 0.5 }, { theory })).toBe(1.7e308);
  });

  it("keeps exact evaluation exact beyond double range", async () => {
    expect((await dsat("eval", "2^1100/2^1099")).stdout).toBe("2");
  });
});

/** Leaves and operators that provoke large exact constants: big integer factors and exponents. */
const bigInteger = fc.integer({ min: 100, max: 3000 }).map((n) => num(n));
const smallRational = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }))
  .map(([p, q]) => num(Rational.of(p, q)));
const leaf: fc.Arbitrary<Term> = fc.oneof(bigInteger, smallRational, fc.constant(sym("x")));

const hostileTerm: fc.Arbitrary<Term> = fc.letrec<{ term: Term }>((tie) => ({
  term: fc.oneof(
    { maxDepth: 4, withCrossShrink: true },
    leaf,
    fc.tuple(tie("term"), tie("term")).map(([a, b]) => app("*", [a, b])),
    fc.tuple(tie("term"), tie("term")).map(([a, b]) => app("+", [a, b])),
    fc.tuple(tie("term"), tie("term")).map(([a, b]) => app("/", [a, b])),
    fc.tuple(smallRational, bigInteger).map(([a, n]) => app("^", [a, n])),
    tie("term").map((a) => app("log", [a])),
    tie("term").map((a) => app("sqrt", [a])),
  ),
})).term;

describe("simplified constants evaluate finitely whenever the input does (property)", () => {
  it("holds for products, powers and logarithms with large exact factors", () => {
    fc.assert(
      fc.property(hostileTerm, fc.constantFrom(0.5, 1.5, 3), (term, x) => {
        const before = evaluate(term, { x }, { theory });
        if (!Number.isFinite(before)) return;
        const after = evaluate(simplify(term, { theory }).term, { x }, { theory });
        expect(Number.isFinite(after)).toBe(true);
        // Equal too, where no step of the input overflowed or underflowed (100/log(2^1024) is 0
        // in floating point, and 100/(1024*log(2)) is right).
        const steps = postorder(term).map((t) => evaluate(t, { x }, { theory }));
        if (steps.every((v) => Number.isFinite(v) && v !== 0))
          expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(before)));
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});

describe("roots of rationals outside the double range (issue 14, item 3)", () => {
  it.each([
    ["eval", "sqrt(1e309)"],
    ["simplify", "cbrt(1e-400)"],
    ["simplify", "x*sqrt(1e310)"],
    ["simplify", "sqrt(1e400)"],
  ])("dsat %s %s is not an internal error", async (command, input) => {
    const result = await dsat(command, input);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("finds exact roots past 2^1024 by Newton's method", () => {
    expect(Rational.parse("1e400")!.pow(Rational.of(1, 2))).toEqual(Rational.parse("1e200"));
    expect(Rational.parse("1e-600")!.pow(Rational.of(1, 3))).toEqual(Rational.parse("1e-200"));
    expect(Rational.parse("1e309")!.pow(Rational.of(1, 2))).toBeUndefined();
  });
});
