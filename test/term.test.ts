import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rational } from "../src/term/rational.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { dagSize, depth, postorder, treeSize } from "../src/term/traverse.js";

/** A term described as plain data, built twice independently to test hash-consing. */
type Shape = { leaf: string } | { n: number } | { op: string; args: Shape[] };

const shape: fc.Arbitrary<Shape> = fc.letrec<{ s: Shape }>((tie) => ({
  s: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("x", "y", "z").map((leaf) => ({ leaf })),
    fc.integer({ min: -3, max: 3 }).map((n) => ({ n })),
    fc.record({
      op: fc.constantFrom("+", "*", "sin"),
      args: fc.array(tie("s"), { minLength: 1, maxLength: 2 }),
    }),
  ),
})).s;

function build(s: Shape): Term {
  if ("leaf" in s) return sym(s.leaf);
  if ("n" in s) return num(s.n);
  return app(s.op, s.args.map(build));
}

function sameShape(a: Shape, b: Shape): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe("term store", () => {
  it("gives structurally equal terms the same object, and only them", () => {
    fc.assert(
      fc.property(shape, shape, (a, b) => {
        const ta = build(a);
        const tb = build(b);
        expect(ta === tb).toBe(sameShape(a, b));
        expect(ta.id === tb.id).toBe(sameShape(a, b));
        expect(build(a)).toBe(ta);
      }),
    );
  });

  it("never confuses an application of two children with one of a single child", () => {
    // (sin 0 y) once shared a table key with (sin y): 0 has id 0, and id0*PACK + id1 = id1.
    const y = sym("y");
    const pair = app("sin", [num(0), y]);
    expect(app("sin", [y])).not.toBe(pair);
    expect(app("sin", [y]).args).toEqual([y]);
  });

  it("identifies numbers by exact value", () => {
    expect(num("0.5")).toBe(num(Rational.of(1n, 2n)));
    expect(num(0.5)).toBe(num("1/2"));
    expect(num(2)).not.toBe(num("2.5"));
  });

  it("measures shared DAGs without blowing up", () => {
    let t: Term = sym("x");
    for (let i = 0; i < 60; i++) t = app("+", [t, t]);
    expect(dagSize(t)).toBe(61);
    expect(treeSize(t)).toBe(2 ** 61 - 1);
    expect(depth(t)).toBe(61);
  });

  it("walks a term nested 100,000 deep", () => {
    let t: Term = sym("x");
    for (let i = 0; i < 100_000; i++) t = app("sin", [t]);
    expect(postorder(t).length).toBe(100_001);
    expect(depth(t)).toBe(100_001);
  });
});

describe("theory records", () => {
  it("never mistake Object.prototype names for declared operators, even after extend", async () => {
    const { baseTheory, extend } = await import("../src/theory.js");
    const extended = extend(baseTheory, (draft) => {
      draft.operators.foo = { name: "foo", arity: 1, syntax: { kind: "call", name: "foo" } };
    });
    for (const theory of [baseTheory, extended]) {
      expect(theory.operators.constructor).toBeUndefined();
      expect(theory.operators.toString).toBeUndefined();
      expect(theory.predicates.hasOwnProperty).toBeUndefined();
    }
    expect(extended.operators.foo?.arity).toBe(1);
    expect(baseTheory.operators.foo).toBeUndefined();
  });
});

describe("application index", () => {
  it("keeps unary, binary and wider applications apart for every operator and child ids", () => {
    const leaves = [num(0), num(1), sym("x"), sym("y")];
    const seen = new Map<number, string>();
    for (const op of ["f", "g"]) {
      for (const a of leaves) {
        const shapes: [string, Term[]][] = [[`${op} ${a.id}`, [a]]];
        for (const b of leaves) {
          shapes.push([`${op} ${a.id} ${b.id}`, [a, b]]);
          shapes.push([`${op} ${a.id} ${b.id} ${a.id}`, [a, b, a]]);
        }
        for (const [description, args] of shapes) {
          const t = app(op, args);
          expect(seen.get(t.id) ?? description).toBe(description);
          seen.set(t.id, description);
          expect(app(op, args)).toBe(t);
        }
      }
    }
  });

  it("survives growth: many distinct applications stay distinct and findable", () => {
    const built: Term[] = [];
    let t: Term = sym("grow");
    for (let i = 0; i < 20_000; i++) {
      t = app(i % 3 === 0 ? "sin" : "+", i % 3 === 0 ? [t] : [t, num(i)]);
      built.push(t);
    }
    let u: Term = sym("grow");
    for (let i = 0; i < 20_000; i++) {
      u = app(i % 3 === 0 ? "sin" : "+", i % 3 === 0 ? [u] : [u, num(i)]);
      expect(u).toBe(built[i]);
    }
  });
});
