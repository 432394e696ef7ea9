import { describe, expect, it } from "vitest";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printInfix, printParens, printSExpr } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { depth } from "../src/term/traverse.js";
import { baseTheory } from "../src/theory.js";

/**
 * Every syntax handles terms nested 100,000 deep: nothing recurses on the shape of a term.
 * The expected texts are built here by string repetition, independently of the printers.
 */
const N = 100_000;
const theory = baseTheory;
const x = sym("x");

/** Applies `wrap` to `x` n times: wrap(wrap(…wrap(x)…)). */
function nest(wrap: (inner: Term) => Term, n = N): Term {
  let t: Term = x;
  for (let i = 0; i < n; i++) t = wrap(t);
  return t;
}

interface DeepShape {
  readonly name: string;
  readonly term: Term;
  readonly infix: string;
  readonly parens: string;
  readonly sexpr: string;
  /** Other infix spellings of the same term. */
  readonly alsoInfix?: readonly string[];
}

const shapes: DeepShape[] = [
  {
    name: "sin(sin(…x…))",
    term: nest((t) => app("sin", [t])),
    infix: `${"sin(".repeat(N)}x${")".repeat(N)}`,
    parens: `${"sin(".repeat(N)}x${")".repeat(N)}`,
    sexpr: `${"(sin ".repeat(N)}x${")".repeat(N)}`,
  },
  {
    name: "-(-(…x…))",
    term: nest((t) => app("neg", [t])),
    infix: `${"-(".repeat(N - 1)}-x${")".repeat(N - 1)}`,
    parens: `${"(-".repeat(N)}x${")".repeat(N)}`,
    sexpr: `${"(neg ".repeat(N)}x${")".repeat(N)}`,
    alsoInfix: [`${"-".repeat(N)}x`, `${"- ".repeat(N)}x`],
  },
  {
    name: "x^x^…^x",
    term: nest((t) => app("^", [x, t])),
    infix: Array(N + 1)
      .fill("x")
      .join("^"),
    parens: `${"(x^".repeat(N)}x${")".repeat(N)}`,
    sexpr: `${"(^ x ".repeat(N)}x${")".repeat(N)}`,
  },
  {
    name: "1+(1+(1+…))",
    term: nest((t) => app("+", [num(1), t])),
    infix: `${"1 + (".repeat(N - 1)}1 + x${")".repeat(N - 1)}`,
    parens: `${"(1+".repeat(N)}x${")".repeat(N)}`,
    sexpr: `${"(+ 1 ".repeat(N)}x${")".repeat(N)}`,
  },
  {
    name: "x + x + … + x (left-nested)",
    term: nest((t) => app("+", [t, x])),
    infix: Array(N + 1)
      .fill("x")
      .join(" + "),
    parens: `${"(".repeat(N)}x${"+x)".repeat(N)}`,
    sexpr: `${"(+ ".repeat(N)}x${" x)".repeat(N)}`,
  },
  {
    name: "d(x, d(x, …))",
    term: nest((t) => app("d", [x, t])),
    infix: `${"d(x, ".repeat(N)}x${")".repeat(N)}`,
    parens: `${"d(x,".repeat(N)}x${")".repeat(N)}`,
    sexpr: `${"(d x ".repeat(N)}x${")".repeat(N)}`,
  },
  {
    name: "-1/2*(-1/2*(…)) (literals under products)",
    term: nest((t) => app("*", [num("-1/2"), t])),
    infix: `${"-1/2*(".repeat(N - 1)}-1/2*x${")".repeat(N - 1)}`,
    parens: `${"((-1/2)*".repeat(N)}x${")".repeat(N)}`,
    sexpr: `${"(* -1/2 ".repeat(N)}x${")".repeat(N)}`,
  },
];

describe("100,000-deep terms", () => {
  it.each(shapes)("$name prints and parses in every syntax", (shape) => {
    expect(depth(shape.term)).toBe(N + 1);
    expect(printInfix(shape.term, { theory })).toBe(shape.infix);
    expect(printParens(shape.term, { theory })).toBe(shape.parens);
    expect(printSExpr(shape.term)).toBe(shape.sexpr);
    expect(parseInfix(shape.infix, { theory })).toBe(shape.term);
    expect(parseInfix(shape.parens, { theory })).toBe(shape.term);
    expect(parseSExpr(shape.sexpr, { theory })).toBe(shape.term);
    expect(parseExpression(shape.sexpr, { theory })).toBe(shape.term);
    for (const text of shape.alsoInfix ?? []) expect(parseInfix(text, { theory })).toBe(shape.term);
  });

  it("((((x)))) parses", () => {
    expect(parseInfix(`${"(".repeat(N)}x${")".repeat(N)}`, { theory })).toBe(x);
    expect(parseExpression(`${"(".repeat(N)}-x${")".repeat(N)}`, { theory })).toBe(app("neg", [x]));
  });

  it("reports a missing ')' deep inside", () => {
    expect(() => parseInfix(`${"(".repeat(N)}x${")".repeat(N - 1)}`, { theory })).toThrow(
      "missing ')' to close the '(' at line 1, column 1,",
    );
  });
});
