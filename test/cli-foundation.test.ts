import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/errors.js";
import { dsat, dsatProcess } from "./support/cli.js";

describe("the article's examples through the CLI", () => {
  it("prints e1 in the article's parenthesised style and evaluates e1 and e2", async () => {
    expect((await dsat("parse", "3*(y + x)", "--format", "parens")).stdout).toBe("(3*(y+x))");
    expect((await dsat("parse", "3*y + x", "--format", "parens")).stdout).toBe("((3*y)+x)");
    expect((await dsat("eval", "3*(y + x)", "x=2", "y=4")).stdout).toBe("18");
    expect((await dsat("eval", "3*y + x", "x=2", "y=4")).stdout).toBe("14");
  });

  it("prints e5's raw partial derivatives exactly as the article does", async () => {
    const e5 = "x*x + (x*y + y*(y*y))";
    expect((await dsat("parse", e5, "--format", "parens")).stdout).toBe("((x*x)+((x*y)+(y*(y*y))))");
    expect((await dsat("diff", e5, "x", "--raw", "--format", "parens")).stdout).toBe(
      "(((1*x)+(x*1))+(((1*y)+(x*0))+((0*(y*y))+(y*((0*y)+(y*0))))))",
    );
    expect((await dsat("diff", e5, "y", "--raw", "--format", "parens")).stdout).toBe(
      "(((0*x)+(x*0))+(((0*y)+(x*1))+((1*(y*y))+(y*((1*y)+(y*1))))))",
    );
  });

  it("evaluates e5 and its derivatives at x=1, y=1 to 3, 3 and 4", async () => {
    const e5 = "x*x + (x*y + y*(y*y))";
    expect((await dsat("eval", e5, "x=1", "y=1")).stdout).toBe("3");
    const e5x = (await dsat("diff", e5, "x", "--raw", "--format", "sexpr")).stdout;
    const e5y = (await dsat("diff", e5, "y", "--raw", "--format", "sexpr")).stdout;
    expect((await dsat("eval", e5x, "x=1", "y=1")).stdout).toBe("3");
    expect((await dsat("eval", e5y, "x=1", "y=1")).stdout).toBe("4");
  });
});

describe("dsat commands", () => {
  it("converts between the three syntaxes", async () => {
    expect((await dsat("parse", "(+ (* x x) (* x y))")).stdout).toBe("x*x + x*y");
    expect((await dsat("parse", "x^2 + sin(x)", "--format", "sexpr")).stdout).toBe("(+ (^ x 2) (sin x))");
    expect((await dsat("parse", "(+ a b c)", "--format", "sexpr")).stdout).toBe("(+ (+ a b) c)");
    expect((await dsat("parse", "(- x)", "--from", "infix", "--format", "sexpr")).stdout).toBe("(neg x)");
    expect((await dsat("parse", "x + 1", "--from", "sexpr")).code).toBe(ExitCode.syntax);
  });

  it("differentiates repeatedly with several variables", async () => {
    const once = await dsat("diff", "x^3", "x", "--format", "sexpr");
    const twice = await dsat("diff", "x^3", "x", "x", "--format", "sexpr");
    expect(once.code).toBe(0);
    expect((await dsat("eval", once.stdout, "x=2")).stdout).toBe("12");
    expect((await dsat("eval", twice.stdout, "x=2")).stdout).toBe("12");
    const mixed = await dsat("diff", "x^2*y^3", "x", "y", "--format", "sexpr");
    expect((await dsat("eval", mixed.stdout, "x=1", "y=2")).stdout).toBe("24");
  });

  it("evaluates exactly when it can and in floating point otherwise", async () => {
    expect((await dsat("eval", "1/3 + x", "x=1/3")).stdout).toBe("2/3");
    expect((await dsat("eval", "x + 0.2", "x=0.1")).stdout).toBe("3/10");
    expect(Number((await dsat("eval", "sin(x)", "x=1")).stdout)).toBeCloseTo(Math.sin(1), 15);
    expect((await dsat("eval", "x/2", "x=1", "--float")).stdout).toBe("0.5");
  });

  it("prints help for every command", async () => {
    for (const command of ["diff", "eval", "parse"]) {
      const result = await dsat(command, "--help");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`dsat ${command}`);
    }
    expect((await dsat("--help")).stdout).toContain("diff");
  });
});

describe("bad input: one message, its own exit code, no stack trace", () => {
  const cases: [string, string[], number, RegExp][] = [
    ["syntax error", ["parse", "x + * y"], ExitCode.syntax, /line 1, column 5[\s\S]*\^/],
    ["implicit multiplication", ["parse", "2x"], ExitCode.syntax, /2\*x/],
    ["unknown function", ["diff", "foo(x)", "x"], ExitCode.unknownOperator, /unknown operator 'foo'/],
    ["wrong arity", ["parse", "(sin x y)"], ExitCode.arity, /'sin' takes 1 argument, got 2/],
    ["unbound variable", ["eval", "x + y", "x=1"], ExitCode.unboundVariable, /'y' has no value/],
    [
      "exact division by zero",
      ["eval", "1/x", "x=0"],
      ExitCode.divisionByZero,
      /division by zero in 1\/x: its divisor is 0 at this point/,
    ],
    ["outside the domain", ["eval", "log(x)", "x=-1"], ExitCode.domain, /undefined/],
    ["log at its pole", ["eval", "log(x)", "x=0"], ExitCode.domain, /undefined/],
    ["unknown option", ["diff", "x", "x", "--nope"], ExitCode.usage, /unknown option '--nope'/],
    ["missing variable", ["diff", "x^2"], ExitCode.usage, /variable/],
    ["bad binding", ["eval", "x", "x=abc"], ExitCode.usage, /binding/],
    ["unknown command", ["frobnicate"], ExitCode.usage, /unknown command/],
    ["bad format", ["parse", "x", "--format", "mathml"], ExitCode.usage, /infix, parens, sexpr, latex/],
  ];
  it.each(cases)("%s", async (_name, argv, code, message) => {
    const result = await dsat(...argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a malformed rules file with file:line:col", async () => {
    const result = await dsat("diff", "x", "x", "--rules", "test/fixtures/broken.rules");
    expect(result.code).toBe(ExitCode.ruleFile);
    expect(result.stderr).toMatch(/test\/fixtures\/broken\.rules:\d+:\d+/);
  });
});

describe("the dsat binary", () => {
  it("exits with the code of the error and reads '-' from standard input", () => {
    const ok = dsatProcess(["diff", "-", "x", "--raw", "--format", "parens"], "x*x");
    expect(ok).toMatchObject({ code: 0, stdout: "((1*x)+(x*1))" });
    const bad = dsatProcess(["parse", "x +"]);
    expect(bad.code).toBe(ExitCode.syntax);
    expect(bad.stderr).toMatch(/expected an expression/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("handles an expression of 100,000 nested sums from standard input", () => {
    const depth = 100_000;
    const expression = `${"(x+".repeat(depth)}x${")".repeat(depth)}`;
    const result = dsatProcess(["diff", "-", "x"], expression);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(String(depth + 1));
  });
});
