import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { detectSyntax, parseExpression } from "../src/syntax/parse.js";
import { type OutputFormat, printTerm } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { termArbitrary } from "./support/arbitrary.js";

// Issue 11: an operator's name is an operator only when applied with parentheses; alone it is
// a variable. Named constants (operators of arity 0) are the exception: alone they are constants.
const theory = defaultTheory();
const formats: readonly OutputFormat[] = ["infix", "parens", "sexpr"];

describe("operator names in infix and S-expressions", () => {
  it("reads an operator's name alone as a variable and applied as the operator", () => {
    const [a, b, c, d, x] = ["a", "b", "c", "d", "x"].map(sym) as [Term, Term, Term, Term, Term];
    const quotient = app("/", [app("+", [app("*", [a, x]), b]), app("+", [app("*", [c, x]), d])]);
    expect(parseInfix("(a*x + b)/(c*x + d)", { theory })).toBe(quotient);
    expect(parseExpression("(a*x + b)/(c*x + d)", { theory })).toBe(quotient);
    expect(parseInfix("d*x", { theory })).toBe(app("*", [d, x]));
    expect(parseInfix("d(x, e)", { theory })).toBe(app("d", [x, app("e", [])]));
    expect(parseInfix("sin(sin)", { theory })).toBe(app("sin", [sym("sin")]));
    expect(parseSExpr("(* d (sin sin))", { theory })).toBe(app("*", [d, app("sin", [sym("sin")])]));
  });

  it("reads pi and e alone (or with empty parentheses) as the constants", () => {
    const pi = app("pi", []);
    expect(parseInfix("pi", { theory })).toBe(pi);
    expect(parseInfix("pi()", { theory })).toBe(pi);
    expect(parseSExpr("(sin pi)", { theory })).toBe(app("sin", [pi]));
    expect(parseSExpr("(* 2 (pi))", { theory })).toBe(app("*", [num(2), pi]));
    expect(parseInfix("e^x", { theory })).toBe(app("^", [app("e", []), sym("x")]));
    expect(printTerm(app("*", [num(2), pi]), { format: "infix", theory })).toBe("2*pi");
    expect(printTerm(app("*", [num(2), pi]), { format: "parens", theory })).toBe("(2*pi)");
    expect(printTerm(app("*", [num(2), pi]), { format: "sexpr", theory })).toBe("(* 2 pi)");
  });

  it("tells a parenthesised infix expression starting with an operator's name from an S-expression", () => {
    expect(detectSyntax("(d + x)*2", { theory })).toBe("infix");
    expect(detectSyntax("(d - x)", { theory })).toBe("infix");
    expect(detectSyntax("(d x (* x x))", { theory })).toBe("sexpr");
    expect(detectSyntax("(sin -3)", { theory })).toBe("sexpr");
    expect(parseExpression("(d + x)*2", { theory })).toBe(app("*", [app("+", [sym("d"), sym("x")]), num(2)]));
  });

  it("prints every term over variables named like operators, and constants, so that it reads back", () => {
    const arbitrary = termArbitrary({
      theory,
      variables: ["x", "sin", "d", "log", "exp", "sqrt", "logb"],
      operators: ["+", "-", "*", "/", "^", "neg", "sin", "log", "logb", "d", "pi", "e"],
      maxDepth: 5,
    });
    fc.assert(
      fc.property(arbitrary, (term) => {
        for (const format of formats) {
          const text = printTerm(term, { format, theory });
          const back = format === "sexpr" ? parseSExpr(text, { theory }) : parseInfix(text, { theory });
          expect(back, `${format}: ${text}`).toBe(term);
          expect(parseExpression(text, { theory }), `auto-detected ${format}: ${text}`).toBe(term);
        }
      }),
      { numRuns: 500 },
    );
  });
});
