import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineRunner } from "../src/batch/task.js";
import { derivative } from "../src/calculus/derivative.js";
import { Differentiator } from "../src/calculus/differentiator.js";
import { defaultTheory } from "../src/default-theory.js";
import { DivisionByZeroError, ExitCode, UndefinedConstantError, ZeroDivisorError } from "../src/errors.js";
import { evaluateExact } from "../src/eval/evaluate.js";
import {
  namingZeroDivisor,
  requireDefinedSomewhere,
  zeroDivisorOf,
} from "../src/simplify/defined-nowhere.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { Rational } from "../src/term/rational.js";
import { app, num, type Term } from "../src/term/term.js";
import { hasSmallPowers, termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";
import { exactAt as exactAtIn } from "./support/exact.js";

// Issue 11, item 4: degenerate inputs. A function written with the variable but constant on its
// domain still differentiates; an input defined nowhere (a divisor that cancels to 0) is an error
// naming that divisor, exit 7, in diff, simplify and eval alike, never a printed result.
const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });
const show = (t: Term) => printTerm(t, { theory });
const exactAt = (t: Term, env: Record<string, Rational>) => exactAtIn(t, env, theory);
const NOWHERE = /division by zero: the divisor 2\*x - \(x \+ x\) is 0 for every value of its variables/;

describe("degenerate inputs through the CLI (issue 11's table)", () => {
  it("diff sqrt(x - x) is 0, in every mode that simplifies or cleans up", async () => {
    expect(await dsat("diff", "sqrt(x - x)", "x")).toEqual({ code: 0, stdout: "0", stderr: "" });
    expect((await dsat("diff", "sqrt(x - x)", "x", "--no-simplify")).stdout).toBe("0");
    expect((await dsat("diff", "sqrt(x - x) + x^2", "x")).stdout).toBe("2*x");
    expect((await dsat("diff", "x*sqrt(sin(x)^2 + cos(x)^2 - 1)", "x")).stdout).toBe("0");
    expect((await dsat("grad", "sqrt(x - x)*y")).stdout).toBe("[0, 0]");
  });

  it("a power of 0 is 0 where its exponent is positive, so its derivative is 0", async () => {
    // Through d-pow-base it was 0^z*log(0)*1: defined nowhere, although 0^z is 0 for z > 0.
    expect((await dsat("diff", "0^z", "z")).stdout).toBe("0");
    expect((await dsat("diff", "0^(x^2 + 1)*x", "x")).stdout).toBe("0");
    expect((await dsat("simplify", "0^exp(x) + 0^x")).stdout).toBe("0^x");
  });

  it.each([
    ["diff", "3/(2*x - (x + x))", "x"],
    ["diff", "3/(2*x - (x + x))", "x", "--raw"],
    ["diff", "3/(2*x - (x + x))", "x", "--no-simplify"],
    ["simplify", "3/(2*x - (x + x))"],
    ["eval", "3/(2*x - (x + x))", "x=1"],
    ["eval", "3/(2*x - (x + x))", "x=1/3", "--float"],
    ["grad", "3/(2*x - (x + x))"],
  ])("dsat %s %s … names the zero divisor, exit 7", async (...argv) => {
    const result = await dsat(...argv);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(NOWHERE);
    expect(result.code).toBe(ExitCode.divisionByZero);
  });

  it("names it in batch lines too", () => {
    for (const [command, line] of [
      ["diff", "3/(2*x - (x + x))\tx"],
      ["simplify", "3/(2*x - (x + x))"],
      ["eval", "3/(2*x - (x + x))\tx=1"],
    ] as const) {
      const record = lineRunner({ operation: command })(line, 1);
      expect(record.ok, `${command}: ${line}`).toBe(false);
      expect(JSON.stringify(record)).toMatch(/the divisor 2\*x - \(x \+ x\) is 0/);
    }
  });
});

describe("zero divisors", () => {
  it("finds the innermost divisor that cancels to 0, on its own domain and after cleanup", () => {
    const cases: [string, string | undefined][] = [
      ["3/(2*x - (x + x))", "2*x - (x + x)"],
      ["y + 1/(x/x - 1)", "x/x - 1"],
      ["sin(x)/(sin(x)^2 + cos(x)^2 - 1)", "sin(x)^2 + cos(x)^2 - 1"],
      ["(x - x)^(-2)", "x - x"],
      ["1/(1/(x - x))", "x - x"],
      ["1/(x - 1)", undefined],
      ["x/x", undefined],
    ];
    for (const [text, divisor] of cases) {
      const found = zeroDivisorOf(parse(text), theory);
      expect(found === undefined ? undefined : show(found), text).toBe(divisor);
    }
  });

  it("refuses a constant outside its domain, not one only rounding makes undefined, and leaves other failures alone", () => {
    expect(() => requireDefinedSomewhere(parse("x + log(0)*0"), theory)).toThrow(UndefinedConstantError);
    expect(() => requireDefinedSomewhere(parse("x + log(exp(1000) - exp(1000) + 1)"), theory)).not.toThrow();
    expect(() =>
      namingZeroDivisor(parse("1/x"), theory, () =>
        evaluateExact(parse("1/x"), { x: Rational.ZERO }, { theory }),
      ),
    ).toThrow(/^division by zero in 1\/x: its divisor is 0 at this point$/);
  });
});

/** Integer rational terms over x and y whose exact values stay small. */
const rationalTerm = (maxDepth: number) =>
  termArbitrary({
    variables: ["x", "y"],
    operators: ["+", "-", "*", "/", "^", "neg"],
    maxDepth,
    numbers: "integers",
  }).filter((t) => hasSmallPowers(t, 3, true));

const point = fc.record({
  x: fc
    .tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: 1, max: 4 }))
    .map(([p, q]) => Rational.of(p, q)),
  y: fc
    .tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: 1, max: 4 }))
    .map(([p, q]) => Rational.of(p, q)),
});

/** `p - p` written so that no rule sees it at once: `p + k*x - (k*x + p)`. */
const vanishing = fc.tuple(rationalTerm(2), fc.integer({ min: 1, max: 4 })).map(([p, k]) => {
  const kx = app("*", [num(k), app("^", [parse("x"), num(1)])]);
  return app("-", [app("+", [p, kx]), app("+", [kx, p])]);
});

/** The derivative in x, or the error class it throws. */
function derivativeOrError(t: Term): Term | string {
  try {
    return derivative(t, "x", { theory }).term;
  } catch (error) {
    if (error instanceof DivisionByZeroError) return error.constructor.name;
    throw error;
  }
}

describe("degenerate sub-terms, over random terms", () => {
  it("f + g(sqrt(p - p)) differentiates like f + g(0) where both are defined", () => {
    fc.assert(
      fc.property(
        rationalTerm(3),
        vanishing,
        fc.array(point, { minLength: 2, maxLength: 2 }),
        (f, zero, points) => {
          const degenerate = app("+", [f, app("*", [parse("y"), app("sqrt", [zero])])]);
          const plain = derivativeOrError(f);
          const result = derivativeOrError(degenerate);
          if (typeof plain === "string") return; // f itself is defined nowhere: nothing to compare
          // Refused only when defined nowhere (p itself may divide by 0): then at no point either.
          if (typeof result === "string") {
            for (const at of points) expect(exactAt(degenerate, at), show(degenerate)).toBeUndefined();
            return;
          }
          for (const at of points) {
            const expected = exactAt(plain, at);
            const actual = exactAt(result as Term, at);
            if (expected !== undefined && actual !== undefined && exactAt(degenerate, at) !== undefined)
              expect(actual.key, `d/dx ${show(degenerate)} at ${JSON.stringify(at)}`).toBe(expected.key);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("f + c/(p - p) is refused by diff, simplify and eval with a ZeroDivisorError naming a divisor that is 0", () => {
    fc.assert(
      fc.property(rationalTerm(3), vanishing, fc.integer({ min: 1, max: 5 }), point, (f, zero, c, at) => {
        const nowhere = app("+", [f, app("/", [num(c), zero])]);
        const refusals = [
          () => derivative(nowhere, "x", { theory }),
          () => derivative(nowhere, "x", { theory, raw: true }),
          () => new Differentiator({ theory }).derivative(nowhere, "y"),
          () => simplify(nowhere, { theory }),
          () => requireDefinedSomewhere(nowhere, theory),
          () => namingZeroDivisor(nowhere, theory, () => evaluateExact(nowhere, at, { theory })),
        ];
        for (const refuse of refusals) {
          let error: unknown;
          try {
            refuse();
          } catch (caught) {
            error = caught;
          }
          // A constant division by zero inside f (1/0) may be met first: also exit 7.
          expect(error, show(nowhere)).toBeInstanceOf(DivisionByZeroError);
          if (!(error instanceof ZeroDivisorError)) continue;
          // The divisor named reads back as an expression that is 0 or undefined at the point.
          const divisor = parse(error.divisor);
          const value = exactAt(divisor, at);
          expect(value === undefined || value.isZero(), `${error.divisor} at ${JSON.stringify(at)}`).toBe(
            true,
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});
