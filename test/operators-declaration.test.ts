import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleFileError, UsageError } from "../src/errors.js";
import { evaluate, evaluateExact } from "../src/eval/evaluate.js";
import { normalize } from "../src/rewrite/normalize.js";
import {
  BUILTIN_JS_FUNCTIONS,
  jsFunction,
  jsFunctionNames,
  registerJsFunction,
} from "../src/rules/js-functions.js";
import { declaredMeaningOf } from "../src/rules/operator-declaration.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printInfix } from "../src/syntax/print-infix.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { Rational } from "../src/term/rational.js";
import { baseTheory, type Theory } from "../src/theory.js";

/** `theory` extended by the rules-file text `text` (as `t.rules`). */
function load(text: string, theory: Theory = baseTheory): Theory {
  return applyRuleFile(theory, parseRuleFile(text, { theory, file: "t.rules" }));
}

function ruleFileError(text: string): RuleFileError {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleFileError);
    return error as RuleFileError;
  }
  throw new Error(`expected a RuleFileError for ${text}`);
}

describe("(operator NAME ARITY :js FUNCTION)", () => {
  it("gives an operator the numeric meaning of a registered JavaScript function", () => {
    const theory = load('(operator asin 1 :js Math.asin :description "arcsine")');
    const spec = theory.operators.asin!;
    expect(spec.syntax).toEqual({ kind: "call", name: "asin" });
    expect(spec.description).toBe("arcsine");
    const t = parseExpression("asin(x/2)", { theory });
    expect(printInfix(t, { theory })).toBe("asin(x/2)");
    for (const x of [-2, -0.5, 0, 1, 2]) expect(evaluate(t, { x }, { theory })).toBe(Math.asin(x / 2));
    expect(evaluate(t, { x: 3 }, { theory })).toBeNaN(); // outside [-1, 1]: undefined, not an exception
    expect(declaredMeaningOf(spec)).toEqual({ kind: "js", name: "Math.asin", fn: jsFunction("Math.asin") });
  });

  it("folds constants through the function's exact meaning where it has one", () => {
    const theory = load(
      "(operator cbrt 1 :js Math.cbrt)\n(operator asin 1 :js Math.asin)\n(ruleset tidy)\n(fold-constants)",
    );
    const tidy = theory.ruleSets.tidy!;
    const fold = (text: string) =>
      printInfix(normalize(parseSExpr(text, { theory }), tidy, { theory }).term, { theory });
    expect(fold("(cbrt -27/8)")).toBe("-3/2"); // (-3/2)^3 = -27/8
    expect(fold("(cbrt 2)")).toBe("cbrt(2)"); // irrational: left alone
    expect(fold("(asin 0)")).toBe("0");
    expect(fold("(asin 1/2)")).toBe("asin(1/2)"); // pi/6
    expect(evaluateExact(parseSExpr("(cbrt 64)", { theory }), {}, { theory })).toEqual(Rational.of(4));
  });

  it("rejects an unregistered name, an arity mismatch, and :js together with :eval", () => {
    const unknown = ruleFileError("(operator foo 1 :js Math.nope)");
    expect(unknown.message).toMatch(/^t\.rules:1:21: no JavaScript function is registered as 'Math\.nope'/);
    expect(unknown.message).toContain("Math.asin"); // lists what is registered
    expect(ruleFileError("(operator foo 2 :js Math.asin)").message).toContain(
      "'Math.asin' takes 1 argument, but 'foo' has arity 2",
    );
    expect(ruleFileError("(operator foo 1 :eval (exp ?0) :js Math.exp)").message).toContain(
      "choose one of :eval and :js for 'foo'",
    );
    expect(ruleFileError("(operator foo 1 :js (Math.asin))").message).toContain("takes a single word");
  });

  it("records an :eval definition for the compiler, and keeps the meaning when redeclared without one", () => {
    const first = load("(operator twice 1 :eval (* 2 ?0))");
    const meaning = declaredMeaningOf(first.operators.twice!);
    expect(meaning?.kind).toBe("eval");
    expect(meaning?.kind === "eval" && meaning.definition).toBe(
      parseSExpr("(* 2 ?0)", { theory: baseTheory, patternVariables: true }),
    );
    const again = load('(operator twice 1 :description "doubles")', first);
    expect(declaredMeaningOf(again.operators.twice!)).toBe(meaning);
    expect(declaredMeaningOf(baseTheory.operators.sin!)).toBeUndefined();
  });
});

describe("the registry of JavaScript functions", () => {
  it("starts with the built-ins and lists names sorted", () => {
    const names = jsFunctionNames();
    expect(names).toEqual([...names].sort());
    for (const name of Object.keys(BUILTIN_JS_FUNCTIONS)) expect(names).toContain(name);
  });

  it("registers a function once; the same one again is fine, another under the name is an error", () => {
    const softplus = { arity: 1, evaluate: (x: number) => Math.log1p(Math.exp(x)) };
    registerJsFunction("test.softplus", softplus);
    registerJsFunction("test.softplus", softplus);
    expect(() => registerJsFunction("test.softplus", { arity: 1, evaluate: (x: number) => x })).toThrow(
      UsageError,
    );
    expect(() => registerJsFunction("not a name", softplus)).toThrow(UsageError);
    expect(() => registerJsFunction("test.bad", { arity: 1.5, evaluate: softplus.evaluate })).toThrow(
      UsageError,
    );
    const theory = load("(operator softplus 1 :js test.softplus)");
    expect(evaluate(parseExpression("softplus(0)", { theory }), {}, { theory })).toBe(Math.LN2);
  });

  it("dsat.sign is undefined at 0 and ±1 elsewhere; Math.sign is 0 at 0", () => {
    const sign = jsFunction("dsat.sign")!;
    expect(sign.evaluate(0)).toBeNaN();
    expect(sign.evaluate(-0)).toBeNaN();
    expect(sign.evaluate(-3)).toBe(-1);
    expect(sign.evaluate(1e-300)).toBe(1);
    expect(sign.exact!([Rational.ZERO])).toBeUndefined();
    expect(sign.exact!([Rational.of(-2, 3)])).toEqual(Rational.MINUS_ONE);
    expect(jsFunction("Math.sign")!.evaluate(0)).toBe(0);
  });

  it("dsat.logb is log(a)/log(b) inside its domain and NaN outside it", () => {
    const logb = jsFunction("dsat.logb")!;
    expect(logb.evaluate(2, 8)).toBeCloseTo(3, 14);
    expect(logb.evaluate(10, 0.001)).toBeCloseTo(-3, 14);
    for (const [b, a] of [
      [0, 1], // log 0 is -Infinity, and 0/-Infinity would say 0
      [1, 5],
      [-2, 4],
      [2, 0],
      [2, -1],
    ] as const) {
      expect(logb.evaluate(b, a)).toBeNaN();
    }
  });

  it("property: dsat.logb folds exactly to p/q whenever b^(p/q) = a, and never to a wrong value", () => {
    const exact = jsFunction("dsat.logb")!.exact!;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: -6, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (base, p, q) => {
          // a = base^(p/q) is rational only when base is a q-th power; build it as one.
          const b = Rational.of(base ** q);
          const a = Rational.of(base).pow(Rational.of(p))!;
          expect(exact([b, a])).toEqual(Rational.of(p, q));
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1, max: 50 }), (b, a) => {
        const folded = exact([Rational.of(b), Rational.of(a)]);
        if (folded !== undefined) expect(Rational.of(b).pow(folded)).toEqual(Rational.of(a));
      }),
    );
  });

  it("Math.cbrt folds exact cube roots of negative and fractional rationals", () => {
    const exact = jsFunction("Math.cbrt")!.exact!;
    expect(exact([Rational.of(-8)])).toEqual(Rational.of(-2));
    expect(exact([Rational.of(27, 125)])).toEqual(Rational.of(3, 5));
    expect(exact([Rational.of(9)])).toBeUndefined();
  });
});
