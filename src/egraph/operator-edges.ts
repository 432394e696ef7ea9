import type { SearchView } from "./egraph.js";
import type { HeadTable } from "./heads.js";
import { ensureInt32 } from "./int-buffer.js";
import { type CompiledPattern, Op } from "./pattern.js";

/**
 * Which operators occur right below which in an e-graph, as bit sets over operator keys: a
 * cheap necessary condition for a pattern to match. `(* ?a (+ ?b ?c))` can only match when
 * some `*` node has a child class holding a `+` node; most rules of a small e-graph fail
 * exactly there, and testing two bits costs far less than running their matcher.
 *
 * Only operators whose key (see `operatorKey`) is below {@link EDGE_KEYS} have bits; an edge
 * involving another operator is never ruled out.
 */
export const EDGE_KEYS = 60;
/** Keys per word: 30, so every word is a small integer. */
const WORD = 30;

/**
 * The parent-child operator pairs a pattern needs, as flat (parent key, child key) pairs of
 * keys below {@link EDGE_KEYS}: one per nested operator in its program.
 */
export function patternEdges(pattern: CompiledPattern): number[] {
  const program = pattern.program;
  // The operator of the bind that produced each register (-1: the root's class, or none).
  const producer = new Map<number, number>();
  const edges: number[] = [];
  for (let pc = 0; pc < program.length; ) {
    const op = program[pc]!;
    if (op === Op.bind) {
      const register = program[pc + 1]!;
      const operator = pattern.operators[program[pc + 2]!]!;
      const parent = producer.get(register);
      if (parent !== undefined && parent < EDGE_KEYS && operator.key < EDGE_KEYS)
        edges.push(parent, operator.key);
      for (let i = 0; i < operator.arity; i++) producer.set(program[pc + 3]! + i, operator.key);
      pc += 4;
    } else if (op === Op.compare || op === Op.checkGround) pc += 3;
    else pc += 1;
  }
  return edges;
}

/**
 * The operator pairs of one rebuilt e-graph: for each operator key below {@link EDGE_KEYS},
 * the keys of the operators found in its nodes' child classes. Remade by {@link compute}.
 */
export class OperatorEdges {
  /** Per class: the keys of the operators of its nodes, two words. */
  private classLow = new Int32Array(64);
  private classHigh = new Int32Array(64);
  /** Per parent key: the keys found in its nodes' child classes, two words. */
  private readonly childLow = new Int32Array(EDGE_KEYS);
  private readonly childHigh = new Int32Array(EDGE_KEYS);

  /** Reads the class lists of `view` (one pass over the nodes and one over their children). */
  compute(view: SearchView, heads: HeadTable): void {
    const { roots, rootCount, classStart, classLength, classNodes, classNodeHeads, childStart } = view;
    const children = view.nodeChildren;
    let classBound = 0;
    for (let r = 0; r < rootCount; r++) classBound = Math.max(classBound, roots[r]! + 1);
    this.classLow = ensureInt32(this.classLow, classBound);
    this.classHigh = ensureInt32(this.classHigh, classBound);
    const classLow = this.classLow;
    const classHigh = this.classHigh;
    for (let r = 0; r < rootCount; r++) {
      const c = roots[r]!;
      let low = 0;
      let high = 0;
      for (let j = classStart[c]!, end = j + classLength[c]!; j < end; j++) {
        const key = heads.keyOf(classNodeHeads[j]!);
        if (key < 0 || key >= EDGE_KEYS) continue;
        if (key < WORD) low |= 1 << key;
        else high |= 1 << (key - WORD);
      }
      classLow[c] = low;
      classHigh[c] = high;
    }
    const childLow = this.childLow;
    const childHigh = this.childHigh;
    childLow.fill(0);
    childHigh.fill(0);
    for (let r = 0; r < rootCount; r++) {
      const c = roots[r]!;
      for (let j = classStart[c]!, end = j + classLength[c]!; j < end; j++) {
        const key = heads.keyOf(classNodeHeads[j]!);
        if (key < 0 || key >= EDGE_KEYS) continue;
        const node = classNodes[j]!;
        let low = childLow[key]!;
        let high = childHigh[key]!;
        for (let k = childStart[node]!, kEnd = childStart[node + 1]!; k < kEnd; k++) {
          low |= classLow[children[k]!]!;
          high |= classHigh[children[k]!]!;
        }
        childLow[key] = low;
        childHigh[key] = high;
      }
    }
  }

  /** Whether every (parent, child) pair of `edges[start .. end)` occurs (see {@link patternEdges}). */
  allPresent(edges: Int32Array, start: number, end: number): boolean {
    for (let e = start; e < end; e += 2) {
      const parent = edges[e]!;
      const child = edges[e + 1]!;
      const present =
        child < WORD
          ? this.childLow[parent]! & (1 << child)
          : this.childHigh[parent]! & (1 << (child - WORD));
      if (present === 0) return false;
    }
    return true;
  }
}
