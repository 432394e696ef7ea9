import { DsatError } from "../errors.js";
import { Rational } from "../term/rational.js";
import { sym } from "../term/term.js";
import type { ClassId, EGraph, EGraphOptions } from "./egraph.js";

/**
 * E-graphs as the JSON of the egraph-serialize crate, the format egglog writes and e-graph
 * viewers and extraction tools read:
 *
 * ```json
 * { "nodes": { "3.0": { "op": "+", "children": ["1.0", "2.0"], "eclass": "3", "cost": 1 }, … },
 *   "root_eclasses": ["3"],
 *   "class_data": { "3": { "type": "Term" }, … } }
 * ```
 *
 * Each e-node has a unique id (here `class.index`); its children name nodes, and the class of
 * the named node is the child class (here always the class's first node). A leaf's `op` is a
 * symbol's name or a number written exactly (`-1/2`); a leaf that names a nullary operator
 * (`pi`) is read as that operator when the reader is told its name.
 */

/** One e-node of the format. `cost` defaults to 1 and `children` to none when absent. */
export interface SerializedNode {
  readonly op: string;
  readonly children?: readonly string[];
  readonly eclass: string;
  readonly cost?: number;
  readonly subsumed?: boolean;
}

/** The whole document. */
export interface SerializedEGraph {
  readonly nodes: Readonly<Record<string, SerializedNode>>;
  readonly root_eclasses?: readonly string[];
  readonly class_data?: Readonly<
    Record<string, { readonly type?: string; readonly [extra: string]: unknown }>
  >;
}

/**
 * The rebuilt e-graph `egraph` in the egraph-serialize format, with `roots` as its root classes.
 * Pruned classes (constants folded by the analysis) list only their remaining leaves.
 */
export function serializeEGraph(egraph: EGraph<unknown>, roots: readonly ClassId[] = []): SerializedEGraph {
  if (!egraph.isClean) throw new DsatError("rebuild the e-graph before serialising it");
  const nodes: Record<string, SerializedNode> = {};
  const classData: Record<string, { type: string }> = {};
  const heads = egraph.heads;
  for (const id of egraph.classes()) {
    const members = egraph.classNodes(id);
    for (let i = 0; i < members.length; i++) {
      const node = members[i]!;
      const head = heads.headOf(egraph.nodeHead(node));
      const children: string[] = [];
      for (let c = 0; c < egraph.nodeArity(node); c++)
        children.push(`${egraph.find(egraph.nodeChild(node, c))}.0`);
      nodes[`${id}.${i}`] = { op: head.name, children, eclass: String(id), cost: 1 };
    }
    classData[String(id)] = { type: "Term" };
  }
  return {
    nodes,
    root_eclasses: [...new Set(roots.map((r) => String(egraph.find(r))))],
    class_data: classData,
  };
}

/** Options of {@link deserializeEGraph}: those of the new e-graph, and the nullary operators' names. */
export interface DeserializeOptions<D> extends EGraphOptions<D> {
  /** Leaf ops read as operators with no arguments (such as `pi`) rather than symbols. */
  readonly nullaryOperators?: Iterable<string>;
}

/**
 * A new e-graph holding the classes and nodes of `data` (egraph-serialize JSON, as text or
 * parsed), rebuilt, with the classes of its `root_eclasses`. Nodes are added once the classes of
 * their children exist, so cyclic classes (x = x*1) load as long as every class has a finite
 * term, as every class of an e-graph built from terms does. Bad documents raise a DsatError.
 */
export function deserializeEGraph<D>(
  make: (options: EGraphOptions<D>) => EGraph<D>,
  data: SerializedEGraph | string,
  options: DeserializeOptions<D> = {},
): { egraph: EGraph<D>; roots: ClassId[] } {
  const document = typeof data === "string" ? parseDocument(data) : data;
  if (typeof document !== "object" || document === null || typeof document.nodes !== "object") {
    throw new DsatError("not an e-graph in the egraph-serialize format: no 'nodes' object");
  }
  const nullary = new Set(options.nullaryOperators ?? []);
  const egraph = make(options);
  const entries = Object.entries(document.nodes);
  for (const [id, node] of entries) {
    if (typeof node?.op !== "string" || typeof node.eclass !== "string") {
      throw new DsatError(`e-graph node '${id}' needs a string 'op' and 'eclass'`);
    }
    for (const child of node.children ?? []) {
      if (document.nodes[child] === undefined)
        throw new DsatError(`e-graph node '${id}' names a missing child '${child}'`);
    }
  }
  // Serialized class id → class in the new e-graph, known once one of its nodes is added.
  const classOf = new Map<string, ClassId>();
  let pending = entries;
  const children: ClassId[] = [];
  while (pending.length > 0) {
    const next: typeof entries = [];
    for (const entry of pending) {
      const node = entry[1];
      children.length = 0;
      let ready = true;
      for (const child of node.children ?? []) {
        const known = classOf.get(document.nodes[child]!.eclass);
        if (known === undefined) {
          ready = false;
          break;
        }
        children.push(known);
      }
      if (!ready) {
        next.push(entry);
        continue;
      }
      const added = addSerializedNode(egraph, node.op, children, nullary);
      const known = classOf.get(node.eclass);
      if (known === undefined) classOf.set(node.eclass, added);
      else egraph.union(known, added);
    }
    if (next.length === pending.length) {
      throw new DsatError(`e-graph class '${next[0]![1].eclass}' has no finite term: its nodes depend on it`);
    }
    pending = next;
  }
  egraph.rebuild();
  const roots = (document.root_eclasses ?? []).map((name) => {
    const id = classOf.get(name);
    if (id === undefined) throw new DsatError(`root e-class '${name}' has no nodes`);
    return egraph.find(id);
  });
  return { egraph, roots };
}

function addSerializedNode<D>(
  egraph: EGraph<D>,
  op: string,
  children: readonly ClassId[],
  nullary: Set<string>,
): ClassId {
  if (children.length > 0 || nullary.has(op)) return egraph.addOperator(op, children);
  const value = Rational.parse(op);
  return value !== undefined ? egraph.addNumber(value) : egraph.addLeaf(sym(op));
}

function parseDocument(text: string): SerializedEGraph {
  try {
    return JSON.parse(text) as SerializedEGraph;
  } catch (error) {
    throw new DsatError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
