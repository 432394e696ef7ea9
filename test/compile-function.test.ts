import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifiedJsForm } from "../src/compile/base-forms.js";
import { closureFunction } from "../src/compile/closure-evaluator.js";
import { compile } from "../src/compile/compile.js";
import { compileSource, MAX_INLINE_DEPTH } from "../src/compile/js-source.js";
import { defaultTheory } from "../src/default-theory.js";
import {
  DivisionByZeroError,
  DomainError,
  ExitCode,
  UndefinedConstantError,
  UsageError,
} from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { loadRuleFiles } from "../src/node/load-rule-files.js";
import { registerJsFunction } from "../src/rules/js-functions.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseExpression } from "../src/syntax/parse.js";
import { baseOperators } from "../src/term/operator.js";
import { app, sym, type Term } from "../src/term/term.js";
import { extend } from "../src/theory.js";
import { termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

// Every way an operator gets a numeric meaning: base operators, shipped :js operators (abs,
// asin, …), an :eval definition (sigmoid), a user-registered :js function, and an operator
// built in code with only an `evaluate`.
registerJsFunction("test.compile.softsign", { arity: 1, evaluate: (v: number) => v / (1 + Math.abs(v)) });
const withSigmoid = loadRuleFiles(defaultTheory(), [fixture("sigmoid.rules")]);
const withFiles = applyRuleFile(
  withSigmoid,
  parseRuleFile(
    "(operator softsign 1 :js test.compile.softsign)\n(operator clamp 1 :eval (sigmoid (* 4 ?0)))",
    {
      theory: withSigmoid,
      file: "more.rules",
    },
  ),
);
const theory = extend(withFiles, (draft) => {
  draft.operators.mean = {
    name: "mean",
    arity: 2,
    syntax: { kind: "call", name: "mean" },
    evaluate: ([a, b]) => (a! + b!) / 2,
  };
});
const parse = (text: string) => parseExpression(text, { theory });
const operators = Object.values(theory.operators)
  .filter((spec) => spec.evaluate !== undefined)
  .map((spec) => spec.name);

const coordinate = fc.oneof(
  fc.constantFrom(0, 1, -1, 0.5, -0.5, 2, -2),
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
);

/** Equal as doubles: the same value (0 and -0 told apart), or both NaN. */
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe("compile: compiled = interpreted", () => {
  it("property: without simplification, the compiled function (and the closure evaluator used where code generation is forbidden) returns exactly what evaluate does", () => {
    expect(operators).toEqual(
      expect.arrayContaining(["asin", "logb", "sign", "sigmoid", "softsign", "clamp", "mean"]),
    );
    fc.assert(
      fc.property(
        termArbitrary({ theory, operators, variables: ["x", "y"], maxDepth: 5 }),
        coordinate,
        coordinate,
        (term, x, y) => {
          const f = compile(term, ["x", "y"], { theory, simplify: false });
          const interpreted = evaluate(term, { x, y }, { theory });
          const compiled = f(x, y);
          const closure = closureFunction(term, ["x", "y"], theory)(x, y);
          if (!same(compiled, interpreted) || !same(closure, interpreted)) {
            throw new Error(
              `${f.source}\nat x=${x}, y=${y}: compiled ${compiled}, closure ${closure}, interpreted ${interpreted}`,
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("property: with simplification, it computes the simplified term exactly", () => {
    fc.assert(
      fc.property(
        termArbitrary({ theory: defaultTheory(), variables: ["x", "y"], maxDepth: 4 }),
        coordinate,
        coordinate,
        (term, x, y) => {
          let f: ReturnType<typeof compile>;
          try {
            f = compile(term, ["x", "y"]);
          } catch (error) {
            // A constant zero divisor such as 0/0, or a constant outside its domain such as
            // log(0), is the simplifier's error to report (defined nowhere), not a value.
            if (error instanceof DivisionByZeroError || error instanceof UndefinedConstantError)
              return fc.pre(false);
            throw error;
          }
          expect(same(f(x, y), evaluate(f.term, { x, y }, { theory: defaultTheory() }))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("takes its arguments in the order of the variables", () => {
    const f = compile(parse("x - 2*y"), ["y", "x"], { theory });
    expect(f(1, 10)).toBe(8);
    expect(f.variables).toEqual(["y", "x"]);
  });
});

describe("the generated source", () => {
  it("computes a shared subexpression once, as a local", () => {
    const { text, locals } = compileSource(parse("sin(x*y) + x*y"), ["x", "y"], { theory });
    expect(locals).toBe(1);
    expect(text).toBe(
      ["return function (x, y) {", "  const t1 = x * y;", "  return Math.sin(t1) + t1;", "};"].join("\n"),
    );
  });

  it("keeps the interpreter's NaN for a zero divisor and 0 to a negative power", () => {
    const { text } = compileSource(parse("x/y + x^y + x/2 + x^3"), ["x", "y"], { theory });
    expect(text).toContain("const $div = (a, b) => (b === 0 ? NaN : a / b);");
    expect(text).toContain("$div(x, y)");
    expect(text).toContain("$pow(x, y)");
    expect(text).toContain("x / 2"); // a nonzero constant divisor needs no check
    expect(text).toContain("x ** 3");
    const f = compile(parse("1/x + 0^y"), ["x", "y"], { theory, simplify: false });
    expect(f(0, 1)).toBeNaN();
    expect(f(1, -1)).toBeNaN();
    expect(f(2, 2)).toBe(0.5);
  });

  it("calls Math functions directly, registered ones through $js, and expands :eval definitions", () => {
    const { text } = compileSource(parse("asin(x) + sign(x) + softsign(x) + clamp(x) + mean(x, 1)"), ["x"], {
      theory,
    });
    expect(text).toContain("Math.asin(x)");
    expect(text).toContain('const $sign = $js("dsat.sign");');
    expect(text).toContain('const $softsign = $js("test.compile.softsign");');
    expect(text).toContain('const $mean = $operator("mean");');
    expect(text).not.toMatch(/clamp|sigmoid/); // expanded into exp and arithmetic
    expect(text).toContain("Math.exp(-(4 * x))");
  });

  it("writes each base operator in a JavaScript form checked against its meaning", () => {
    for (const spec of baseOperators) {
      if (spec.name === "d") continue;
      expect({ op: spec.name, form: verifiedJsForm(spec) !== undefined }).toEqual({
        op: spec.name,
        form: true,
      });
    }
    // log is undefined at 0 (as in evaluate), where Math.log says -Infinity.
    const { text } = compileSource(parse("log(x)"), ["x"], { theory });
    expect(text).toContain("const $log = (a) => (a > 0 ? Math.log(a) : NaN);");
    expect(compile(parse("log(x)"), ["x"], { theory, simplify: false })(0)).toBeNaN();
  });

  it("calls evaluate for an operator whose meaning is not the base one", () => {
    const changed = extend(theory, (draft) => {
      draft.operators.sin = { ...theory.operators.sin!, evaluate: ([v]) => Math.sin(v!) + 1 };
    });
    const f = compile(parseExpression("sin(x)", { theory: changed }), ["x"], {
      theory: changed,
      simplify: false,
    });
    expect(f.source).toContain('const $sin = $operator("sin");');
    expect(f(0)).toBe(1);
  });

  it("gives an operator named like a base helper a helper of its own", () => {
    const named = applyRuleFile(
      theory,
      parseRuleFile("(operator div 1 :js Math.cbrt)\n(operator pow 1 :eval (* 3 ?0))", {
        theory,
        file: "n.rules",
      }),
    );
    const text = compileSource(parseExpression("div(x)/y", { theory: named }), ["x", "y"], {
      theory: named,
    }).text;
    expect(text).toContain("Math.cbrt(x)");
    const own = applyRuleFile(
      theory,
      parseRuleFile("(operator div 1 :js test.compile.softsign)", { theory, file: "n.rules" }),
    );
    const f = compile(parseExpression("div(x)/y", { theory: own }), ["x", "y"], {
      theory: own,
      simplify: false,
    });
    expect(f.source).toContain('const $div2 = $js("test.compile.softsign");');
    expect(f(1, 2)).toBe(0.25);
  });

  it("renames parameters that are JavaScript reserved words or globals it uses", () => {
    const f = compile(parse("new*Math + NaN"), ["new", "Math", "NaN"], { theory, simplify: false });
    expect(f.source).toContain("function ($new, $Math, $NaN)");
    expect(f(2, 3, 4)).toBe(10);
  });

  it("turns a 100,000-deep chain into straight-line code", () => {
    let t: Term = sym("x");
    for (let i = 0; i < 100_000; i++) t = app("+", [app("sin", [t]), sym("y")]);
    const f = compile(t, ["x", "y"], { theory, simplify: false });
    const lines = f.source.split("\n");
    expect(lines.length).toBeGreaterThan(100_000 / MAX_INLINE_DEPTH);
    // No statement nests deeper than the inline limit.
    const deepest = Math.max(...lines.map((line) => line.split("(").length - 1));
    expect(deepest).toBeLessThanOrEqual(2 * MAX_INLINE_DEPTH);
    let expected = 0.5;
    for (let i = 0; i < 100_000; i++) expected = Math.sin(expected) + 0.25;
    expect(f(0.5, 0.25)).toBe(expected);
  });
});

describe("errors", () => {
  it("a variable that is not a parameter, a name twice, a bad name: UsageError", () => {
    expect(() => compile(parse("x + z"), ["x"], { theory })).toThrow(UsageError);
    expect(() => compile(parse("x + z"), ["x"], { theory })).toThrow(
      "variable 'z' is not a parameter of the compiled function (parameters: x)",
    );
    expect(() => compile(parse("x"), ["x", "x"], { theory })).toThrow(UsageError);
    expect(() => compile(parse("x"), ["x", "2y"], { theory })).toThrow(UsageError);
  });

  it("an operator with no numeric meaning, or an unresolved derivative: DomainError", () => {
    const bare = applyRuleFile(theory, parseRuleFile("(operator mystery 1)", { theory, file: "m.rules" }));
    expect(() => compile(parseExpression("mystery(x)", { theory: bare }), ["x"], { theory: bare })).toThrow(
      DomainError,
    );
    expect(() => compile(parse("d(x, x^2)"), ["x"], { theory, simplify: false })).toThrow(
      "cannot compile a derivative",
    );
  });
});

describe("dsat compile", () => {
  it("prints the source of the simplified expression", async () => {
    const result = await dsat("compile", "sin(x*y) + x*y", "--vars", "x,y");
    expect(result.code).toBe(0);
    // The simplifier writes the sum as x*y + sin(x*y); x*y is computed once either way.
    expect(result.stdout.split("\n")).toEqual([
      "return function (x, y) {",
      "  const t1 = x * y;",
      "  return t1 + Math.sin(t1);",
      "};",
    ]);
    expect((await dsat("compile", "2*x + y*0", "--no-simplify", "--vars", "y,x")).stdout).toBe(
      ["return function (y, x) {", "  return (2 * x) + (y * 0);", "};"].join("\n"),
    );
    expect((await dsat("compile", "b - a")).stdout).toContain("return function (a, b) {");
  });

  it("exit 2 when a variable is missing from --vars or two expressions are given", async () => {
    const missing = await dsat("compile", "x + y", "--vars", "x");
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toContain("variable 'y' is not a parameter");
    expect((await dsat("compile", "x", "y")).code).toBe(ExitCode.usage);
  });
});
