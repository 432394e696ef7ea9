import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode, LimitError } from "../src/errors.js";
import { evaluateExact } from "../src/eval/evaluate.js";
import { evaluateMixed, formatMixed, type MixedValue } from "../src/eval/evaluate-mixed.js";
import { parseExpression } from "../src/syntax/parse.js";
import { Rational } from "../src/term/rational.js";
import { app, num, type Term } from "../src/term/term.js";
import { environmentArbitrary, termArbitrary } from "../src/testing/arbitraries.js";
import { baseTheory } from "../src/theory.js";
import { close, measure } from "./fuzz/numeric.js";
import { dsat } from "./support/cli.js";

/**
 * Issue 14, item 4: evaluation with numbers beyond the range of doubles. `dsat eval` folds exact
 * parts exactly before anything becomes a double (`evaluateMixed`), and never prints Infinity.
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });

describe("the inputs of issue 14, item 4, through the CLI", () => {
  it("0^1e-400 is 0, exactly and as a float", async () => {
    expect((await dsat("eval", "0^1e-400")).stdout).toBe("0");
    expect((await dsat("eval", "0^1e-400", "--float")).stdout).toBe("0");
  });

  it("sin(1) + 1e400 - 1e400 is sin(1), where it was exit 10", async () => {
    const result = await dsat("eval", "sin(1) + 1e400 - 1e400");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(String(Math.sin(1)));
    expect((await dsat("eval", "1e400 + sin(1) - 1e400", "--float")).stdout).toBe(String(Math.sin(1)));
    expect((await dsat("eval", "pi*1e400/1e400")).stdout).toBe(String(Math.PI));
  });

  it("1e-400*1e400 --float is 1", async () => {
    const result = await dsat("eval", "1e-400*1e400", "--float");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("1");
  });

  it("sqrt(1e309) is 10^154·sqrt(10), not Infinity", async () => {
    const result = await dsat("eval", "sqrt(1e309)");
    expect(result.code).toBe(0);
    const value = Number(result.stdout);
    // value² = 10^309 to double precision, checked without leaving the range: (value/1e154)² = 10.
    expect(Math.abs((value / 1e154) ** 2 - 10)).toBeLessThan(1e-14);
  });

  it("says why instead of printing Infinity for a value beyond floating point", async () => {
    for (const input of ["exp(1000)", "2^5000", "sin(1e-400)*1e400", "cbrt(1e400)"]) {
      const result = await dsat("eval", input);
      expect(result.code, input).toBe(ExitCode.limit);
      expect(result.stdout, input).toBe("");
      expect(result.stderr, input).toContain("cannot be computed in floating point");
    }
  });

  it("prints an exact value no double holds from its digits with --float", async () => {
    const power = (await dsat("eval", "2^1100", "--float")).stdout;
    const digits = (2n ** 1100n).toString();
    // 17 significant digits of the exact integer, rounded (the 18th digit is below 5 here).
    expect(digits[17]! < "5").toBe(true);
    expect(power).toBe(`${digits[0]}.${digits.slice(1, 17)}e+${digits.length - 1}`);
    expect((await dsat("eval", "1e-400", "--float")).stdout).toBe("1e-400");
    expect((await dsat("eval", "-3e-400/2", "--float")).stdout).toBe("-1.5e-400");
  });
});

describe("evaluateMixed", () => {
  it("runs its documented examples", () => {
    expect(evaluateMixed(parse("sin(1) + 1e400 - 1e400"), {}, { theory: theory })).toEqual({
      float: 0.8414709848078965,
    });
    expect(evaluateMixed(parse("x/3"), { x: Rational.ONE }, { theory: theory })).toEqual({
      exact: Rational.of(1n, 3n),
    });
    expect(formatMixed({ exact: Rational.of(2n, 3n) }, true)).toBe("0.6666666666666666");
  });

  it("computes sqrt, log and powers of exact numbers beyond the range from their binary exponent", () => {
    const value = (text: string) =>
      (evaluateMixed(parse(text), {}, { theory: theory }) as { float: number }).float;
    expect(value("log(1e400)")).toBeCloseTo(400 * Math.log(10), 12);
    expect(value("sqrt(1e-401)")).toBeCloseTo(Math.sqrt(10) * 1e-201, 215);
    expect(value("1e400^(1/3) / 1e133")).toBeCloseTo(10 ** (1 / 3), 13);
    expect(() => evaluateMixed(parse("(-1e400)^(1/3)"), {}, { theory })).toThrow("undefined");
    expect(() => evaluateMixed(parse("sqrt(-1e400)"), {}, { theory: theory })).toThrow("undefined");
  });

  it("stays undefined where the input is, and names no range for it", () => {
    expect(() => evaluateMixed(parse("log(-1)"), {}, { theory: theory })).toThrow(
      "outside an operator's domain",
    );
    expect(() => evaluateMixed(parse("sin(1)/0"), {}, { theory: theory })).toThrow(
      "outside an operator's domain",
    );
    expect(() => evaluateMixed(parse("0/(sin(0.5) - sin(0.5))"), {}, { theory })).toThrow("domain");
  });
});

/** What an evaluation gives, comparable across terms: the exact value, the double's bits, or the error. */
function outcome(term: Term, env: Readonly<Record<string, Rational>>): string {
  let value: MixedValue;
  try {
    value = evaluateMixed(term, env, { theory: baseTheory });
  } catch (error) {
    return `error ${(error as Error).constructor.name}`;
  }
  return "exact" in value
    ? `exact ${value.exact.key}`
    : `float ${Object.is(value.float, -0) ? "-0" : value.float}`;
}

/** Exact numbers of every size: in range, far beyond it, tiny. */
const hugeOrTiny = fc
  .tuple(
    fc.integer({ min: -9, max: 9 }).filter((n) => n !== 0),
    fc.integer({ min: -500, max: 500 }),
  )
  .map(([m, e]) => Rational.of(BigInt(m)).mul(Rational.of(10n).pow(Rational.of(BigInt(e)))!));

const variables = ["x", "y"];
const exactPoint = environmentArbitrary(variables).map((env) =>
  Object.fromEntries(Object.entries(env).map(([name, v]) => [name, Rational.fromNumber(v)])),
);

describe("the law evaluateMixed relies on: exact parts cancel exactly", () => {
  const terms = termArbitrary({ variables, maxDepth: 3 });

  it("t + L - L, L + t - L and t·L/L evaluate as t, bit for bit, for any exact L", () => {
    fc.assert(
      fc.property(terms, hugeOrTiny, exactPoint, (t, value, env) => {
        const L = num(value);
        const expected = outcome(t, env);
        expect(outcome(app("-", [app("+", [t, L]), L]), env)).toBe(expected);
        expect(outcome(app("-", [app("+", [L, t]), L]), env)).toBe(expected);
        expect(outcome(app("/", [app("*", [t, L]), L]), env)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the exact value wherever exact evaluation has one", () => {
    const rationalTerms = termArbitrary({ variables, maxDepth: 4, operators: ["+", "-", "*", "/", "neg"] });
    fc.assert(
      fc.property(rationalTerms, hugeOrTiny, exactPoint, (t, value, env) => {
        const scaled = app("*", [t, num(value)]);
        let exact: Rational | undefined;
        try {
          exact = evaluateExact(scaled, env, { theory: baseTheory });
        } catch {
          return; // a division by zero: both throw it
        }
        expect(outcome(scaled, env)).toBe(`exact ${exact!.key}`);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with floating point where every number fits a double and rounding is tame", () => {
    fc.assert(
      fc.property(terms, environmentArbitrary(variables), (t, env) => {
        const reference = measure(t, env, baseTheory);
        if (!reference.reliable) return;
        const exactEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, Rational.fromNumber(v)]));
        let value: MixedValue;
        try {
          value = evaluateMixed(t, exactEnv, { theory: baseTheory });
        } catch (error) {
          // Floating point found a finite value: so must this, unless an exact step divides by 0.
          expect((error as Error).constructor.name).toBe("DivisionByZeroError");
          return;
        }
        const mixed = "exact" in value ? value.exact.toNumber() : value.float;
        expect(close(reference, { ...reference, value: mixed, spread: 0 }), `${t}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("never returns an infinity or NaN: those are errors", () => {
    fc.assert(
      fc.property(terms, hugeOrTiny, exactPoint, (t, value, env) => {
        const term = app("*", [t, num(value)]);
        try {
          const result = evaluateMixed(term, env, { theory: baseTheory });
          if ("float" in result) expect(Number.isFinite(result.float)).toBe(true);
        } catch (error) {
          if (error instanceof LimitError) expect(error.limit).toBe("range");
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("dsat eval's help", () => {
  it("lists the exit codes eval gives, and each is the one the example in it gives", async () => {
    const help = (await dsat("help", "eval")).stdout;
    const cases: [string, string[], number][] = [
      ["6 a variable has no value", ["x"], ExitCode.unboundVariable],
      ["7 a division by zero", ["1/x", "x=0"], ExitCode.divisionByZero],
      ["10 a point outside an operator's\ndomain (log(-1))", ["log(-1)"], ExitCode.domain],
      [
        "8 a value that floating point cannot hold (2^(10^100000) overflows)",
        ["2^(10^100000)"],
        ExitCode.limit,
      ],
    ];
    for (const [text, args, code] of cases) {
      expect(help).toContain(text);
      expect((await dsat("eval", ...args)).code).toBe(code);
    }
  });
});
