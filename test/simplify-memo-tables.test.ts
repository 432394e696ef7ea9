import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareTerms, structuralHash } from "../src/simplify/structural-order.js";
import { TreeSizes } from "../src/simplify/tree-size.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { treeSize } from "../src/term/traverse.js";
import { termArbitrary } from "./support/arbitrary.js";

/**
 * The memo tables and orders the simplifier's last steps rely on: tree sizes agree with the
 * plain fold, and the structural order is a total order. (Its id-keyed tables are
 * `TermIdMap`s, tested in term-id-map.test.ts.)
 */

describe("TreeSizes", () => {
  it("agrees with the tree size fold, whatever was measured before", () => {
    fc.assert(
      fc.property(fc.array(termArbitrary({ maxDepth: 5 }), { minLength: 1, maxLength: 5 }), (terms) => {
        const sizes = new TreeSizes();
        for (const t of terms) expect(sizes.of(t)).toBe(treeSize(t));
      }),
    );
  });

  it("counts a shared subterm once per occurrence, and a deep chain without recursion", () => {
    const x = sym("x");
    let shared: Term = x;
    // Each level uses the previous twice: 2^(k+1) - 1 nodes as a tree, k + 1 as a DAG.
    for (let k = 0; k < 40; k++) shared = app("*", [shared, shared]);
    expect(new TreeSizes().of(shared)).toBe(2 ** 41 - 1);
    let deep: Term = x;
    for (let i = 0; i < 100_000; i++) deep = app("neg", [deep]);
    expect(new TreeSizes().of(deep)).toBe(100_001);
  });
});

describe("compareTerms", () => {
  const term = termArbitrary({ maxDepth: 3 });
  const sign = (n: number) => Math.sign(n);

  it("is zero exactly for the same term, and antisymmetric", () => {
    fc.assert(
      fc.property(term, term, (a, b) => {
        expect(compareTerms(a, b) === 0).toBe(a === b);
        // `|| 0`: for equal terms -sign(0) is -0, which toBe (Object.is) tells apart from 0.
        expect(sign(compareTerms(a, b))).toBe(-sign(compareTerms(b, a)) || 0);
      }),
    );
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(term, term, term, (a, b, c) => {
        const [p, q, r] = [a, b, c].sort(compareTerms) as [Term, Term, Term];
        expect(compareTerms(p, q)).toBeLessThanOrEqual(0);
        expect(compareTerms(q, r)).toBeLessThanOrEqual(0);
        expect(compareTerms(p, r)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("puts numbers (by value) before symbols (by name) before applications (by operator)", () => {
    const ordered = [
      num(-2),
      num(1),
      sym("a"),
      sym("b"),
      app("*", [sym("z"), sym("z")]),
      app("+", [sym("a"), num(1)]),
    ];
    const sorted = [...ordered].reverse().sort(compareTerms);
    // "*" sorts before "+" by character code.
    expect(sorted).toEqual([ordered[0], ordered[1], ordered[2], ordered[3], ordered[4], ordered[5]]);
  });

  it("compares terms that agree for more than the walk's step budget by their hash", () => {
    const x = sym("x");
    let a: Term = x;
    let b: Term = x;
    for (let i = 0; i < 200; i++) {
      a = app("sin", [a]);
      b = app("sin", [b]);
    }
    a = app("sin", [app("+", [a, num(1)])]);
    b = app("sin", [app("+", [b, num(2)])]);
    expect(sign(compareTerms(a, b))).toBe(sign(structuralHash(a) - structuralHash(b)));
    expect(sign(compareTerms(a, b))).toBe(-sign(compareTerms(b, a)));
  });
});
