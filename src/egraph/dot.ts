import { DsatError } from "../errors.js";
import { classConstant } from "./class-predicates.js";
import type { ClassId, EGraph } from "./egraph.js";

/**
 * Pictures of an e-graph (egg's `Dot`): Graphviz DOT with one cluster per e-class holding
 * its e-nodes, and an edge from each e-node to each child class (into the cluster, so the
 * arrow ends at the class, not at one of its nodes). A class whose constant the analysis
 * knows shows it in its label: `#3 = 5`. {@link renderSvg} lays DOT out with a WebAssembly
 * build of Graphviz, so nothing needs installing.
 */

/** Options of {@link toDot}. */
export interface DotOptions {
  /** Classes to draw with a bold border (the terms the picture is about). */
  readonly roots?: readonly ClassId[];
  /** The graph's title, drawn above it. */
  readonly title?: string;
}

/**
 * The e-graph (as of its last rebuild) as Graphviz DOT. Node `"c.i"` is the i-th e-node of
 * class `c`; edges carry the argument position when an operator has several children.
 *
 * @example
 * ```ts
 * egraph.rebuild();
 * writeFileSync("egraph.dot", toDot(egraph, { roots: [root] }));
 * ```
 */
export function toDot<D>(egraph: EGraph<D>, options: DotOptions = {}): string {
  if (!egraph.isClean) throw new DsatError("drawing needs a rebuilt e-graph: call rebuild() first");
  const heads = egraph.heads;
  const roots = new Set((options.roots ?? []).map((r) => egraph.find(r)));
  const lines = ["digraph egraph {", "  compound=true", "  clusterrank=local", "  newrank=true"];
  if (options.title !== undefined) lines.push(`  label=${quote(options.title)}`, "  labelloc=t");
  lines.push('  node [shape=box, style=rounded, fontname="Helvetica", fontsize=12]');
  lines.push('  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7]');
  const classes = egraph.classes();
  for (let c = 0; c < classes.length; c++) {
    const id = classes[c]!;
    const value = classConstant(egraph, id);
    const label = value === undefined ? `#${id}` : `#${id} = ${value.key}`;
    lines.push(`  subgraph cluster_${id} {`);
    lines.push(`    label=${quote(label)}`);
    lines.push(roots.has(id) ? "    style=bold" : "    style=dashed");
    const nodes = egraph.classNodes(id);
    for (let i = 0; i < nodes.length; i++) {
      lines.push(
        `    ${quote(`${id}.${i}`)} [label=${quote(heads.headOf(egraph.nodeHead(nodes[i]!)).name)}]`,
      );
    }
    lines.push("  }");
  }
  for (let c = 0; c < classes.length; c++) {
    const id = classes[c]!;
    const nodes = egraph.classNodes(id);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const arity = egraph.nodeArity(node);
      for (let k = 0; k < arity; k++) {
        const child = egraph.find(egraph.nodeChild(node, k));
        const attributes: string[] = [];
        // An edge into the node's own cluster cannot be clipped at it: point at the node.
        if (child !== id) attributes.push(`lhead=cluster_${child}`);
        if (arity > 1) attributes.push(`label=${quote(String(k))}`);
        const target = quote(`${child}.0`);
        lines.push(
          `  ${quote(`${id}.${i}`)} -> ${target}${attributes.length > 0 ? ` [${attributes.join(", ")}]` : ""}`,
        );
      }
    }
  }
  lines.push("}");
  return lines.join("\n");
}

/** `text` as a DOT string literal. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * DOT laid out as SVG by Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`, loaded
 * on first use).
 *
 * @example
 * ```ts
 * const svg = await renderSvg(toDot(egraph));
 * ```
 */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, "svg");
}
