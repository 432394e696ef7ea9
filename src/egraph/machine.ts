import type { EGraph, SearchView } from "./egraph.js";
import { ensureInt32 } from "./int-buffer.js";
import { matcherOf } from "./matcher-source.js";
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

  /** Makes this list a copy of `other` (the matches of the same pattern). */
  copyFrom(other: MatchList): void {
    const size = other.length * other.stride;
    if (size > this.data.length) this.data = ensureInt32(this.data, Math.max(size, 128));
    const from = other.data;
    const to = this.data;
    for (let i = 0; i < size; i++) to[i] = from[i]!;
    this.length = other.length;
    this.stride = other.stride;
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

/** A pattern's operator heads and arities and its ground classes, looked up in one e-graph (see `Machine.searchPrepared`). */
export interface ResolvedPattern {
  readonly heads: Int32Array;
  readonly arities: Int32Array;
  readonly headBase: number;
  readonly grounds: Int32Array;
  readonly groundBase: number;
}

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
  /**
   * Run patterns rooted at an operator as generated JavaScript (see `matcherOf`), the others
   * with the interpreter below. Both find the same matches in the same order; tests turn
   * this off to compare them.
   */
  generated = true;
  private registers = new Int32Array(16);
  private view!: SearchView;
  private program!: Int32Array;
  private operatorHeads: Int32Array = new Int32Array(8);
  private operatorArities: Int32Array = new Int32Array(8);
  private groundClasses: Int32Array = new Int32Array(8);
  private headBase = 0;
  private groundBase = 0;
  /** Lookups of {@link search}'s own, for callers that did not prepare them. */
  private ownHeads = new Int32Array(8);
  private ownArities = new Int32Array(8);
  private ownGrounds = new Int32Array(8);
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
    if (limit <= 0) return 0;
    const operators = pattern.operators;
    const table = egraph.heads;
    this.ownHeads = ensureInt32(this.ownHeads, operators.length);
    this.ownArities = ensureInt32(this.ownArities, operators.length);
    for (let i = 0; i < operators.length; i++) {
      const head = table.findOperatorByKey(operators[i]!.key);
      if (head < 0) return 0; // an operator the e-graph has never seen: nothing can match
      this.ownHeads[i] = head;
      this.ownArities[i] = operators[i]!.arity;
    }
    const grounds = pattern.grounds;
    this.ownGrounds = ensureInt32(this.ownGrounds, grounds.length);
    for (let i = 0; i < grounds.length; i++) {
      const id = egraph.lookup(grounds[i]!);
      if (id === undefined) return 0; // a ground subterm absent from the e-graph: no match
      this.ownGrounds[i] = id;
    }
    return this.searchPrepared(
      egraph.searchView(),
      pattern,
      {
        heads: this.ownHeads,
        arities: this.ownArities,
        headBase: 0,
        grounds: this.ownGrounds,
        groundBase: 0,
      },
      limit,
      out,
    );
  }

  /**
   * {@link search} with the pattern's operator heads, their arities and its ground classes
   * already looked up by the caller (who may do it once for many searches): operator `i` has
   * head `heads[headBase + i]`, ground `g` is class `grounds[groundBase + g]`.
   * @internal
   */
  searchPrepared(
    view: SearchView,
    pattern: CompiledPattern,
    resolved: ResolvedPattern,
    limit: number,
    out: MatchList,
  ): number {
    out.reset(pattern.variables.length);
    this.view = view;
    this.program = pattern.program;
    this.variableRegisters = pattern.variableRegisters;
    this.out = out;
    this.limit = limit;
    this.found = 0;
    if (limit <= 0) return 0;
    if (this.generated) {
      const matcher = matcherOf(pattern);
      if (matcher !== null)
        return matcher(
          view,
          resolved.heads,
          resolved.headBase,
          resolved.grounds,
          resolved.groundBase,
          out,
          limit,
        );
    }
    this.registers = ensureInt32(this.registers, pattern.registerCount);
    this.operatorHeads = resolved.heads;
    this.operatorArities = resolved.arities;
    this.headBase = resolved.headBase;
    this.groundClasses = resolved.grounds;
    this.groundBase = resolved.groundBase;

    const root = pattern.root;
    if (root.kind === "operator") {
      const head = this.operatorHeads[this.headBase + root.operator]!;
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
      this.registers[0] = this.groundClasses[this.groundBase + root.ground]!;
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
          const head = this.operatorHeads[this.headBase + operator]!;
          const arity = this.operatorArities[this.headBase + operator]!;
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
          if (registers[program[pc + 1]!] !== this.groundClasses[this.groundBase + program[pc + 2]!])
            return true;
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
