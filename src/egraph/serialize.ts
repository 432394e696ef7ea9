import { DsatError, EGraphFormatError } from "../errors.js";
import { Rational } from "../term/rational.js";
import { sym } from "../term/term.js";
import type { ClassId, EGraph, EGraphOptions } from "./egraph.js";
import { MinHeap } from "./min-heap.js";

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
 * term, as every class of an e-graph built from terms does. Time is linear in the document's
 * size, whatever its order. A document that is not such an e-graph raises an
 * {@link EGraphFormatError} saying what is wrong.
 */
export function deserializeEGraph<D>(
  make: (options: EGraphOptions<D>) => EGraph<D>,
  data: SerializedEGraph | string,
  options: DeserializeOptions<D> = {},
): { egraph: EGraph<D>; roots: ClassId[] } {
  const document = typeof data === "string" ? parseDocument(data) : data;
  const nodes = checkedNodes(document);
  const nullary = new Set(options.nullaryOperators ?? []);
  const egraph = make(options);
  // Serialized class id → class in the new e-graph, known once one of its nodes is added.
  const classOf = new Map<string, ClassId>();
  // A node waits until the classes of all its children are known: `missing` counts those not
  // yet known, `waiting` lists the nodes each unknown class holds up (once per child). Ready
  // nodes are added in passes over the document in its order, as if it were read again and
  // again until every node is in, so a file dsat wrote reads back with the same class numbers:
  // a node made ready by a later one waits for the next pass. The heap keeps that order by the
  // key pass * n + position, in O(n log n) time whatever the document's order.
  const n = nodes.length;
  const missing = new Int32Array(n);
  const waiting = new Map<string, number[]>();
  const ready = new MinHeap();
  for (const [index, node] of nodes.entries()) {
    for (const child of node.children) {
      missing[index]!++;
      const list = waiting.get(child.eclass);
      if (list === undefined) waiting.set(child.eclass, [index]);
      else list.push(index);
    }
    if (missing[index] === 0) ready.push(index, index);
  }
  const children: ClassId[] = [];
  let added = 0;
  while (ready.size > 0) {
    const key = ready.pop();
    const pass = Math.floor(key / n);
    const index = key - pass * n;
    const node = nodes[index]!;
    children.length = 0;
    for (const child of node.children) children.push(classOf.get(child.eclass)!);
    const id = addSerializedNode(egraph, node.op, children, nullary);
    added++;
    const known = classOf.get(node.eclass);
    if (known !== undefined) {
      egraph.union(known, id);
      continue;
    }
    classOf.set(node.eclass, id);
    for (const waiter of waiting.get(node.eclass) ?? []) {
      if (--missing[waiter]! > 0) continue;
      const next = (waiter > index ? pass : pass + 1) * n + waiter;
      ready.push(next, next);
    }
    waiting.delete(node.eclass);
  }
  if (added < nodes.length) {
    const stuck = nodes.find((_, index) => missing[index]! > 0)!;
    throw new EGraphFormatError(`e-graph class '${stuck.eclass}' has no finite term: its nodes depend on it`);
  }
  egraph.rebuild();
  const roots = stringList(document.root_eclasses, "'root_eclasses'").map((name) => {
    const id = classOf.get(name);
    if (id === undefined) throw new EGraphFormatError(`root e-class '${name}' has no nodes`);
    return egraph.find(id);
  });
  return { egraph, roots };
}

/** A node of the document, checked, with its children resolved to the nodes they name. */
interface CheckedNode {
  readonly op: string;
  readonly eclass: string;
  readonly children: readonly CheckedNode[];
}

/** The document's nodes, checked: each has a string `op` and `eclass`, children that exist. */
function checkedNodes(document: unknown): CheckedNode[] {
  const nodes = (document as { nodes?: unknown } | null)?.nodes;
  if (typeof document !== "object" || document === null || typeof nodes !== "object" || nodes === null) {
    throw new EGraphFormatError("not an e-graph in the egraph-serialize format: no 'nodes' object");
  }
  const entries = Object.entries(nodes as Record<string, unknown>);
  const byId = new Map<string, { op: string; eclass: string; children: CheckedNode[] }>();
  for (const [id, node] of entries) {
    const { op, eclass } = (node ?? {}) as { op?: unknown; eclass?: unknown };
    if (typeof op !== "string" || typeof eclass !== "string") {
      throw new EGraphFormatError(`e-graph node '${id}' needs a string 'op' and 'eclass'`);
    }
    byId.set(id, { op, eclass, children: [] });
  }
  for (const [id, node] of entries) {
    const names = stringList((node as { children?: unknown }).children, `e-graph node '${id}': 'children'`);
    const checked = byId.get(id)!;
    for (const name of names) {
      const child = byId.get(name);
      if (child === undefined)
        throw new EGraphFormatError(`e-graph node '${id}' names a missing child '${name}'`);
      checked.children.push(child);
    }
  }
  return [...byId.values()];
}

/** `value` as a list of strings (absent is empty), or an {@link EGraphFormatError} naming `what`. */
function stringList(value: unknown, what: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new EGraphFormatError(`${what} must be a list of strings`);
  }
  return value;
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
    throw new EGraphFormatError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
