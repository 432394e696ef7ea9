import { describe, expect, it } from "vitest";
import { UnknownOperatorError } from "../src/errors.js";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { detectSyntax } from "../src/syntax/parse.js";
import { printInfix } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, num, sym } from "../src/term/term.js";
import { baseTheory } from "../src/theory.js";

const theory = baseTheory;

describe("names that are operators or look like object properties", () => {
  it("reads an operator's name alone as a variable in both syntaxes, and a symbol alone as a mistake", () => {
    expect(parseSExpr("(+ sin 1)", { theory })).toBe(app("+", [sym("sin"), num(1)]));
    expect(parseSExpr("(* d x)", { theory })).toBe(app("*", [sym("d"), sym("x")]));
    expect(parseInfix("sin + 1", { theory })).toBe(app("+", [sym("sin"), num(1)]));
    expect(() => parseSExpr("(* + x)", { theory })).toThrow("operator '+' needs to be applied");
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "treats %s as an ordinary name, not an inherited property",
    (name) => {
      const term = app("+", [sym(name), num(1)]);
      expect(parseSExpr(`(+ ${name} 1)`, { theory })).toBe(term);
      expect(parseInfix(`${name} + 1`, { theory })).toBe(term);
      expect(printInfix(term, { theory })).toBe(`${name} + 1`);
      expect(() => parseSExpr(`(${name} x)`, { theory })).toThrow(UnknownOperatorError);
      expect(() => parseInfix(`${name}(x)`, { theory })).toThrow(UnknownOperatorError);
      expect(() => printInfix(app(name, [sym("x")]), { theory })).toThrow(UnknownOperatorError);
      expect(detectSyntax(`(${name} x)`, { theory })).toBe("infix");
    },
  );
});
