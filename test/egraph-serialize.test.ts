import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { type ClassId, EGraph } from "../src/egraph/egraph.js";
import { Extractor } from "../src/egraph/extract.js";
import { compileRewrites } from "../src/egraph/rewrite.js";
import { runRewrites } from "../src/egraph/runner.js";
import type { SerializedEGraph } from "../src/egraph/serialize.js";
import { EGraphFormatError, ExitCode } from "../src/errors.js";
import { parseExpression } from "../src/syntax/parse.js";
import { app, sym, type Term } from "../src/term/term.js";
import { dsat } from "./support/cli.js";

const theory = defaultTheory();
const folder = mkdtempSync(join(tmpdir(), "dsat-egraph-"));

/** A saturated e-graph of `text` under the algebra rules, and its root. */
function saturated(text: string): { egraph: EGraph<unknown>; root: ClassId } {
  const egraph = new EGraph<unknown>({ analysis: arithmeticAnalysis(theory) as never });
  const root = egraph.add(parseExpression(text, { theory }));
  egraph.rebuild();
  runRewrites(egraph, compileRewrites(theory.ruleSets.algebra!.rules), { iterLimit: 3, nodeLimit: 400 });
  egraph.rebuild();
  return { egraph, root };
}

/**
 * Checks that `b` has the classes and nodes of `a`, class for class: each class of `a` maps
 * (through its cheapest term) to a class of `b`, distinct classes to distinct classes, and every
 * node of `a`, rebuilt from its children's terms, lies in the mapped class of `b`.
 */
function expectSameGraph(a: EGraph<unknown>, b: EGraph<unknown>): void {
  expect(b.classCount).toBe(a.classCount);
  expect(b.nodeCount).toBe(a.nodeCount);
  const best = new Extractor(a);
  const termOf = (id: ClassId): Term => best.best(id).term;
  const image = new Map<ClassId, ClassId>();
  for (const id of a.classes()) {
    const mapped = b.lookup(termOf(id));
    expect(mapped).toBeDefined();
    image.set(id, b.find(mapped!));
  }
  expect(new Set(image.values()).size).toBe(a.classCount);
  for (const id of a.classes()) {
    for (const node of a.classNodes(id)) {
      const head = a.heads.headOf(a.nodeHead(node));
      const children: Term[] = [];
      for (let i = 0; i < a.nodeArity(node); i++) children.push(termOf(a.find(a.nodeChild(node, i))));
      const term = head.term ?? app(head.name, children);
      expect(b.find(b.lookup(term)!)).toBe(image.get(id));
    }
  }
}

describe("e-graphs in the egraph-serialize JSON format", () => {
  it("writes nodes with op, children (node ids), eclass and cost, the roots and class data", () => {
    const { egraph, root } = saturated("x*1 + 0");
    const json = egraph.toJSON([root]);
    expect(json.root_eclasses).toEqual([String(egraph.find(root))]);
    for (const [id, node] of Object.entries(json.nodes)) {
      expect(id).toMatch(/^\d+\.\d+$/);
      expect(typeof node.op).toBe("string");
      expect(node.cost).toBe(1);
      for (const child of node.children ?? []) expect(json.nodes[child]).toBeDefined();
      expect(json.class_data?.[node.eclass]).toBeDefined();
    }
    expect(Object.keys(json.nodes)).toHaveLength(egraph.nodeCount);
  });

  it("reads back the same classes, nodes and roots, and writing again is a fixed point", () => {
    for (const text of ["(x + 1)^2 - (x^2 + 2*x + 1)", "sin(x)*cos(x) + x*y*x", "x*1 + 0", "pi*x + e"]) {
      const { egraph, root } = saturated(text);
      const text1 = JSON.stringify(egraph.toJSON([root]));
      const loaded = EGraph.fromJSON(text1, { nullaryOperators: ["pi", "e"] });
      expectSameGraph(egraph, loaded.egraph);
      expect(loaded.roots).toHaveLength(1);
      expect(loaded.egraph.lookup(new Extractor(egraph).best(root).term)).toBe(loaded.roots[0]);
      const text2 = JSON.stringify(loaded.egraph.toJSON(loaded.roots));
      const again = EGraph.fromJSON(text2, { nullaryOperators: ["pi", "e"] });
      expect(JSON.stringify(again.egraph.toJSON(again.roots))).toBe(text2);
    }
  });

  it("loads cyclic classes and a file written by hand in the crate's own example shape", () => {
    // x = x*1: the class of x holds a node whose child is that class itself.
    const handWritten: SerializedEGraph = {
      nodes: {
        a: { op: "*", children: ["a", "one"], eclass: "X" },
        b: { op: "x", eclass: "X" },
        one: { op: "1", children: [], eclass: "ONE", cost: 6 },
      },
      root_eclasses: ["X"],
    };
    const { egraph, roots } = EGraph.fromJSON(handWritten);
    expect(egraph.classCount).toBe(2);
    expect(egraph.lookup(app("*", [sym("x"), parseExpression("1", { theory })]))).toBe(roots[0]);
    expect(() => EGraph.fromJSON({ nodes: { a: { op: "f", children: ["a"], eclass: "A" } } })).toThrow(
      /no finite term/,
    );
    expect(() => EGraph.fromJSON("{")).toThrow(/not JSON/);
  });

  it("refuses a document that is not such an e-graph with an EGraphFormatError (exit 1) saying why", () => {
    const node = (extra: object) => ({ nodes: { a: { op: "x", eclass: "A", ...extra } } });
    const cases: [unknown, RegExp][] = [
      [null, /no 'nodes' object/],
      [{ nodes: null }, /no 'nodes' object/],
      [{ nodes: { a: 3 } }, /node 'a' needs a string 'op' and 'eclass'/],
      [node({ children: "b" }), /node 'a': 'children' must be a list of strings/],
      [node({ children: [7] }), /node 'a': 'children' must be a list of strings/],
      // A name that every object inherits is not a node.
      [node({ children: ["constructor"] }), /node 'a' names a missing child 'constructor'/],
      [{ ...node({}), root_eclasses: "A" }, /'root_eclasses' must be a list of strings/],
      [{ ...node({}), root_eclasses: ["B"] }, /root e-class 'B' has no nodes/],
    ];
    for (const [document, message] of cases) {
      let error: unknown;
      try {
        EGraph.fromJSON(document as SerializedEGraph);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(document)).toBeInstanceOf(EGraphFormatError);
      expect((error as EGraphFormatError).message).toMatch(message);
      expect((error as EGraphFormatError).exitCode).toBe(ExitCode.syntax);
    }
  });

  it("loads a document in any order: a chain of 30,000 nodes listed from the top down", () => {
    // Each node's child comes after it, so every node waits for the one below: reading the
    // document again and again until all were in took a pass per node (4.5·10^8 steps).
    const depth = 30_000;
    const nodes: Record<string, { op: string; children: string[]; eclass: string }> = {};
    for (let i = depth; i >= 1; i--) nodes[`n${i}`] = { op: "sin", children: [`n${i - 1}`], eclass: `c${i}` };
    nodes.n0 = { op: "x", children: [], eclass: "c0" };
    const { egraph, roots } = EGraph.fromJSON({ nodes, root_eclasses: [`c${depth}`] });
    expect([egraph.classCount, egraph.nodeCount]).toEqual([depth + 1, depth + 1]);
    let term: Term = sym("x");
    for (let i = 0; i < depth; i++) term = app("sin", [term]);
    expect(egraph.lookup(term)).toBe(roots[0]);
  });

  it("resumes a run: a loaded e-graph saturates to the same e-graph as the original would", () => {
    const rules = compileRewrites(theory.ruleSets.algebra!.rules);
    const { egraph, root } = saturated("(x*1)*(y + 0) + 0");
    const loaded = EGraph.fromJSON<unknown>(egraph.toJSON([root]), {
      analysis: arithmeticAnalysis(theory) as never,
    });
    for (const g of [egraph, loaded.egraph]) {
      const report = runRewrites(g, rules, { iterLimit: 30, nodeLimit: 20_000, scheduler: "simple" });
      expect(report.stopReason).toBe("saturated");
      g.rebuild();
    }
    expectSameGraph(egraph, loaded.egraph);
  });

  it("dsat simplify --save-egraph writes the saturated e-graph that EGraph.fromJSON loads", async () => {
    const path = join(folder, "g.json");
    const result = await dsat("simplify", "(x + 1)^2 - x^2", "--save-egraph", path);
    expect(result.code).toBe(0);
    const json = JSON.parse(readFileSync(path, "utf8")) as SerializedEGraph;
    expect(json.root_eclasses).toHaveLength(1);
    const { egraph, roots } = EGraph.fromJSON(json);
    const best = new Extractor(egraph).best(roots[0]!).term;
    expect(best.id).toBeDefined();
    expect(Object.keys(json.nodes).length).toBeGreaterThan(5);
    const bad = await dsat("simplify", "x", "--save-egraph", join(folder, "no/such/dir/g.json"));
    expect(bad.code).toBe(ExitCode.usage);
  });
});
