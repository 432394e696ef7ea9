import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Differentiator } from "../src/calculus/differentiator.js";
import { parseExpressionList } from "../src/calculus/expression-list.js";
import { freeVariables } from "../src/calculus/free-variables.js";
import { printMatrix, printVector } from "../src/calculus/print-array.js";
import { gradient, hessian, jacobian } from "../src/calculus/vector-calculus.js";
import { defaultTheory } from "../src/default-theory.js";
import { diffMany } from "../src/diff.js";
import { ExitCode, ParseError, UnknownOperatorError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { app, sym, type Term } from "../src/term/term.js";
import { depth } from "../src/term/traverse.js";
import { termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });
const F = "x^2*y + y^3";

describe("gradient, Jacobian and Hessian from the command line", () => {
  it("dsat grad and dsat hessian of x^2*y + y^3", async () => {
    // ∂/∂x = 2xy, ∂/∂y = x² + 3y²; ∂²/∂x² = 2y, ∂²/∂x∂y = 2x, ∂²/∂y² = 6y.
    expect(await dsat("grad", F)).toEqual({ code: 0, stdout: "[2*x*y, x^2 + 3*y^2]", stderr: "" });
    expect(await dsat("hessian", F)).toEqual({ code: 0, stdout: "[[2*y, 2*x], [2*x, 6*y]]", stderr: "" });
  });

  it("takes the variables in the order given, as words or comma-separated", async () => {
    expect((await dsat("grad", F, "y", "x")).stdout).toBe("[x^2 + 3*y^2, 2*x*y]");
    expect((await dsat("grad", F, "y,x")).stdout).toBe("[x^2 + 3*y^2, 2*x*y]");
    expect((await dsat("grad", F, "x", "z")).stdout).toBe("[2*x*y, 0]");
    expect((await dsat("hessian", F, "y")).stdout).toBe("[[6*y]]");
    expect((await dsat("grad", "x*y*z", "z", "y", "x")).stdout).toBe("[x*y, x*z, y*z]");
  });

  it("dsat jacobian of a vector, with infix and S-expression entries", async () => {
    expect((await dsat("jacobian", "[x*y, x + y]")).stdout).toBe("[[y, x], [1, 1]]");
    // Polar coordinates: ∂(r cos t, r sin t)/∂(r, t).
    expect((await dsat("jacobian", "[r*cos(t), r*sin(t)]", "r", "t")).stdout).toBe(
      "[[cos(t), -r*sin(t)], [sin(t), r*cos(t)]]",
    );
    expect((await dsat("jacobian", "[(* x y), d(x, x^2)]")).stdout).toBe("[[y, x], [2, 0]]");
    expect((await dsat("jacobian", "x^2")).stdout).toBe("[[2*x]]");
  });

  it("prints entries in the other formats", async () => {
    expect((await dsat("grad", "x*y", "--format", "sexpr")).stdout).toBe("[y, x]");
    expect((await dsat("grad", "x^2*y", "--format", "sexpr")).stdout).toBe("[(* (* 2 x) y), (^ x 2)]");
    expect((await dsat("grad", "x^2*y", "--no-simplify")).stdout).toMatch(/^\[.*, x\^2\]$/);
  });

  it("reports bad input with the usual exit codes", async () => {
    expect((await dsat("grad", F, "2x")).code).toBe(ExitCode.usage);
    expect((await dsat("grad")).code).toBe(ExitCode.usage);
    expect((await dsat("jacobian", "[x, ]")).code).toBe(ExitCode.syntax);
    expect((await dsat("jacobian", "[x, y")).code).toBe(ExitCode.syntax);
    expect((await dsat("jacobian", "[]")).code).toBe(ExitCode.syntax);
    expect((await dsat("hessian", "foo(x)")).code).toBe(ExitCode.unknownOperator);
    const unknown = await dsat("jacobian", "[x, foo(y)]");
    expect(unknown.code).toBe(ExitCode.unknownOperator);
    expect(unknown.stderr).toContain("[x, foo(y)]\n      ^"); // the caret under foo, in the whole list
  });

  it("higher-order and mixed partials with dsat diff", async () => {
    // ∂²/∂x∂y (x²y³) = 6xy²; ∂³/∂x³ sin(x) = -cos(x).
    expect((await dsat("diff", "x^2*y^3", "x", "y")).stdout).toBe("6*x*y^2");
    expect((await dsat("diff", "x^2*y^3", "y", "x")).stdout).toBe("6*x*y^2");
    expect((await dsat("diff", "sin(x)", "x", "x", "x")).stdout).toBe("-cos(x)");
  });
});

describe("the library functions", () => {
  it("gradient, hessian and jacobian return terms; printVector and printMatrix write them", () => {
    const f = parse(F);
    expect(printVector(gradient(f), { format: "infix", theory })).toBe("[2*x*y, x^2 + 3*y^2]");
    expect(printMatrix(hessian(f), { format: "infix", theory })).toBe("[[2*y, 2*x], [2*x, 6*y]]");
    expect(printMatrix(jacobian([f, parse("x*y")]), { format: "infix", theory })).toBe(
      "[[2*x*y, x^2 + 3*y^2], [y, x]]",
    );
    expect(printVector([], { format: "infix", theory })).toBe("[]");
    expect(freeVariables([parse("b*a"), parse("c + a")])).toEqual(["a", "b", "c"]);
  });

  it("memoises: each (term, variable) is differentiated once across entries and calls", () => {
    const d = new Differentiator({ theory });
    const f = parse("exp(x*y)*sin(x + y)");
    hessian(f, ["x", "y"], d);
    expect(d.computed).toBe(6); // 2 first derivatives + 4 second ones
    gradient(f, ["x", "y"], d);
    jacobian([f, f], ["x", "y"], d);
    expect(d.computed).toBe(6);
    // The Jacobian of a gradient is the Hessian, entry for entry (the same objects).
    expect(jacobian(gradient(f, ["x", "y"], d), ["x", "y"], d)).toEqual(hessian(f, ["x", "y"], d));
  });

  it("property: gradient entries are diffMany's derivatives, Hessian entries agree in value with the mixed partials", () => {
    const functions = termArbitrary({
      theory,
      // No division or powers: exact folding would meet 1/0 in some random functions.
      operators: ["+", "-", "*", "sin", "cos", "exp"],
      variables: ["x", "y"],
      numbers: "integers",
      maxDepth: 3,
    });
    fc.assert(
      fc.property(
        functions,
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (f, x, y) => {
          const [gx, gy] = gradient(f, ["x", "y"], { theory });
          const [[hxx, hxy], [hyx, hyy]] = hessian(f, ["x", "y"], { theory }) as [[Term, Term], [Term, Term]];
          const value = (t: Term) => evaluate(t, { x, y }, { theory });
          // These functions are defined everywhere; a non-finite value is an overflow: skipped.
          const close = (a: number, b: number) =>
            !Number.isFinite(a) ||
            !Number.isFinite(b) ||
            Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
          // Each entry is the derivative dsat diff computes (simplified, so compared by value).
          expect(close(value(gx!), value(diffMany(f, ["x"], { theory })))).toBe(true);
          expect(close(value(gy!), value(diffMany(f, ["y"], { theory })))).toBe(true);
          expect(close(value(hxx), value(diffMany(f, ["x", "x"], { theory })))).toBe(true);
          expect(close(value(hxy), value(diffMany(f, ["x", "y"], { theory })))).toBe(true);
          expect(close(value(hyy), value(diffMany(f, ["y", "y"], { theory })))).toBe(true);
          // Smooth functions: the mixed partials agree (Schwarz).
          expect(close(value(hxy), value(hyx))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("parseExpressionList splits at top-level commas and reports errors in the whole text", () => {
    expect(parseExpressionList("[d(x, x*y), (+ x 1) , sin(x)]", { theory })).toEqual([
      parse("d(x, x*y)"),
      parse("(+ x 1)"),
      parse("sin(x)"),
    ]);
    try {
      parseExpressionList("[x, y +* z]", { theory });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).position.column).toBe(8); // the '*' after '+'
    }
    expect(() => parseExpressionList("[x, bar(y)]", { theory })).toThrow(UnknownOperatorError);
  });

  it("a 100,000-deep function has a gradient (no recursion over the term)", () => {
    let f: Term = sym("x");
    for (let i = 0; i < 100_000; i++) f = app("*", [f, sym("y")]);
    const [gx, gy] = gradient(f, ["x", "y"], { theory, simplify: false });
    // f = (((x*y)*y)…)*y, so ∂f/∂x = y^100000 as a chain of products and ∂f/∂y = 100000*x*y^99999.
    expect(depth(gx!)).toBeGreaterThanOrEqual(100_000);
    expect(evaluate(gx!, { x: 3, y: 1 }, { theory })).toBe(1);
    expect(evaluate(gy!, { x: 3, y: 1 }, { theory })).toBe(300_000);
  }, 60_000);
});
