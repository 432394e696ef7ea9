import { describe, expect, it } from "vitest";
import { ParseError, UnknownOperatorError } from "../src/errors.js";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { detectSyntax } from "../src/syntax/parse.js";
import { printInfix } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, num, sym } from "../src/term/term.js";
import { baseTheory } from "../src/theory.js";

const theory = baseTheory;

describe("names that are operators or look like object properties", () => {
  it("rejects an operator name used as a variable in both syntaxes, so every term prints readably", () => {
    expect(() => parseSExpr("(+ sin 1)", { theory })).toThrow("operator 'sin' needs to be applied");
    expect(() => parseSExpr("(* d x)", { theory })).toThrow(ParseError);
    expect(() => parseInfix("sin + 1", { theory })).toThrow(ParseError);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "treats %s as an ordinary name, not an inherited property",
    (name) => {
      const term = app("+", [sym(name), num(1)]);
      expect(parseSExpr(`(+ ${name} 1)`, { theory })).toBe(term);
      expect(parseInfix(`${name} + 1`, { theory })).toBe(term);
      expect(printInfix(term, theory)).toBe(`${name} + 1`);
      expect(() => parseSExpr(`(${name} x)`, { theory })).toThrow(UnknownOperatorError);
      expect(() => parseInfix(`${name}(x)`, { theory })).toThrow(UnknownOperatorError);
      expect(() => printInfix(app(name, [sym("x")]), theory)).toThrow(UnknownOperatorError);
      expect(detectSyntax(`(${name} x)`, theory)).toBe("infix");
    },
  );
});
