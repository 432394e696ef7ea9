import { describe, expect, test } from "vitest";
import { numericValue } from "../src/check/numeric-value.js";
import { polishCounterexample, polishTerm } from "../src/check/polish-counterexample.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { sym, type Term } from "../src/term/term.js";
import { postorder } from "../src/term/traverse.js";
import { baseTheory } from "../src/theory.js";

const theory = baseTheory;
const parse = (text: string): Term => parseSExpr(text, { theory });
const valueAt = (term: Term, point: Record<string, number>) => {
  const outcome = numericValue(term, point, { theory });
  return outcome.kind === "value" ? outcome.value : undefined;
};

describe("polishCounterexample", () => {
  test("replaces bindings and coordinates by the simplest values that still fail", () => {
    // "Fails" wherever ?a is negative: the simplest such binding is -1.
    const fails = (s: ReadonlyMap<string, Term>, p: Readonly<Record<string, number>>) =>
      (valueAt(s.get("?a")!, { x: 0, y: 0, ...p }) ?? 0) < 0;
    const start = new Map([["?a", parse("(- (log x) x)")]]);
    expect(fails(start, { x: 0.25 })).toBe(true);
    const { substitution } = polishCounterexample(start, { x: 0.25 }, fails, ["x", "y"]);
    expect(substitution.get("?a")).toBe(parse("-1"));
  });

  test("renames variables to the first ones, bindings and point together", () => {
    // Fails when ?x and ?a are the same variable and the point is positive there.
    const fails = (s: ReadonlyMap<string, Term>, p: Readonly<Record<string, number>>) => {
      const a = s.get("?a")!;
      return a === s.get("?x") && a.kind === "sym" && (p[a.name] ?? 0) > 0;
    };
    const start = new Map([
      ["?a", sym("y")],
      ["?x", sym("y")],
    ]);
    const { substitution, point } = polishCounterexample(start, { x: -3, y: 0.75 }, fails, ["x", "y"]);
    expect(substitution.get("?a")).toBe(sym("x"));
    expect(substitution.get("?x")).toBe(sym("x"));
    expect(point.x).toBe(1);
  });
});

describe("polishTerm", () => {
  test("cuts a failing term down to the part that fails", () => {
    const hasSqrt = (t: Term) => postorder(t).some((s) => s.kind === "app" && s.op === "sqrt");
    expect(polishTerm(parse("(+ (* x (sqrt (tan y))) (exp x))"), hasSqrt, ["x", "y"])).toBe(
      parse("(sqrt 0)"),
    );
  });

  test("returns the term itself when nothing simpler fails", () => {
    const isX = (t: Term) => t === sym("x");
    expect(polishTerm(sym("x"), isX, ["x", "y"])).toBe(sym("x"));
  });
});
