import type { EGraph, SearchView } from "./egraph.js";
import { ensureInt32 } from "./int-buffer.js";
import { type CompiledPattern, Op } from "./pattern.js";

/**
 * The matches of one pattern, flat: match `m` is `data[m * stride]` (the matched class)
 * followed by the class of each variable, in `CompiledPattern.variables` order.
 */
export class MatchList {
  /** Empty until the first match: most rules find none, and a list per rule is made per run. */
  data: Int32Array<ArrayBuffer> = NO_MATCHES;
  length = 0;
  stride = 1;

  /** Empties the list for a pattern with `variableCount` variables. */
  reset(variableCount: number): void {
    this.length = 0;
    this.stride = variableCount + 1;
  }

  /** The matched class of match `m`. */
  root(m: number): number {
    return this.data[m * this.stride]!;
  }

  /** The class bound to variable `v` in match `m`. */
  binding(m: number, v: number): number {
    return this.data[m * this.stride + 1 + v]!;
  }
}

const NO_MATCHES = new Int32Array(0);

/**
 * Runs compiled patterns against a rebuilt e-graph (egg's e-matching virtual machine).
 * One machine is reused across searches: registers and results live in typed arrays and
 * nothing is allocated per match. Candidate classes come from the e-graph's index of
 * classes by head, so a pattern rooted at `+` only visits classes holding a `+` node.
 *
 * @example
 * ```ts
 * const machine = new Machine();
 * const matches = new MatchList();
 * egraph.rebuild();
 * machine.search(egraph, compilePattern(lhs), Infinity, matches);
 * ```
 */
export class Machine {
  private registers = new Int32Array(16);
  private view!: SearchView;
  private program!: Int32Array;
  private operatorHeads = new Int32Array(8);
  private operatorArities = new Int32Array(8);
  private groundClasses = new Int32Array(8);
  private variableRegisters!: Int32Array;
  private out!: MatchList;
  private limit = 0;
  private found = 0;

  /**
   * Appends to `out` (after resetting it) the matches of `pattern` in `egraph`, stopping once
   * `limit` have been found; returns how many were found. The e-graph must be rebuilt.
   */
  search<D>(egraph: EGraph<D>, pattern: CompiledPattern, limit: number, out: MatchList): number {
    out.reset(pattern.variables.length);
    this.view = egraph.searchView();
    this.program = pattern.program;
    this.variableRegisters = pattern.variableRegisters;
    this.out = out;
    this.limit = limit;
    this.found = 0;
    if (limit <= 0) return 0;
    this.registers = ensureInt32(this.registers, pattern.registerCount);

    const operators = pattern.operators;
    const root = pattern.root;
    const view = this.view;
    const table = egraph.heads;
    if (root.kind === "operator") {
      // No class holds the root operator: nothing to do, not even the lookups below.
      const head = table.findOperatorByKey(operators[root.operator]!.key);
      if (head < 0 || head >= view.byHeadStart.length || view.byHeadLength[head] === 0) return 0;
    }
    this.operatorHeads = ensureInt32(this.operatorHeads, operators.length);
    this.operatorArities = ensureInt32(this.operatorArities, operators.length);
    for (let i = 0; i < operators.length; i++) {
      const operator = operators[i]!;
      const head = table.findOperatorByKey(operator.key);
      if (head < 0) return 0; // an operator the e-graph has never seen: nothing can match
      this.operatorHeads[i] = head;
      this.operatorArities[i] = operator.arity;
    }
    const grounds = pattern.grounds;
    this.groundClasses = ensureInt32(this.groundClasses, grounds.length);
    for (let i = 0; i < grounds.length; i++) {
      const id = egraph.lookup(grounds[i]!);
      if (id === undefined) return 0; // a ground subterm absent from the e-graph: no match
      this.groundClasses[i] = id;
    }

    if (root.kind === "operator") {
      const head = this.operatorHeads[root.operator]!;
      if (head >= view.byHeadStart.length) return 0;
      const start = view.byHeadStart[head]!;
      const end = start + view.byHeadLength[head]!;
      const classes = view.byHeadClasses;
      for (let i = start; i < end; i++) {
        this.registers[0] = classes[i]!;
        if (!this.run(0)) break;
      }
    } else if (root.kind === "variable") {
      for (let i = 0; i < view.rootCount; i++) {
        this.registers[0] = view.roots[i]!;
        if (!this.run(0)) break;
      }
    } else {
      this.registers[0] = this.groundClasses[root.ground]!;
      this.run(0);
    }
    return this.found;
  }

  /** Runs the program from `pc`; false once the limit is reached (stop everything). */
  private run(pc: number): boolean {
    const program = this.program;
    const registers = this.registers;
    for (;;) {
      switch (program[pc]) {
        case Op.bind: {
          const view = this.view;
          const id = registers[program[pc + 1]!]!;
          const operator = program[pc + 2]!;
          const head = this.operatorHeads[operator]!;
          const arity = this.operatorArities[operator]!;
          const out = program[pc + 3]!;
          const nodes = view.classNodes;
          const heads = view.classNodeHeads;
          let j = view.classStart[id]!;
          const end = j + view.classLength[id]!;
          // Nodes are sorted by head: skip to the first with this head.
          if (end - j > 16) {
            let high = end;
            while (j < high) {
              const mid = (j + high) >>> 1;
              if (heads[mid]! < head) j = mid + 1;
              else high = mid;
            }
          } else {
            while (j < end && heads[j]! < head) j++;
          }
          const childStart = view.childStart;
          const children = view.nodeChildren;
          for (; j < end; j++) {
            if (heads[j] !== head) break;
            const node = nodes[j]!;
            const c = childStart[node]!;
            for (let i = 0; i < arity; i++) registers[out + i] = children[c + i]!;
            if (!this.run(pc + 4)) return false;
          }
          return true;
        }
        case Op.compare:
          if (registers[program[pc + 1]!] !== registers[program[pc + 2]!]) return true;
          pc += 3;
          break;
        case Op.checkGround:
          if (registers[program[pc + 1]!] !== this.groundClasses[program[pc + 2]!]) return true;
          pc += 3;
          break;
        default: {
          // YIELD
          const out = this.out;
          const stride = out.stride;
          const base = out.length * stride;
          // A list's first match makes room for several: growing one by one costs more.
          if (base + stride > out.data.length) out.data = ensureInt32(out.data, Math.max(base + stride, 128));
          const data = out.data;
          data[base] = registers[0]!;
          const variables = this.variableRegisters;
          for (let v = 0; v < variables.length; v++) data[base + 1 + v] = registers[variables[v]!]!;
          out.length++;
          return ++this.found < this.limit;
        }
      }
    }
  }
}
