import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { detectSyntax, parseExpression } from "../src/syntax/parse.js";
import { type OutputFormat, printTerm } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { Rational } from "../src/term/rational.js";
import { app, num, type Term } from "../src/term/term.js";
import { depth } from "../src/term/traverse.js";
import { baseTheory, type Theory } from "../src/theory.js";
import { environmentArbitrary, termArbitrary } from "./support/arbitrary.js";
import { userSyntaxTheory } from "./support/user-syntax-theory.js";

/** Reads `text` back the way its format is meant to be read. */
function readBack(text: string, format: OutputFormat, theory: Theory): Term {
  return format === "sexpr" ? parseSExpr(text, { theory }) : parseInfix(text, { theory });
}

const formats: readonly OutputFormat[] = ["infix", "parens", "sexpr"];

/** Print → parse is the identity (the very same hash-consed object), in every format. */
function roundTrips(theory: Theory) {
  return (term: Term) => {
    for (const format of formats) {
      const text = printTerm(term, { format, theory });
      expect(readBack(text, format, theory), `${format}: ${text}`).toBe(term);
      expect(parseExpression(text, { theory }), `auto-detected ${format}: ${text}`).toBe(term);
    }
  };
}

describe("print then parse is the identity", () => {
  it("over the base operators", () => {
    fc.assert(fc.property(termArbitrary({ maxDepth: 6 }), roundTrips(baseTheory)), { numRuns: 500 });
  });

  it("with derivatives", () => {
    const operators = ["+", "-", "*", "/", "^", "neg", "sin", "d"];
    fc.assert(fc.property(termArbitrary({ operators }), roundTrips(baseTheory)), { numRuns: 200 });
  });

  it("with numbers of every size and sign", () => {
    const bigRational = fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }))
      .map(([p, q]) => num(Rational.of(p, q)) as Term);
    const leafy = fc.tuple(fc.constantFrom("+", "-", "*", "/", "^", "neg"), bigRational, bigRational);
    const term = leafy.map(([op, a, b]) => (op === "neg" ? app(op, [a]) : app(op, [a, b])) as Term);
    fc.assert(fc.property(fc.oneof(bigRational, term), roundTrips(baseTheory)), { numRuns: 300 });
  });

  it("over operators a theory adds (new symbols, word symbols, mixed associativity)", () => {
    const arbitrary = termArbitrary({ theory: userSyntaxTheory, maxDepth: 6 });
    fc.assert(fc.property(arbitrary, roundTrips(userSyntaxTheory)), { numRuns: 500 });
  });
});

describe("the term generators", () => {
  it("respect the requested operators, variables, numbers and depth", () => {
    const arbitrary = termArbitrary({
      operators: ["+", "sin"],
      variables: ["a"],
      numbers: "integers",
      maxDepth: 3,
    });
    fc.assert(
      fc.property(arbitrary, (term) => {
        const stack: Term[] = [term];
        while (stack.length > 0) {
          const t = stack.pop()!;
          if (t.kind === "app") {
            expect(["+", "sin"]).toContain(t.op);
            expect(t.args.length).toBe(t.op === "+" ? 2 : 1);
            stack.push(...t.args);
          } else if (t.kind === "sym") {
            expect(t.name).toBe("a");
          } else {
            expect(t.value.isInteger()).toBe(true);
          }
        }
        expect(depth(term)).toBeLessThanOrEqual(4);
      }),
    );
  });

  it("give d a variable as its first argument", () => {
    fc.assert(
      fc.property(termArbitrary({ operators: ["d", "*"] }), (term) => {
        const stack: Term[] = [term];
        while (stack.length > 0) {
          const t = stack.pop()!;
          if (t.kind !== "app") continue;
          if (t.op === "d") expect(t.args[0]!.kind).toBe("sym");
          stack.push(...t.args);
        }
      }),
    );
  });

  it("produce points with a finite value in [-3, 3] for every variable", () => {
    fc.assert(
      fc.property(environmentArbitrary(["x", "y"]), (env) => {
        expect(Object.keys(env).sort()).toEqual(["x", "y"]);
        for (const value of Object.values(env)) {
          expect(Number.isFinite(value)).toBe(true);
          expect(Math.abs(value)).toBeLessThanOrEqual(3);
        }
      }),
    );
  });
});

describe("syntax detection", () => {
  it.each([
    "(+ x 1)",
    "(sin x)",
    "(- x)",
    "(neg x)",
    "  (* 2 x)",
    "( + x 1)",
    "\n(+ x\n 1)",
    "(d x (sin x))",
    "(+)",
    "(sin)",
  ])("%j is an S-expression", (text) => {
    expect(detectSyntax(text, { theory: baseTheory })).toBe("sexpr");
  });

  it.each([
    "(x + 1)",
    "(sin(x))",
    "(-x)",
    "(-3)",
    "x + 1",
    "-x",
    "sin(x)",
    "(x)",
    "((+ x 1))",
    "(foo x)",
    "(1/2)",
    "",
  ])("%j is infix", (text) => {
    expect(detectSyntax(text, { theory: baseTheory })).toBe("infix");
  });

  it("knows the operator names a theory adds, not their symbols", () => {
    expect(detectSyntax("(mod x y)", { theory: userSyntaxTheory })).toBe("sexpr");
    expect(detectSyntax("(mod x y)", { theory: baseTheory })).toBe("infix");
    expect(detectSyntax("(% x y)", { theory: userSyntaxTheory })).toBe("infix");
    expect(detectSyntax("(** x y)", { theory: userSyntaxTheory })).toBe("sexpr");
  });

  it("lets the caller force a syntax", () => {
    const theory = baseTheory;
    expect(parseExpression("(- x)", { theory })).toBe(parseInfix("-x", { theory }));
    expect(parseExpression("(-x)", { theory })).toBe(parseInfix("-x", { theory }));
    expect(parseExpression("x", { theory, from: "sexpr" })).toBe(parseInfix("x", { theory }));
    expect(() => parseExpression("(+ x 1)", { theory, from: "infix" })).toThrow(
      "expected an expression after '(', found '+'",
    );
    expect(() => parseExpression("x +", { theory, file: "e.txt" })).toThrow(/^e\.txt:1:4: /);
    expect(() => parseExpression("(+ x", { theory, file: "e.txt" })).toThrow(/^e\.txt:1:1: missing '\)'/);
  });
});
