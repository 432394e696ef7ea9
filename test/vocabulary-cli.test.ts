import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { dsat } from "./support/cli.js";

/**
 * Issue 11, "the words people type": every row of its table through the CLI. The expected
 * outputs are the textbook answers, checked numerically below where they are derivatives.
 */

const theory = defaultTheory();

describe("the issue's table", () => {
  it.each([
    [["eval", "pi"], "3.141592653589793"],
    [["simplify", "sin(pi)"], "0"],
    [["simplify", "cos(pi)"], "-1"],
    [["simplify", "log(e)"], "1"],
    [["diff", "e^x", "x"], "exp(x)"],
    [["diff", "(a*x + b)/(c*x + d)", "x"], "(a*d - b*c)/(c*x + d)^2"],
    [["diff", "d*x", "d"], "x"],
    [["diff", "tan(x)", "x"], "sec(x)^2"],
    [["diff", "x^2 + sec(x)", "x"], "2*x + sec(x)*tan(x)"],
    [["diff", "log(x, 2)", "x"], "1/(x*log(2))"],
    [["diff", "log10(x)", "x"], "1/(x*log(10))"],
    [["diff", "sqrt(x - x)", "x"], "0"],
  ])("dsat %j prints %s", async (argv, expected) => {
    const result = await dsat(...argv);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(expected);
    expect(result.code).toBe(0);
  });

  it.each([
    [["diff", "x^2", "sin"], "'sin' is an operator, not a variable of the expression"],
    [["diff", "pi*x", "pi"], "'pi' is a constant, not a variable"],
    [["grad", "x*y", "x,cos"], "'cos' is an operator, not a variable of the expression"],
    [["compile", "pi*x", "--vars", "x,e"], "'e' is a constant, not a variable"],
  ])("dsat %j is an error: %s", async (argv, message) => {
    const result = await dsat(...argv);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(ExitCode.usage);
  });

  it("dsat diff 3/(2*x - (x + x)) x is an error naming the zero divisor, exit 7", async () => {
    const result = await dsat("diff", "3/(2*x - (x + x))", "x");
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("the divisor 2*x - (x + x) is 0 for every value of its variables");
    expect(result.code).toBe(ExitCode.divisionByZero);
  });
});

describe("named constants", () => {
  it("evaluate to their value; exact evaluation keeps them, --float gives a number", async () => {
    expect((await dsat("eval", "e")).stdout).toBe(String(Math.E));
    expect((await dsat("eval", "2*pi*r", "r=1/2")).stdout).toBe(String(Math.PI));
    expect((await dsat("eval", "log(e)", "--float")).stdout).toBe("1");
    expect((await dsat("simplify", "pi + 1 + pi")).stdout).toBe("2*pi + 1");
  });

  it("know their special values", async () => {
    for (const [input, expected] of [
      ["sin(pi/2)", "1"],
      ["exp(1)", "e"],
      ["e^(2*x)", "exp(2*x)"],
      ["cos(pi)*x + sin(pi)", "-x"],
    ]) {
      expect((await dsat("simplify", input!)).stdout, input).toBe(expected);
    }
  });

  it("are constants to derivatives and never variables of a gradient", async () => {
    expect((await dsat("diff", "pi*x^2", "x")).stdout).toBe("2*x*pi");
    expect((await dsat("grad", "pi*x*y + e")).stdout).toBe("[y*pi, x*pi]");
    expect((await dsat("diff", "x^e", "x")).stdout).toBe("x^(e - 1)*e");
  });

  it("compile to Math.PI and Math.E", async () => {
    const { stdout } = await dsat("compile", "pi*x + e");
    expect(stdout).toContain("Math.PI");
    expect(stdout).toContain("Math.E");
    expect(stdout).not.toContain("$js");
  });
});

describe("sec, csc, cot and logarithms to a base", () => {
  it("differentiate, evaluate and simplify", async () => {
    for (const [argv, expected] of [
      [["diff", "csc(x)", "x"], "-cot(x)*csc(x)"],
      [["diff", "cot(x)", "x"], "-csc(x)^2"],
      [["diff", "log2(x^2)", "x"], "2/(x*log(2))"],
      [["simplify", "1/sin(x)"], "csc(x)"],
      [["simplify", "1/cos(x)^2"], "sec(x)^2"],
      [["eval", "sec(0)"], "1"],
      [["eval", "log(8, 2)"], "3"],
      [["eval", "log10(1000)"], "3"],
      [["parse", "log(x, 2)", "--format", "sexpr"], "(log-to x 2)"],
    ] as const) {
      const result = await dsat(...argv);
      expect(result.stdout, argv.join(" ")).toBe(expected);
    }
  });

  it("cot(0) is a division by zero, and log takes one or two arguments", async () => {
    const cot = await dsat("eval", "cot(0)");
    expect(cot.code).toBe(ExitCode.divisionByZero);
    const log = await dsat("parse", "log(x, 2, 3)");
    expect(log.code).toBe(ExitCode.arity);
    // The message names every arity log is written with, not only the first declared.
    expect(log.stderr).toContain("operator 'log' takes 1 or 2 arguments, got 3 at line 1, column 1");
    expect((await dsat("parse", "sin(x, 2)")).stderr).toContain("operator 'sin' takes 1 argument, got 2");
  });
});

describe("the derivatives above are right", () => {
  // Central differences against the printed derivative, at a few points.
  it.each([
    ["(a*x + b)/(c*x + d)", "x", "(a*d - b*c)/(c*x + d)^2"],
    ["e^x", "x", "exp(x)"],
    ["pi*x^2", "x", "2*x*pi"],
    ["x^e", "x", "x^(e - 1)*e"],
    ["tan(x)", "x", "sec(x)^2"],
    ["x^2 + sec(x)", "x", "2*x + sec(x)*tan(x)"],
    ["csc(x)", "x", "-cot(x)*csc(x)"],
    ["cot(x)", "x", "-csc(x)^2"],
    ["log(x, 2)", "x", "1/(x*log(2))"],
    ["log10(x)", "x", "1/(x*log(10))"],
  ])("d/d%s of %s", (input, variable, derivative) => {
    const f = parseExpression(input, { theory });
    const g = parseExpression(derivative, { theory });
    for (const point of [0.3, 1.7, 2.9]) {
      const env = { a: 1.3, b: -0.7, c: 0.4, d: 2.1, [variable]: point };
      const h = 1e-5;
      const numeric =
        (evaluate(f, { ...env, [variable]: point + h }, { theory }) -
          evaluate(f, { ...env, [variable]: point - h }, { theory })) /
        (2 * h);
      expect(evaluate(g, env, { theory })).toBeCloseTo(numeric, 5);
    }
  });
});
