import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diff, diffMany } from "../src/diff.js";
import { ArityError, UnknownOperatorError, UnresolvedDerivativeError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { loadRuleFiles } from "../src/node/load-rule-files.js";
import { packageRulesDirectory } from "../src/node/package-rules.js";
import { normalize } from "../src/rewrite/normalize.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, sym, type Term } from "../src/term/term.js";
import { dagSize, depth } from "../src/term/traverse.js";
import { baseTheory, type Theory } from "../src/theory.js";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
// The base operators with only diff.rules and cleanup.rules, so that the exact forms tested here
// do not depend on the other rules files the package ships (which may add to both sets).
const theory = loadRuleFiles(
  baseTheory,
  ["diff.rules", "cleanup.rules"].map((name) => join(packageRulesDirectory(), name)),
);
const parseIn = (within: Theory) => (text: string) => parseSExpr(text, { theory: within });
const t = parseIn(theory);

describe("derivatives of the base operators", () => {
  // Each expected result is the rule's right side instantiated by hand, then tidied by cleanup.
  it.each([
    ["(- x y)", "(- 1 0)", "1"],
    ["(/ x y)", "(/ (- (* 1 y) (* x 0)) (* y y))", "(/ y (* y y))"],
    ["(neg x)", "(neg 1)", "-1"],
    ["(^ x 3)", "(* (* 3 (^ x (- 3 1))) 1)", "(* 3 (^ x 2))"],
    ["(^ x y)", "(* (* y (^ x (- y 1))) 1)", "(* y (^ x (- y 1)))"],
    ["(^ x 0)", "0", "0"],
    ["(^ 2 x)", "(* (* (^ 2 x) (log 2)) 1)", "(* (^ 2 x) (log 2))"],
    ["(^ x x)", "(* (^ x x) (+ (* 1 (log x)) (/ (* x 1) x)))", "(* (^ x x) (+ (log x) (/ x x)))"],
    ["(sin x)", "(* (cos x) 1)", "(cos x)"],
    ["(cos x)", "(* (neg (sin x)) 1)", "(neg (sin x))"],
    ["(tan x)", "(* (/ 1 (^ (cos x) 2)) 1)", "(/ 1 (^ (cos x) 2))"],
    ["(exp (* 2 x))", "(* (exp (* 2 x)) (+ (* 0 x) (* 2 1)))", "(* (exp (* 2 x)) 2)"],
    ["(log x)", "(* (/ 1 x) 1)", "(/ 1 x)"],
    ["(sqrt x)", "(* (/ 1 (* 2 (sqrt x))) 1)", "(/ 1 (* 2 (sqrt x)))"],
    ["(sin (cos x))", "(* (cos (cos x)) (* (neg (sin x)) 1))", "(* (cos (cos x)) (neg (sin x)))"],
    ["(+ 3 1/2)", "(+ 0 0)", "0"],
  ])("d/dx %s", (f, raw, clean) => {
    expect(diff(t(f), "x", { theory, raw: true })).toBe(t(raw));
    expect(diff(t(f), "x", { theory })).toBe(t(clean));
  });

  it("differentiates repeatedly with diffMany", () => {
    // d²/dx² x^3 = 6x; ∂²/∂x∂y (x*y*y) = 2y.
    const second = diffMany(t("(^ x 3)"), ["x", "x"], { theory });
    expect(second).toBe(t("(* 3 (* 2 x))"));
    expect(evaluate(second, { x: 5 }, { theory })).toBe(30);
    expect(
      evaluate(diffMany(t("(* x (* y y))"), ["x", sym("y")], { theory }), { x: 7, y: 3 }, { theory }),
    ).toBe(6);
    expect(diffMany(t("(* x y)"), [], { theory })).toBe(t("(* x y)"));
  });

  it("resolves a d already inside the input", () => {
    expect(diff(t("(d y (* x y))"), "x", { theory })).toBe(t("1"));
  });
});

describe("operators added by a rules file", () => {
  const extended = loadRuleFiles(theory, [fixture("hyperbolic.rules")]);
  const h = parseIn(extended);

  it("differentiates sinh(2x) with the file's rules and evaluates through the :eval definitions", () => {
    expect(diff(h("(sinh (* 2 x))"), "x", { theory: extended, raw: true })).toBe(
      h("(* (cosh (* 2 x)) (+ (* 0 x) (* 2 1)))"),
    );
    const derivative = diff(h("(sinh (* 2 x))"), "x", { theory: extended });
    expect(derivative).toBe(h("(* (cosh (* 2 x)) 2)"));
    for (const x of [-1.5, 0, 0.3, 2]) {
      expect(evaluate(derivative, { x }, { theory: extended })).toBeCloseTo(2 * Math.cosh(2 * x), 12);
    }
    expect(diff(h("(cosh x)"), "x", { theory: extended })).toBe(h("(sinh x)"));
  });

  it("leaves the theory it extends unchanged", () => {
    expect(theory.operators.sinh).toBeUndefined();
    expect(theory.ruleSets.diff!.rules.some((r) => r.name === "d-sinh")).toBe(false);
    expect(extended.ruleSets.diff!.rules.at(-1)!.name).toBe("d-cosh");
  });

  it("supports a user infix operator defined by a base one", () => {
    const power = loadRuleFiles(theory, [fixture("infix-power.rules")]);
    const p = parseIn(power);
    expect(diff(p("(** x 3)"), "x", { theory: power })).toBe(p("(* 3 (^ x 2))"));
    expect(evaluate(p("(** 2 (** 3 2))"), {}, { theory: power })).toBe(512);
  });
});

describe("differentiation errors", () => {
  it("names the operator no derivative rule covers", () => {
    const bare = applyRuleFile(
      theory,
      parseRuleFile("(operator sinh 1 :eval (/ (- (exp ?0) (exp (neg ?0))) 2))", { theory, file: "s.rules" }),
    );
    const attempt = () => diff(parseIn(bare)("(* 2 (sinh x))"), "x", { theory: bare });
    expect(attempt).toThrow(UnresolvedDerivativeError);
    expect(attempt).toThrow("no derivative rule for operator 'sinh' in rule set 'diff'");
    try {
      attempt();
    } catch (error) {
      expect((error as UnresolvedDerivativeError).operator).toBe("sinh");
    }
  });

  it("rejects an operator the theory does not know, or a wrong arity", () => {
    expect(() => diff(app("foo", [sym("x")]), "x", { theory })).toThrow(UnknownOperatorError);
    expect(() => diff(app("sin", [sym("x"), sym("y")]), "x", { theory })).toThrow(ArityError);
  });

  it("rejects differentiating with respect to something that is not a variable", () => {
    expect(() => diff(t("(d (+ x 1) x)"), "x", { theory })).toThrow(UnresolvedDerivativeError);
    expect(() => diff(t("(d (+ x 1) x)"), "x", { theory })).toThrow(
      "the first argument of d must be a variable",
    );
    expect(() => diff(t("x"), "?x", { theory })).toThrow("not a variable name");
    expect(() => diff(t("x"), "2x", { theory })).toThrow("not a variable name");
  });
});

describe("deep terms", () => {
  const N = 100_000;

  it("differentiates x + (x + (… + x)) nested 100,000 deep", () => {
    let sum: Term = sym("x");
    for (let i = 1; i < N; i++) sum = app("+", [sym("x"), sum]);
    const raw = diff(sum, "x", { theory, raw: true });
    expect(depth(raw)).toBe(N);
    expect(evaluate(raw, { x: 3 }, { theory })).toBe(N);
    // Cleanup (what diff does after the raw pass) folds 1 + (1 + …) to the exact count.
    expect(normalize(raw, theory.ruleSets.cleanup!, { theory }).term).toBe(t(String(N)));
  });

  it("differentiates sin(sin(… x)) nested 100,000 deep into a DAG of linear size", () => {
    let sines: Term = sym("x");
    for (let i = 0; i < N; i++) sines = app("sin", [sines]);
    const raw = diff(sines, "x", { theory, raw: true });
    // cos(s_k) * (cos(s_k-1) * … * 1): per level one sine (shared with the input), one cos, one product.
    expect(dagSize(raw)).toBeLessThanOrEqual(3 * N + 3);
    const clean = normalize(raw, theory.ruleSets.cleanup!, { theory }).term;
    expect(dagSize(clean)).toBeLessThanOrEqual(3 * N + 3);
    // Compare with the chain rule computed directly.
    let value = 0.5;
    let derivative = 1;
    for (let i = 0; i < N; i++) {
      derivative *= Math.cos(value);
      value = Math.sin(value);
    }
    expect(evaluate(clean, { x: 0.5 }, { theory })).toBeCloseTo(derivative, 12);
  });
});
