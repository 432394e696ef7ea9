import { describe, expect, it, test } from "vitest";
import { ArityError, UnknownOperatorError } from "../src/errors.js";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { printInfix, printParens, printSExpr, printTerm } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, num, sym } from "../src/term/term.js";
import { baseTheory, type Theory } from "../src/theory.js";
import { userSyntaxTheory } from "./support/user-syntax-theory.js";

const sexpr = (text: string, theory: Theory = baseTheory) => parseSExpr(text, { theory });

describe("the article's examples in the parenthesised style", () => {
  test.each([
    ["3*(y + x)", "(3*(y+x))"],
    ["3*y + x", "((3*y)+x)"],
    ["x*x + (x*y + y*(y*y))", "((x*x)+((x*y)+(y*(y*y))))"],
    ["1*x + x*1 + (1*y + x*0)", "(((1*x)+(x*1))+((1*y)+(x*0)))"],
  ])("%s prints %s", (text, expected) => {
    expect(printParens(parseInfix(text, { theory: baseTheory }), { theory: baseTheory })).toBe(expected);
  });
});

describe("infix and parenthesised printing", () => {
  test.each([
    // [S-expression, infix, parens]
    ["(+ (* 2 x) y)", "2*x + y", "((2*x)+y)"],
    ["(- x (- y z))", "x - (y - z)", "(x-(y-z))"],
    ["(- (- x y) z)", "x - y - z", "((x-y)-z)"],
    ["(+ x (+ y z))", "x + (y + z)", "(x+(y+z))"],
    ["(^ (+ x 1) 2)", "(x + 1)^2", "((x+1)^2)"],
    ["(+ (+ (^ x 2) (* x y)) (^ y 3))", "x^2 + x*y + y^3", "(((x^2)+(x*y))+(y^3))"],
    ["(^ x (^ y z))", "x^y^z", "(x^(y^z))"],
    ["(^ (^ x y) z)", "(x^y)^z", "((x^y)^z)"],
    ["(- (* x y) (/ x y))", "x*y - x/y", "((x*y)-(x/y))"],
    ["(/ x (* y z))", "x/(y*z)", "(x/(y*z))"],
    ["(* x (/ y z))", "x*(y/z)", "(x*(y/z))"],
    ["(* (/ x y) z)", "x/y*z", "((x/y)*z)"],
    ["(neg (^ x 2))", "-x^2", "(-(x^2))"],
    ["(^ (neg x) 2)", "(-x)^2", "((-x)^2)"],
    ["(neg (+ x y))", "-(x + y)", "(-(x+y))"],
    ["(* (neg x) y)", "-x*y", "((-x)*y)"],
    ["(+ (neg x) y)", "-x + y", "((-x)+y)"],
    ["(- x (neg y))", "x - (-y)", "(x-(-y))"],
    ["(+ x (* (neg y) z))", "x + (-y*z)", "(x+((-y)*z))"],
    ["(neg (neg x))", "-(-x)", "(-(-x))"],
    ["(^ 2 (neg x))", "2^(-x)", "(2^(-x))"],
    ["(^ (sin x) 2)", "sin(x)^2", "(sin(x)^2)"],
    ["(sin (+ x 1))", "sin(x + 1)", "sin((x+1))"],
    ["(neg (sin x))", "-sin(x)", "(-sin(x))"],
    ["(exp (neg x))", "exp(-x)", "exp((-x))"],
    ["(d x (^ x 2))", "d(x, x^2)", "d(x,(x^2))"],
    // Numbers: negative literals, rational literals, and applications that look like them.
    ["-3", "-3", "-3"],
    ["(* x -3)", "x*(-3)", "(x*(-3))"],
    ["(* -3 x)", "-3*x", "(-3*x)"],
    ["(^ -3 2)", "(-3)^2", "((-3)^2)"],
    ["(- -3 x)", "-3 - x", "(-3-x)"],
    ["(neg 3)", "-(3)", "(-(3))"],
    ["(neg -3)", "-(-3)", "(-(-3))"],
    ["(neg (^ 3 2))", "-3^2", "(-(3^2))"],
    ["1/2", "1/2", "(1/2)"],
    ["-1/2", "-1/2", "(-1/2)"],
    ["(^ x 1/2)", "x^(1/2)", "(x^(1/2))"],
    ["(* 1/2 x)", "1/2*x", "((1/2)*x)"],
    ["(* x 1/2)", "x*(1/2)", "(x*(1/2))"],
    ["(/ x 1/2)", "x/(1/2)", "(x/(1/2))"],
    ["(+ x 1/2)", "x + 1/2", "(x+(1/2))"],
    ["(+ x -1/2)", "x + (-1/2)", "(x+(-1/2))"],
    ["(neg 1/2)", "-(1/2)", "(-(1/2))"],
    ["(/ 1 3)", "1/(3)", "(1/(3))"],
    ["(/ -1 3)", "-1/(3)", "(-1/(3))"],
    ["(/ 1 -3)", "1/(-3)", "(1/(-3))"],
    ["(/ 1 0)", "1/0", "(1/0)"],
    ["(/ 2/3 4)", "2/3/4", "((2/3)/4)"],
    ["(/ (/ 2 3) 4)", "2/(3)/4", "((2/(3))/4)"],
  ])("%s", (source, expectedInfix, expectedParens) => {
    const term = sexpr(source);
    expect(printInfix(term, { theory: baseTheory })).toBe(expectedInfix);
    expect(printParens(term, { theory: baseTheory })).toBe(expectedParens);
    expect(parseInfix(expectedInfix, { theory: baseTheory })).toBe(term);
    expect(parseInfix(expectedParens, { theory: baseTheory })).toBe(term);
  });

  test.each([
    ["(** x (** y z))", "x**y**z", "(x**(y**z))"],
    ["(** (** x y) z)", "(x**y)**z", "((x**y)**z)"],
    ["(mod (* x y) z)", "x*y%z", "((x*y)%z)"],
    ["(eq x (+ y 1))", "x == y + 1", "(x==(y+1))"],
    ["(+ (eq x y) 1)", "(x == y) + 1", "((x==y)+1)"],
    ["(xor (+ x 1) y)", "(x + 1) xor y", "((x+1) xor y)"],
    ["(+ (xor x y) 1)", "x xor y + 1", "((x xor y)+1)"],
    ["(xor x (* y z))", "x xor y*z", "(x xor (y*z))"],
    // Same precedence, mixed associativity: the later operator's associativity decides.
    ["(rdiv x (rdiv y z))", "x//y//z", "(x//(y//z))"],
    ["(rdiv (rdiv x y) z)", "(x//y)//z", "((x//y)//z)"],
    ["(* x (rdiv y z))", "x*y//z", "(x*(y//z))"],
    ["(rdiv (* x y) z)", "(x*y)//z", "((x*y)//z)"],
    ["(rdiv x (* y z))", "x//(y*z)", "(x//(y*z))"],
    ["(* (rdiv x y) z)", "x//y*z", "((x//y)*z)"],
    ["(rdiv 1/2 x)", "(1/2)//x", "((1/2)//x)"],
    ["(flip (^ x 2))", "~(x^2)", "(~(x^2))"],
    ["(^ (flip x) 2)", "~x^2", "((~x)^2)"],
    ["(neg (flip x))", "-(~x)", "(-(~x))"],
    ["(flip -3)", "~(-3)", "(~(-3))"],
    ["(flip 3)", "~3", "(~3)"],
    ["(max x (+ y 1))", "max(x, y + 1)", "max(x,(y+1))"],
  ])("user operators: %s", (source, expectedInfix, expectedParens) => {
    const theory = userSyntaxTheory;
    const term = sexpr(source, theory);
    expect(printInfix(term, { theory })).toBe(expectedInfix);
    expect(printParens(term, { theory })).toBe(expectedParens);
    expect(parseInfix(expectedInfix, { theory })).toBe(term);
    expect(parseInfix(expectedParens, { theory })).toBe(term);
  });

  it("refuses applications the theory cannot spell", () => {
    expect(() => printInfix(app("foo", [sym("x")]), { theory: baseTheory })).toThrow(UnknownOperatorError);
    expect(() => printParens(app("foo", [sym("x")]), { theory: baseTheory })).toThrow(UnknownOperatorError);
    expect(() => printInfix(app("+", [sym("x")]), { theory: baseTheory })).toThrow(ArityError);
    expect(() => printParens(app("neg", [sym("x"), sym("y")]), { theory: baseTheory })).toThrow(ArityError);
  });
});

describe("S-expression printing", () => {
  test.each([
    [app("+", [app("*", [sym("x"), sym("x")]), app("*", [sym("x"), sym("y")])]), "(+ (* x x) (* x y))"],
    [app("neg", [sym("x")]), "(neg x)"],
    [num(3), "3"],
    [num(-3), "-3"],
    [num("1/2"), "1/2"],
    [num("-1/2"), "-1/2"],
    [app("d", [sym("x"), app("sin", [sym("x")])]), "(d x (sin x))"],
    [app("+", [sym("?a"), num(0)]), "(+ ?a 0)"],
  ])("%s", (term, expected) => {
    expect(printSExpr(term)).toBe(expected);
  });
});

describe("printTerm", () => {
  it("dispatches on the format", () => {
    const term = sexpr("(* 3 (+ y x))");
    expect(printTerm(term, { format: "infix", theory: baseTheory })).toBe("3*(y + x)");
    expect(printTerm(term, { format: "parens", theory: baseTheory })).toBe("(3*(y+x))");
    expect(printTerm(term, { format: "sexpr", theory: baseTheory })).toBe("(* 3 (+ y x))");
  });

  it("prints a shared subterm each time it occurs", () => {
    const shared = sexpr("(+ x 1)");
    const term = app("*", [shared, shared]);
    expect(printTerm(term, { format: "infix", theory: baseTheory })).toBe("(x + 1)*(x + 1)");
    expect(printTerm(term, { format: "sexpr", theory: baseTheory })).toBe("(* (+ x 1) (+ x 1))");
  });
});
