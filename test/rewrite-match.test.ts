import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnboundVariableError } from "../src/errors.js";
import { conditionHolds, instantiate, match, type Substitution } from "../src/rewrite/match.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { baseTheory } from "../src/theory.js";

const p = (text: string) => parseSExpr(text, { theory: baseTheory, patternVariables: true });

/** Small terms over a few operators; `leaves` decides whether pattern variables appear. */
function terms(leaves: fc.Arbitrary<Term>): fc.Arbitrary<Term> {
  return fc.letrec<{ t: Term }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaves,
      fc.tuple(fc.constantFrom("+", "*"), tie("t"), tie("t")).map(([op, a, b]) => app(op, [a, b])),
      fc.tuple(fc.constantFrom("sin", "neg"), tie("t")).map(([op, a]) => app(op, [a])),
    ),
  })).t;
}
const groundLeaf = fc.oneof(fc.constantFrom("x", "y").map(sym), fc.integer({ min: 0, max: 2 }).map(num));
const ground = terms(groundLeaf);
const patterns = terms(fc.oneof(groundLeaf, fc.constantFrom("?a", "?b", "?c").map(sym)));
const substitutions = fc.tuple(ground, ground, ground).map(
  ([a, b, c]) =>
    new Map([
      ["?a", a],
      ["?b", b],
      ["?c", c],
    ]) as Substitution,
);

describe("match", () => {
  it("binds pattern variables and compares everything else by identity", () => {
    const s = match(p("(* ?a (+ ?b 1))"), p("(* (sin x) (+ y 1))"));
    expect(s).toEqual(
      new Map([
        ["?a", p("(sin x)")],
        ["?b", p("y")],
      ]),
    );
    expect(match(p("(* ?a (+ ?b 1))"), p("(* (sin x) (+ y 2))"))).toBeUndefined();
    expect(match(p("(+ ?a ?b)"), p("(* x y)"))).toBeUndefined();
    expect(match(p("x"), p("x"))).toEqual(new Map());
    expect(match(p("3"), p("3"))).toEqual(new Map());
    expect(match(p("3"), p("x"))).toBeUndefined();
  });

  it("requires a repeated variable to bind the same term (non-linear patterns)", () => {
    expect(match(p("(* ?a ?a)"), p("(* (+ x 1) (+ x 1))"))).toEqual(new Map([["?a", p("(+ x 1)")]]));
    expect(match(p("(* ?a ?a)"), p("(* (+ x 1) (+ 1 x))"))).toBeUndefined();
    expect(match(p("(d ?x ?x)"), p("(d x x)"))).toBeDefined();
    expect(match(p("(d ?x ?x)"), p("(d x y)"))).toBeUndefined();
  });

  it("finds the substitution that rebuilds the term (match then instantiate is the identity)", () => {
    fc.assert(
      fc.property(patterns, ground, (pattern, term) => {
        const s = match(pattern, term);
        if (s !== undefined) expect(instantiate(pattern, s)).toBe(term);
      }),
    );
  });

  it("matches every instance of a pattern", () => {
    fc.assert(
      fc.property(patterns, substitutions, (pattern, s) => {
        const instance = instantiate(pattern, s);
        const found = match(pattern, instance);
        expect(found).toBeDefined();
        expect(instantiate(pattern, found!)).toBe(instance);
      }),
    );
  });
});

describe("instantiate", () => {
  it("replaces variables and shares the bound terms", () => {
    const bound = p("(sin (* x y))");
    const result = instantiate(p("(+ ?a (* 2 ?a))"), new Map([["?a", bound]]));
    expect(result).toBe(p("(+ (sin (* x y)) (* 2 (sin (* x y))))"));
  });

  it("raises an UnboundVariableError for a variable the substitution lacks", () => {
    expect(() => instantiate(p("(+ ?a ?b)"), new Map([["?a", p("x")]]))).toThrow(UnboundVariableError);
    expect(() => instantiate(p("(+ ?a ?b)"), new Map([["?a", p("x")]]))).toThrow(
      "variable '?b' has no value",
    );
  });
});

describe("conditionHolds", () => {
  it("instantiates the condition's arguments and asks the theory's predicate", () => {
    const s = new Map([
      ["?a", p("(exp x)")],
      ["?b", p("x")],
    ]);
    const holds = (predicate: string, ...args: string[]) =>
      conditionHolds({ predicate, args: args.map(p) }, s, baseTheory);
    expect(holds("nonzero?", "?a")).toBe(true);
    expect(holds("nonzero?", "?b")).toBe(false);
    expect(holds("var?", "?b")).toBe(true);
    expect(holds("free-of", "?a", "y")).toBe(true);
    expect(holds("free-of", "?a", "?b")).toBe(false);
    expect(holds("!=", "?b", "0")).toBe(true);
  });
});
