import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { app, num, sym, type Term } from "../src/term/term.js";
import { findInPostorder, occursIn, postorder } from "../src/term/traverse.js";
import { termArbitrary } from "./support/arbitrary.js";

/** Post-order by its definition (recursive: fine for the small terms generated here). */
function referencePostorder(root: Term): Term[] {
  const order: Term[] = [];
  const seen = new Set<Term>();
  const visit = (t: Term): void => {
    if (seen.has(t)) return;
    if (t.kind === "app") for (const a of t.args) visit(a);
    seen.add(t);
    order.push(t);
  };
  visit(root);
  return order;
}

const terms = termArbitrary({ variables: ["x", "y"], operators: ["+", "*", "neg", "sin"], maxDepth: 5 });

describe("term walks", () => {
  it("postorder lists each distinct subterm once, children first, left to right", () => {
    fc.assert(
      fc.property(terms, (t) => {
        expect(postorder(t)).toEqual(referencePostorder(t));
      }),
      { numRuns: 500 },
    );
  });

  it("occursIn finds exactly the subterms", () => {
    fc.assert(
      fc.property(terms, terms, (needle, haystack) => {
        const subterms = new Set(referencePostorder(haystack));
        expect(occursIn(needle, haystack)).toBe(subterms.has(needle));
        for (const sub of subterms) expect(occursIn(sub, haystack)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("findInPostorder returns the first hit of postorder, and visits nothing after it", () => {
    fc.assert(
      fc.property(terms, fc.constantFrom("+", "*", "neg", "sin"), (t, op) => {
        const test = (u: Term) => u.kind === "app" && u.op === op;
        const visited: Term[] = [];
        const found = findInPostorder(t, (u) => {
          visited.push(u);
          return test(u);
        });
        const order = referencePostorder(t);
        expect(found).toBe(order.find(test));
        expect(visited).toEqual(found === undefined ? order : order.slice(0, order.indexOf(found) + 1));
      }),
      { numRuns: 300 },
    );
  });

  it("findInPostorder lets its test walk terms too (each walk has its own scratch state)", () => {
    const t = app("+", [app("sin", [sym("x")]), app("*", [sym("y"), app("sin", [sym("x")])])]);
    const inner: Term[][] = [];
    const found = findInPostorder(t, (u) => {
      inner.push(postorder(u));
      return occursIn(sym("y"), u) && u.kind === "app";
    });
    expect(found).toBe(app("*", [sym("y"), app("sin", [sym("x")])]));
    expect(inner).toEqual(referencePostorder(t).slice(0, 4).map(referencePostorder));
  });

  it("walks give the same answers one after another (their scratch state is reset)", () => {
    const a = app("+", [sym("x"), app("sin", [sym("x")])]);
    const b = app("*", [app("sin", [sym("x")]), num(2)]);
    expect(postorder(a)).toEqual(referencePostorder(a));
    expect(occursIn(sym("x"), b)).toBe(true);
    expect(postorder(b)).toEqual(referencePostorder(b));
    expect(occursIn(sym("y"), a)).toBe(false);
    expect(postorder(a)).toEqual(referencePostorder(a));
  });

  it("handle heavily shared DAGs and 100,000-deep terms", () => {
    let shared: Term = sym("x");
    for (let i = 0; i < 60; i++) shared = app("+", [shared, shared]);
    expect(postorder(shared)).toHaveLength(61);
    expect(occursIn(sym("x"), shared)).toBe(true);
    expect(occursIn(sym("y"), shared)).toBe(false);
    let deep: Term = sym("y");
    for (let i = 0; i < 100_000; i++) deep = app("neg", [deep]);
    expect(postorder(deep)).toHaveLength(100_001);
    expect(occursIn(sym("y"), deep)).toBe(true);
    expect(occursIn(num(7), deep)).toBe(false);
  });
});
