import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EGraph } from "../src/egraph/egraph.js";
import { UnionFind } from "../src/egraph/union-find.js";
import { app, sym, type Term } from "../src/term/term.js";
import { postorder } from "../src/term/traverse.js";

// A small signature: unary f, binary g, leaves a b c. Small enough that random unions
// cause plenty of congruences.
const leaf = fc.constantFrom<Term>(sym("a"), sym("b"), sym("c"));
const { term } = fc.letrec<{ term: Term }>((tie) => ({
  term: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("term").map((x) => app("f", [x])),
    fc.tuple(tie("term"), tie("term")).map(([x, y]) => app("g", [x, y])),
  ),
}));

type Step = { kind: "add"; term: Term } | { kind: "union"; i: number; j: number } | { kind: "rebuild" };
// Unions weigh double: congruences (the interesting part) need several of them.
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: term.map((t) => ({ kind: "add" as const, term: t })), weight: 2 },
  { arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => ({ kind: "union" as const, i, j })), weight: 2 },
  { arbitrary: fc.constant({ kind: "rebuild" as const }), weight: 1 },
);

/**
 * Congruence closure the slow, obviously-right way: union the given pairs, then merge any
 * two applications with the same operator and equivalent arguments until nothing changes.
 */
function oracle(terms: readonly Term[], unions: readonly [Term, Term][]): (a: Term, b: Term) => boolean {
  const all = new Map<number, Term>();
  for (const t of terms) for (const s of postorder(t)) all.set(s.id, s);
  const list = [...all.values()];
  const index = new Map(list.map((t, i) => [t.id, i]));
  const parent = list.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i]!));
  const join = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a === b) return false;
    parent[b] = a;
    return true;
  };
  for (const [s, t] of unions) join(index.get(s.id)!, index.get(t.id)!);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const s = list[i]!;
        const t = list[j]!;
        if (s.kind !== "app" || t.kind !== "app" || s.op !== t.op) continue;
        if (s.args.every((arg, k) => find(index.get(arg.id)!) === find(index.get(t.args[k]!.id)!))) {
          if (join(i, j)) changed = true;
        }
      }
    }
  }
  return (a, b) => find(index.get(a.id)!) === find(index.get(b.id)!);
}

function expectAgreesWithOracle(
  egraph: EGraph,
  added: readonly Term[],
  unions: readonly [Term, Term][],
): void {
  const same = oracle(added, unions);
  const subterms = new Map<number, Term>();
  for (const t of added) for (const s of postorder(t)) subterms.set(s.id, s);
  const list = [...subterms.values()];
  const classOf = list.map((t) => egraph.lookup(t));
  for (const id of classOf) expect(id).toBeDefined();
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < list.length; j++) {
      const egraphSays = egraph.find(classOf[i]!) === egraph.find(classOf[j]!);
      expect(egraphSays, `${i} ~ ${j}`).toBe(same(list[i]!, list[j]!));
    }
  }
  // As many classes as the oracle has equivalence classes.
  const representatives = new Set(classOf.map((id) => egraph.find(id!)));
  expect(egraph.classCount).toBe(representatives.size);
}

describe("union-find", () => {
  test("find follows links and compresses paths", () => {
    const uf = new UnionFind();
    const ids = Array.from({ length: 100 }, () => uf.makeSet());
    for (let i = 1; i < ids.length; i++) uf.link(ids[i]!, ids[i - 1]!); // a long chain
    for (const id of ids) expect(uf.find(id)).toBe(99);
    expect(uf.isRoot(99)).toBe(true);
    expect(uf.isRoot(0)).toBe(false);
  });
});

describe("e-graph core", () => {
  test("hash-consing: adding the same term twice gives the same class and no new nodes", () => {
    const egraph = new EGraph();
    const t = app("g", [app("f", [sym("a")]), sym("a")]);
    const first = egraph.add(t);
    const size = egraph.hashconsSize;
    expect(egraph.add(t)).toBe(first);
    expect(egraph.hashconsSize).toBe(size);
    expect(size).toBe(3); // a, (f a), (g (f a) a)
    expect(egraph.classCount).toBe(3);
  });

  test("union is immediate for find; congruence appears after rebuild (egg's example)", () => {
    const egraph = new EGraph();
    const ax = egraph.add(app("+", [sym("a"), sym("x")]));
    const ay = egraph.add(app("+", [sym("a"), sym("y")]));
    const x = egraph.add(sym("x"));
    const y = egraph.add(sym("y"));
    egraph.union(x, y);
    expect(egraph.find(x)).toBe(egraph.find(y));
    expect(egraph.classCount).toBe(4);
    expect(egraph.find(ax)).not.toBe(egraph.find(ay));
    expect(egraph.rebuild()).toBe(1);
    expect(egraph.classCount).toBe(3);
    expect(egraph.find(ax)).toBe(egraph.find(ay));
    egraph.checkInvariants();
  });

  test("class contents are read after rebuild: canonical, deduplicated, indexed by head", () => {
    const egraph = new EGraph();
    const fa = egraph.add(app("f", [sym("a")]));
    const fb = egraph.add(app("f", [sym("b")]));
    egraph.union(egraph.add(sym("a")), egraph.add(sym("b")));
    egraph.rebuild();
    const nodes = egraph.classNodes(fa);
    expect(nodes.length).toBe(1); // (f a) and (f b) are one node now
    expect(egraph.find(fa)).toBe(egraph.find(fb));
    const f = egraph.heads.operator("f", 1);
    expect([...egraph.classesWithHead(f)]).toEqual([egraph.find(fa)]);
    expect(() => {
      egraph.add(sym("c"));
      egraph.searchView();
    }).toThrow(/rebuild/);
  });

  test("property: equivalence and hashcons agree with a naive congruence closure", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const egraph = new EGraph();
        const added: Term[] = [];
        const ids: number[] = []; // the ids add returned (lookup may miss until a rebuild)
        const unions: [Term, Term][] = [];
        for (const s of steps) {
          if (s.kind === "add") {
            ids.push(egraph.add(s.term));
            added.push(s.term);
          } else if (s.kind === "union" && added.length > 0) {
            const i = s.i % added.length;
            const j = s.j % added.length;
            egraph.union(ids[i]!, ids[j]!);
            unions.push([added[i]!, added[j]!]);
          } else if (s.kind === "rebuild") {
            egraph.rebuild();
            egraph.checkInvariants();
            expectAgreesWithOracle(egraph, added, unions);
          }
        }
        egraph.rebuild();
        egraph.checkInvariants();
        expectAgreesWithOracle(egraph, added, unions);
      }),
      { numRuns: 500 },
    );
  });

  test("a term nested 100,000 deep is added, looked up and made congruent without recursion", () => {
    const depth = 100_000;
    let left: Term = sym("p");
    let right: Term = sym("q");
    for (let i = 0; i < depth; i++) {
      left = app("f", [left]);
      right = app("f", [right]);
    }
    const egraph = new EGraph();
    const l = egraph.add(left);
    const r = egraph.add(right);
    expect(egraph.lookup(left)).toBe(l);
    egraph.union(egraph.add(sym("p")), egraph.add(sym("q")));
    egraph.rebuild();
    expect(egraph.find(l)).toBe(egraph.find(r));
    expect(egraph.classCount).toBe(depth + 1);
  });
});
