import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/errors.js";
import { dsat } from "./support/cli.js";

/**
 * `dsat simplify` and the simplified output of `dsat diff`, through the CLI. Expected outputs
 * are worked out by hand: e.g. d/dx (x*x + x*y + y*y*y) = 2x + y and d/dy = x + 3y^2.
 */

describe("dsat simplify", () => {
  it.each([
    ["(1*x)+(x*1)", "2*x"],
    ["sin(x)^2 + cos(x)^2", "1"],
    ["(x + 1)^2 - (x^2 + 2*x + 1)", "0"],
    ["x + x + x + x", "4*x"],
    ["x*y^-1", "x/y"],
    ["-1*x", "-x"],
    ["x*2 + -1*y", "2*x - y"],
    ["y^2 + 1 + x*x*x", "x^3 + y^2 + 1"],
    ["(x + y)*(x - y) + y^2", "x^2"],
    ["exp(x)/exp(x)", "1"],
    ["(+ (* 2 x) (* 3 x))", "5*x"],
  ])("simplifies %s to %s", async (input, expected) => {
    const result = await dsat("simplify", input);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(expected);
    expect(result.code).toBe(0);
  });

  it("cancels a divisor on the input's domain; --strict-domain keeps one that may be 0", async () => {
    expect((await dsat("simplify", "x/x")).stdout).toBe("1");
    expect((await dsat("simplify", "x^3/x")).stdout).toBe("x^2");
    expect((await dsat("simplify", "x/x", "--strict-domain")).stdout).toBe("x/x");
    expect((await dsat("simplify", "x^3/x", "--strict-domain")).stdout).toBe("x^3/x");
    expect((await dsat("simplify", "(x^2 + 1)/(x^2 + 1)", "--strict-domain")).stdout).toBe("1");
    expect((await dsat("simplify", "(x^2 + 1)/(x^2 + 1)")).stdout).toBe("1");
    // Undefined everywhere: nothing to simplify, and a zero divisor is named (issue 11).
    const nowhere = await dsat("simplify", "(x - x)/(x - x)");
    expect([nowhere.stdout, nowhere.code]).toEqual(["", ExitCode.divisionByZero]);
    expect(nowhere.stderr).toMatch(/the divisor x - x is 0 for every value/);
    // So is a constant outside its operator's domain, in every command that takes an expression.
    for (const args of [["simplify"], ["diff", "x"], ["grad"], ["eval", "x=1"]]) {
      const [command, ...rest] = args;
      const refused = await dsat(command!, "x^2*asin(2) + sign(0)", ...rest);
      expect([refused.stdout, refused.code], command).toEqual(["", ExitCode.domain]);
      expect(refused.stderr).toMatch(
        /defined nowhere: asin\(2\) is undefined \(outside the domain of asin\)/,
      );
    }
  });

  it.each(["1/0", "0/0", "0^(-1)", "x + 1/0", "0*(1/0)"])(
    "reports the constant division by zero in %s, exit 7 as dsat eval does",
    async (input) => {
      const result = await dsat("simplify", input);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/division by zero/);
      expect(result.code).toBe(ExitCode.divisionByZero);
    },
  );

  it("prints in the other formats", async () => {
    expect((await dsat("simplify", "(1*x)+(x*1)", "--format", "sexpr")).stdout).toBe("(* 2 x)");
    expect((await dsat("simplify", "x*1 + y*1", "--format", "parens")).stdout).toBe("(x+y)");
  });

  it("prints the report on stderr with --report, and the same result on stdout", async () => {
    const plain = await dsat("simplify", "(x + 1)^2 - (x^2 + 2*x + 1)");
    const reported = await dsat("simplify", "(x + 1)^2 - (x^2 + 2*x + 1)", "--report");
    expect(reported.stdout).toBe(plain.stdout);
    expect(reported.stderr).toMatch(/saturation: /);
    expect(reported.stderr).toMatch(/size: 15 -> 1/);
    expect(plain.stderr).toBe("");
  });

  it("accepts limits, and a limit reached is not an error", async () => {
    const result = await dsat(
      "simplify",
      "(x + 1)*(x + 2)*(x + 3)",
      "--node-limit",
      "1",
      "--iter-limit",
      "1",
      "--time-limit",
      "1",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toBe("");
  });

  it("skips saturation with --no-saturation", async () => {
    expect((await dsat("simplify", "log(exp(x))*2")).stdout).toBe("2*x");
    const fast = await dsat("simplify", "log(exp(x))*2", "--no-saturation", "--report");
    expect(fast.stdout).toBe("2*log(exp(x))");
    expect(fast.stderr).toMatch(/saturation: skipped/);
    expect((await dsat("diff", "x^2 + x*y + y^3", "x", "--no-saturation")).stdout).toBe("2*x + y");
  });

  it("rejects bad limits and extra arguments as usage errors", async () => {
    expect((await dsat("simplify", "x", "--node-limit", "0")).code).toBe(ExitCode.usage);
    expect((await dsat("simplify", "x", "--iter-limit", "many")).code).toBe(ExitCode.usage);
    expect((await dsat("simplify", "x", "y")).code).toBe(ExitCode.usage);
    expect((await dsat("simplify")).code).toBe(ExitCode.usage);
  });

  it("saturates with the rule sets of --rules files too", async () => {
    const rules = "test/fixtures/simplify-hyperbolic.rules";
    expect((await dsat("simplify", "ch(x)^2 - sh(x)^2", "--rules", rules)).stdout).toBe("1");
    // The rule meets the distributed form only through the algebra rules: 3*(ch^2 - sh^2) + x.
    expect((await dsat("simplify", "3*ch(x)^2 - 3*sh(x)^2 + x", "--rules", rules)).stdout).toBe("x + 3");
    expect((await dsat("simplify", "ch(x)^2 - sh(x)^2")).code).toBe(ExitCode.unknownOperator);
  });

  it("leaves an unresolved derivative in place as an opaque function", async () => {
    expect((await dsat("simplify", "d(x, x^2) + x + d(x, x^2)")).stdout).toBe("x + 2*d(x, x^2)");
  });

  it("gives the same output on repeated runs", async () => {
    const input = "sin(x)*cos(y) + x^3*y - 2*y*x^3 + exp(x)*exp(x)";
    const first = (await dsat("simplify", input)).stdout;
    for (let i = 0; i < 3; i++) expect((await dsat("simplify", input)).stdout).toBe(first);
  });

  it("has help", async () => {
    const help = await dsat("simplify", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("dsat simplify");
    expect((await dsat("--help")).stdout).toContain("simplify");
  });
});

describe("dsat diff prints simplified derivatives", () => {
  const e5 = "x*x + (x*y + y*(y*y))";

  it("simplifies the article's partial derivatives", async () => {
    expect((await dsat("diff", e5, "x")).stdout).toBe("2*x + y");
    expect((await dsat("diff", e5, "y")).stdout).toBe("x + 3*y^2");
    expect((await dsat("diff", "x^2 + x*y + y^3", "x")).stdout).toBe("2*x + y");
    expect((await dsat("diff", "x^2 + x*y + y^3", "y")).stdout).toBe("x + 3*y^2");
  });

  it("keeps the raw form with --raw and the cleanup-only form with --no-simplify", async () => {
    expect((await dsat("diff", e5, "x", "--raw", "--format", "parens")).stdout).toBe(
      "(((1*x)+(x*1))+(((1*y)+(x*0))+((0*(y*y))+(y*((0*y)+(y*0))))))",
    );
    expect((await dsat("diff", e5, "x", "--no-simplify")).stdout).toBe("x + x + y");
  });

  it("simplifies after each variable", async () => {
    expect((await dsat("diff", "x^3", "x", "x")).stdout).toBe("6*x");
    expect((await dsat("diff", "x^2*y^3", "x", "y")).stdout).toBe("6*x*y^2");
  });

  it("simplifies derivatives of functions", async () => {
    expect((await dsat("diff", "x^3 - 7*x^2", "x")).stdout).toBe("x*(3*x - 14)");
    expect((await dsat("diff", "x/(x + 1)", "x")).stdout).toBe("1/(x + 1)^2");
    // 2*cos(x)*sin(x), which saturation's double-angle rule shortens.
    expect((await dsat("diff", "sin(x)^2", "x")).stdout).toBe("sin(2*x)");
    expect((await dsat("diff", "exp(x^2)", "x")).stdout).toBe("2*x*exp(x^2)");
  });
});
