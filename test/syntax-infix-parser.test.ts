import { describe, expect, it, test } from "vitest";
import { ArityError, ParseError, UnknownOperatorError } from "../src/errors.js";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { Rational } from "../src/term/rational.js";
import { num, sym } from "../src/term/term.js";
import { baseTheory, type Theory } from "../src/theory.js";
import { userSyntaxTheory } from "./support/user-syntax-theory.js";

const infix = (text: string, theory: Theory = baseTheory) => parseInfix(text, { theory });
const sexpr = (text: string, theory: Theory = baseTheory) => parseSExpr(text, { theory });

/** Runs `parse` and returns what it threw (failing the test when it does not throw). */
function thrown(parse: () => unknown): Error {
  try {
    parse();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the parse to fail");
}

describe("infix precedence and associativity", () => {
  test.each([
    ["x^2 + x*y + y^3", "(+ (+ (^ x 2) (* x y)) (^ y 3))"],
    ["x - y - z", "(- (- x y) z)"],
    ["x - y + z", "(+ (- x y) z)"],
    ["x / y / z", "(/ (/ x y) z)"],
    ["x / y * z", "(* (/ x y) z)"],
    ["x + y*z", "(+ x (* y z))"],
    ["x^y^z", "(^ x (^ y z))"],
    ["(x^y)^z", "(^ (^ x y) z)"],
    ["-x^2", "(neg (^ x 2))"],
    ["-x*y", "(* (neg x) y)"],
    ["-x + y", "(+ (neg x) y)"],
    ["2^-x", "(^ 2 (neg x))"],
    ["2^-x^2", "(^ 2 (neg (^ x 2)))"],
    ["2^-x*3", "(* (^ 2 (neg x)) 3)"],
    ["x - -y", "(- x (neg y))"],
    ["x*-y", "(* x (neg y))"],
    ["---x", "(neg (neg (neg x)))"],
    ["-(-x)", "(neg (neg x))"],
    ["-sin(x)^2", "(neg (^ (sin x) 2))"],
    ["sin(x)^2", "(^ (sin x) 2)"],
    ["sin (x)", "(sin x)"],
    ["d(x, x^2)", "(d x (^ x 2))"],
    ["d(x,d(y,x*y))", "(d x (d y (* x y)))"],
    ["exp(log(x)) + sqrt(tan(cos(x)))", "(+ (exp (log x)) (sqrt (tan (cos x))))"],
    ["((x))", "x"],
    [" x\n*\ty ", "(* x y)"],
    ["x_1 + alpha", "(+ x_1 alpha)"],
  ])("%s", (text, expected) => {
    expect(infix(text)).toBe(sexpr(expected));
  });
});

describe("exact number literals", () => {
  test.each([
    ["0.5", "1/2"],
    ["1e-3", "1/1000"],
    ["2.5e2", "250"],
    ["1E3", "1000"],
    ["007", "7"],
    ["-3", "-3"],
    ["-0.5", "-1/2"],
    ["-3^2", "(neg (^ 3 2))"],
    ["-(3)", "(neg 3)"],
    ["--3", "(neg -3)"],
    ["1/3", "1/3"],
    ["-1/3", "-1/3"],
    ["2/4", "1/2"],
    ["4/2", "2"],
    ["1/(3)", "(/ 1 3)"],
    ["(1)/3", "(/ 1 3)"],
    ["-(1)/3", "(/ (neg 1) 3)"],
    ["2/3/4", "(/ 2/3 4)"],
    ["x/2", "(/ x 2)"],
    ["1/0", "(/ 1 0)"],
    ["2/-3", "(/ 2 -3)"],
    ["1.5/2", "(/ 3/2 2)"],
    ["1e2/3", "(/ 100 3)"],
    ["1/3^2", "(/ 1 (^ 3 2))"],
    ["1/3*x", "(* 1/3 x)"],
    ["x*1/3", "(/ (* x 1) 3)"],
    ["x + 1/2", "(+ x 1/2)"],
    ["x^(1/2)", "(^ x 1/2)"],
    ["2e", null],
  ])("%s", (text, expected) => {
    if (expected === null) expect(() => infix(text)).toThrow(ParseError);
    else expect(infix(text)).toBe(sexpr(expected));
  });

  it("reads integers of any size exactly", () => {
    expect(infix("123456789012345678901234567890")).toBe(num(123456789012345678901234567890n));
    expect(infix("-123456789012345678901234567890/7")).toBe(
      num(Rational.of(-123456789012345678901234567890n, 7n)),
    );
  });

  it("rejects an exponent too large to represent", () => {
    expect(thrown(() => infix("1e999999")).message).toContain("number literal '1e999999' is too large");
  });
});

describe("operators a theory adds", () => {
  test.each([
    ["2**3**x", "(** 2 (** 3 x))"],
    ["2*-3", "(* 2 -3)"],
    ["2 * *x", null],
    ["x**-1", "(** x -1)"],
    ["x % y * z", "(* (mod x y) z)"],
    ["x // y // z", "(rdiv x (rdiv y z))"],
    ["x * y // z", "(* x (rdiv y z))"],
    ["x // y * z", "(* (rdiv x y) z)"],
    ["a xor b + c", "(+ (xor a b) c)"],
    ["a + b xor c*w", "(+ a (xor b (* c w)))"],
    ["x == y + 1", "(eq x (+ y 1))"],
    ["~x^2", "(^ (flip x) 2)"],
    ["-~x", "(neg (flip x))"],
    ["~3", "(flip 3)"],
    ["max(x, y)", "(max x y)"],
  ])("%s", (text, expected) => {
    if (expected === null) expect(() => infix(text, userSyntaxTheory)).toThrow(ParseError);
    else expect(infix(text, userSyntaxTheory)).toBe(sexpr(expected, userSyntaxTheory));
  });

  it("does not know them in the base theory", () => {
    expect(thrown(() => infix("x % y")).message).toContain("unexpected character '%'");
    expect(thrown(() => infix("max(x, y)"))).toBeInstanceOf(UnknownOperatorError);
    // Without `**`, `2**3` is `2 *` followed by a `*` where an expression should be.
    expect(thrown(() => infix("2**3")).message).toContain("expected an expression after '*', found '*'");
    expect(thrown(() => infix("x xor y")).message).toContain("missing operator between 'x' and 'xor'");
  });

  it("reads a word symbol as an operator, not a variable", () => {
    expect(thrown(() => infix("xor + 1", userSyntaxTheory)).message).toContain(
      "expected an expression before 'xor'",
    );
    expect(infix("xor", baseTheory)).toBe(sym("xor"));
  });
});

describe("errors", () => {
  /** The parse error of `text`, checked to be a ParseError at `line`:`column` with a caret there. */
  function parseErrorAt(text: string, line: number, column: number, theory: Theory = baseTheory): ParseError {
    const error = thrown(() => infix(text, theory));
    expect(error).toBeInstanceOf(ParseError);
    const parseError = error as ParseError;
    expect(parseError.position.line).toBe(line);
    expect(parseError.position.column).toBe(column);
    expect(parseError.message).toContain(`at line ${line}, column ${column}`);
    const sourceLine = text.split("\n")[line - 1]!;
    expect(parseError.message.endsWith(`\n  ${sourceLine}\n  ${" ".repeat(column - 1)}^`)).toBe(true);
    return parseError;
  }

  test.each([
    ["2x", 2, "missing operator between '2' and 'x'", "write 2*x"],
    ["2 x", 3, "missing operator between '2' and 'x'", "write 2*x"],
    ["x y", 3, "missing operator between 'x' and 'y'", "write x*y"],
    ["2(x)", 2, "missing operator between '2' and '('", "write 2*(…)"],
    ["(x)(y)", 4, "missing operator between '(x)' and '('", "write (x)*(…)"],
    ["x (y)", 3, "missing operator between 'x' and '('", "write x*(…)"],
    ["1 + 2sin(x)", 6, "missing operator between '2' and 'sin'", "write 2*sin(…)"],
    ["x^2 y", 5, "missing operator between '2' and 'y'", "write 2*y"],
  ])("%s has no implicit multiplication", (text, column, between, advice) => {
    const error = parseErrorAt(text, 1, column);
    expect(error.reason).toContain(between);
    expect(error.reason).toContain("no implicit multiplication");
    expect(error.reason).toContain(advice);
  });

  test.each([
    ["x + ", 1, 5, "unexpected end of input: expected an expression after '+'"],
    ["x + * y", 1, 5, "expected an expression after '+', found '*'"],
    ["* x", 1, 1, "expected an expression before '*'"],
    ["", 1, 1, "empty input: expected an expression"],
    ["   ", 1, 4, "empty input: expected an expression"],
    ["(x", 1, 3, "missing ')' to close the '(' at line 1, column 1"],
    ["x*(y + (z)", 1, 11, "missing ')' to close the '(' at line 1, column 3"],
    ["sin(x", 1, 6, "missing ')' to close the '(' of the call to 'sin' at line 1, column 4"],
    ["x)", 1, 2, "unexpected ')'"],
    [")", 1, 1, "unexpected ')'"],
    ["()", 1, 2, "empty parentheses"],
    ["x $ y", 1, 3, "unexpected character '$'"],
    ["(x, y)", 1, 3, "unexpected ','"],
    ["d(x,)", 1, 5, "expected an expression after ',', found ')'"],
    ["neg(x)", 1, 1, "operator 'neg' is written -a, not called"],
    ["x +\n  y *\n  * z", 3, 3, "expected an expression after '*', found '*'"],
    ["(x +\n y", 2, 3, "missing ')' to close the '(' at line 1, column 1"],
    ["x\n\n  + $", 3, 5, "unexpected character '$'"],
    [
      "(x +\n 1) y",
      2,
      5,
      "missing operator between '(x + 1)' and 'y' (there is no implicit multiplication); write (x + 1)*y",
    ],
  ])("%j", (text, line, column, reason) => {
    expect(parseErrorAt(text, line, column).reason).toContain(reason);
  });

  it("reports an unknown function with its position", () => {
    const error = thrown(() => infix("1 + foo(x)"));
    expect(error).toBeInstanceOf(UnknownOperatorError);
    expect((error as UnknownOperatorError).operator).toBe("foo");
    expect((error as UnknownOperatorError).at?.position).toMatchObject({ line: 1, column: 5 });
    expect(error.message).toContain("unknown operator 'foo' at line 1, column 5\n  1 + foo(x)\n      ^");
  });

  test.each([
    ["sin(x, y)", "sin", 1, 2, 1],
    ["sin()", "sin", 1, 0, 1],
    ["x + d(x)", "d", 2, 1, 5],
    ["d(x, y, z)", "d", 2, 3, 1],
  ])("%s has the wrong number of arguments", (text, operator, expected, actual, column) => {
    const error = thrown(() => infix(text));
    expect(error).toBeInstanceOf(ArityError);
    const arity = error as ArityError;
    expect([arity.operator, arity.expected, arity.actual]).toEqual([operator, expected, actual]);
    expect(arity.at?.position.column).toBe(column);
    expect(arity.message).toContain(`at line 1, column ${column}`);
  });

  it("names the file when given one", () => {
    const error = thrown(() => parseInfix("x +\n+", { theory: baseTheory, file: "input.txt" }));
    expect(error.message.startsWith("input.txt:2:1: expected an expression after '+', found '+'")).toBe(true);
    const unknown = thrown(() => parseInfix("f(x)", { theory: baseTheory, file: "input.txt" }));
    expect(unknown.message.startsWith("input.txt:1:1: unknown operator 'f'")).toBe(true);
  });
});
