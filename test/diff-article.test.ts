import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";

const theory = defaultTheory();
const parse = (text: string) => parseSExpr(text, { theory });

// The article's example: x^2 + xy + y^3 written as x*x + (x*y + y*(y*y)).
const article = parse("(+ (* x x) (+ (* x y) (* y (* y y))))");

describe("the article's derivatives", () => {
  it("raw d/dx is ((1*x)+(x*1))+(((1*y)+(x*0))+((0*(y*y))+(y*((0*y)+(y*0)))))", () => {
    // Transcribed by hand from the article's infix output, node by node.
    const expected = parse(
      "(+ (+ (* 1 x) (* x 1)) (+ (+ (* 1 y) (* x 0)) (+ (* 0 (* y y)) (* y (+ (* 0 y) (* y 0))))))",
    );
    expect(diff(article, "x", { theory, raw: true })).toBe(expected);
  });

  it("raw d/dy is (((0*x)+(x*0))+(((0*y)+(x*1))+((1*(y*y))+(y*((1*y)+(y*1))))))", () => {
    const expected = parse(
      "(+ (+ (* 0 x) (* x 0)) (+ (+ (* 0 y) (* x 1)) (+ (* 1 (* y y)) (* y (+ (* 1 y) (* y 1))))))",
    );
    expect(diff(article, "y", { theory, raw: true })).toBe(expected);
  });

  it("prints in the article's parenthesised style exactly", () => {
    const e5 = parseExpression("x*x + (x*y + y*(y*y))", { theory });
    expect(e5).toBe(article);
    expect(printTerm(e5, { format: "parens", theory })).toBe("((x*x)+((x*y)+(y*(y*y))))");
    expect(printTerm(diff(e5, "x", { theory, raw: true }), { format: "parens", theory })).toBe(
      "(((1*x)+(x*1))+(((1*y)+(x*0))+((0*(y*y))+(y*((0*y)+(y*0))))))",
    );
    expect(printTerm(diff(e5, "y", { theory, raw: true }), { format: "parens", theory })).toBe(
      "(((0*x)+(x*0))+(((0*y)+(x*1))+((1*(y*y))+(y*((1*y)+(y*1))))))",
    );
  });

  it("evaluates to 3, 3 and 4 at x=1, y=1", () => {
    const at = { x: 1, y: 1 };
    expect(evaluate(article, at, { theory })).toBe(3);
    expect(evaluate(diff(article, "x", { theory, raw: true }), at, { theory })).toBe(3);
    expect(evaluate(diff(article, "y", { theory, raw: true }), at, { theory })).toBe(4);
  });

  it("cleans up to 2x + y and x + 3y^2 in product form", () => {
    expect(diff(article, "x", { theory })).toBe(parse("(+ (+ x x) y)"));
    expect(diff(article, "y", { theory })).toBe(parse("(+ x (+ (* y y) (* y (+ y y))))"));
  });
});
