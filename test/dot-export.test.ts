import { describe, expect, test } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { renderSvg, toDot } from "../src/egraph/dot.js";
import { EGraph } from "../src/egraph/egraph.js";
import { runRewrites } from "../src/egraph/runner.js";
import { proofRewrites } from "../src/explain/prove.js";
import { parseExpression } from "../src/syntax/parse.js";
import { dsat } from "./support/cli.js";

/**
 * Pictures of e-graphs: one cluster per e-class, an edge from each e-node to each child
 * class, folded constants in the labels; the SVG that Graphviz (WebAssembly) lays out has
 * one cluster per e-class too.
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });

/** The clusters and edges of DOT text written by toDot. */
function readDot(dot: string) {
  const clusters = [...dot.matchAll(/subgraph cluster_(\d+) \{\n\s+label="([^"]*)"/g)].map((m) => ({
    id: Number(m[1]),
    label: m[2]!,
  }));
  const edges = [...dot.matchAll(/^ {2}"(\d+)\.(\d+)" -> "(\d+)\.0"/gm)].map((m) => ({
    from: Number(m[1]),
    to: Number(m[3]),
  }));
  return { clusters, edges };
}

/** The clusters of an SVG Graphviz wrote: each `<g class="cluster">` with the title it carries. */
function svgClusters(svg: string): string[] {
  const titles: string[] = [];
  const groups = /<g\b([^>]*)>\s*<title>([^<]*)<\/title>/g;
  for (const m of svg.matchAll(groups)) {
    if (/\bclass="cluster"/.test(m[1]!)) titles.push(m[2]!);
  }
  return titles;
}

function egraphOf(text: string, saturate: boolean) {
  const egraph = new EGraph({ analysis: arithmeticAnalysis(theory, { prune: false }) });
  const root = egraph.add(parse(text));
  if (saturate) runRewrites(egraph, proofRewrites(theory, ["algebra"]), { iterLimit: 3, nodeLimit: 300 });
  egraph.rebuild();
  return { egraph, root };
}

describe("toDot", () => {
  test("(x+1)*2: five classes, four edges into the child classes, constants in the labels", () => {
    const { egraph, root } = egraphOf("(x+1)*2", false);
    const dot = toDot(egraph, { roots: [root] });
    const { clusters, edges } = readDot(dot);
    // x, 1, x+1, 2 and the product: one class each before any rewriting.
    expect(clusters).toHaveLength(5);
    const valued = clusters.map((c) => c.label).filter((label) => / = /.test(label));
    expect(valued.map((label) => label.split(" = ")[1]).sort()).toEqual(["1", "2"]);
    // + has children x and 1; * has children (x+1) and 2.
    expect(edges).toHaveLength(4);
    expect(dot).toContain(
      `subgraph cluster_${egraph.find(root)} {\n    label="#${egraph.find(root)}"\n    style=bold`,
    );
  });

  test("a class that folds to a constant shows its value beside its terms", () => {
    const { egraph, root } = egraphOf("2 + 3", false);
    const dot = toDot(egraph);
    const id = egraph.find(root);
    expect(dot).toContain(`label="#${id} = 5"`);
    // Not pruned: both the sum and the literal are drawn in the class.
    expect(egraph.classNodes(id)).toHaveLength(2);
  });

  test("after saturation: one cluster per class, one edge per child of every listed e-node", () => {
    const { egraph } = egraphOf("(1*x)+(x*1)", true);
    const { clusters, edges } = readDot(toDot(egraph));
    expect(clusters.map((c) => c.id).sort((a, b) => a - b)).toEqual([...egraph.classes()]);
    let children = 0;
    for (const id of egraph.classes())
      for (const node of egraph.classNodes(id)) children += egraph.nodeArity(node);
    expect(edges).toHaveLength(children);
  });

  test("needs a rebuilt e-graph", () => {
    const egraph = new EGraph();
    egraph.add(parse("x + 1"));
    expect(() => toDot(egraph)).toThrow(/rebuild/);
  });
});

describe("SVG", () => {
  test("Graphviz lays the DOT out with one cluster per e-class", async () => {
    const { egraph } = egraphOf("(1*x)+(x*1)", true);
    const svg = await renderSvg(toDot(egraph));
    expect(svg).toContain("<svg");
    const titles = svgClusters(svg);
    expect(titles).toHaveLength(egraph.classCount);
    expect(titles.sort()).toEqual([...egraph.classes()].map((id) => `cluster_${id}`).sort());
  });

  test("dsat dot writes DOT, and SVG with --svg", async () => {
    const dot = await dsat("dot", "(x+1)*2");
    expect(dot.code).toBe(0);
    expect(dot.stdout.startsWith("digraph egraph {")).toBe(true);
    expect(readDot(dot.stdout).clusters).toHaveLength(5);
    // Saturated, the e-graph of (1*x)+(x*1) is no longer its five subterms (1*x joins x, …);
    // the SVG has one cluster per class of that e-graph.
    const saturated = await dsat("dot", "(1*x)+(x*1)", "--saturate");
    const classes = readDot(saturated.stdout).clusters.length;
    expect(classes).not.toBe(5);
    const svg = await dsat("dot", "(1*x)+(x*1)", "--saturate", "--svg");
    expect(svg.code).toBe(0);
    expect(svgClusters(svg.stdout)).toHaveLength(classes);
  });
});
