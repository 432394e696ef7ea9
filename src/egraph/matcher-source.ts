import { codeGenerationAllowed } from "../platform/code-generation.js";
import type { SearchView } from "./egraph.js";
import { ensureInt32 } from "./int-buffer.js";
import type { MatchList } from "./machine.js";
import { type CompiledPattern, Op } from "./pattern.js";

/**
 * E-matching programs turned into JavaScript: a pattern rooted at an operator becomes one
 * function of nested loops, one loop per `BIND`, with the checks inline and the head and
 * ground classes read once per search. It finds exactly the matches `Machine` finds, in the
 * same order; V8 compiles it to much tighter code than the interpreter's dispatch and
 * recursion, which matters because a small e-graph's search is mostly this inner work.
 */

/**
 * Appends the matches of one pattern to `out` (already reset), stopping at `limit`; returns
 * how many were found. `heads[headBase + i]` is the head of the pattern's operator `i`,
 * `grounds[groundBase + g]` the class of its ground term `g`.
 */
export type PatternMatcher = (
  view: SearchView,
  heads: Int32Array,
  headBase: number,
  grounds: Int32Array,
  groundBase: number,
  out: MatchList,
  limit: number,
) => number;

type Factory = (grow: typeof ensureInt32) => PatternMatcher;

const matchers = new WeakMap<CompiledPattern, PatternMatcher | null>();

/**
 * The generated matcher of `pattern`, or `null` when it is not rooted at an operator or the
 * environment forbids code generation (then `Machine` interprets the pattern's program).
 */
export function matcherOf(pattern: CompiledPattern): PatternMatcher | null {
  let matcher = matchers.get(pattern);
  if (matcher === undefined) {
    matcher = pattern.root.kind === "operator" && codeGenerationAllowed() ? buildMatcher(pattern) : null;
    matchers.set(pattern, matcher);
  }
  return matcher;
}

function buildMatcher(pattern: CompiledPattern): PatternMatcher {
  const factory = new Function("grow", matcherSource(pattern)) as Factory;
  return factory(ensureInt32);
}

/**
 * The body of a factory returning the matcher of `pattern` (rooted at an operator). Registers
 * become constants `r0, r1, …`; a failed check `continue`s the loop of the bind before it,
 * which is the bind that produced its registers (the compiler places checks right after it).
 */
export function matcherSource(pattern: CompiledPattern): string {
  const program = pattern.program;
  const root = pattern.root;
  if (root.kind !== "operator")
    throw new RangeError("matcherSource: the pattern is not rooted at an operator");
  const stride = pattern.variables.length + 1;
  const lines: string[] = [];
  const emit = (depth: number, text: string): void => {
    lines.push(`${"  ".repeat(depth)}${text}`);
  };

  emit(1, "const classStart = view.classStart, classLength = view.classLength;");
  emit(1, "const classNodes = view.classNodes, nodeHeads = view.classNodeHeads;");
  emit(1, "const childStart = view.childStart, children = view.nodeChildren;");
  for (let i = 0; i < pattern.operators.length; i++) emit(1, `const h${i} = heads[headBase + ${i}];`);
  for (let g = 0; g < pattern.grounds.length; g++) emit(1, `const g${g} = grounds[groundBase + ${g}];`);
  emit(1, `if (h${root.operator} >= view.byHeadStart.length) return 0;`);
  emit(1, `const rootStart = view.byHeadStart[h${root.operator}];`);
  emit(1, `const rootEnd = rootStart + view.byHeadLength[h${root.operator}];`);
  emit(1, "const roots = view.byHeadClasses;");
  emit(1, "let data = out.data;");
  emit(1, "let found = 0;");
  emit(1, "for (let i = rootStart; i < rootEnd; i++) {");
  emit(2, "const r0 = roots[i];");

  let depth = 2;
  let loop = 0;
  for (let pc = 0; pc < program.length; ) {
    const op = program[pc]!;
    if (op === Op.bind) {
      const reg = program[pc + 1]!;
      const operator = program[pc + 2]!;
      const outReg = program[pc + 3]!;
      const arity = pattern.operators[operator]!.arity;
      const n = loop++;
      const j = `j${n}`;
      const end = `e${n}`;
      emit(depth, `let ${j} = classStart[r${reg}];`);
      emit(depth, `const ${end} = ${j} + classLength[r${reg}];`);
      // Nodes are sorted by head: skip to the first with this head.
      emit(depth, `if (${end} - ${j} > 16) {`);
      emit(depth + 1, `let high = ${end};`);
      emit(
        depth + 1,
        `while (${j} < high) { const mid = (${j} + high) >>> 1; if (nodeHeads[mid] < h${operator}) ${j} = mid + 1; else high = mid; }`,
      );
      emit(depth, `} else while (${j} < ${end} && nodeHeads[${j}] < h${operator}) ${j}++;`);
      emit(depth, `for (; ${j} < ${end} && nodeHeads[${j}] === h${operator}; ${j}++) {`);
      depth++;
      emit(depth, `const c${n} = childStart[classNodes[${j}]];`);
      for (let k = 0; k < arity; k++) emit(depth, `const r${outReg + k} = children[c${n} + ${k}];`);
      pc += 4;
    } else if (op === Op.compare) {
      emit(depth, `if (r${program[pc + 1]} !== r${program[pc + 2]}) continue;`);
      pc += 3;
    } else if (op === Op.checkGround) {
      emit(depth, `if (r${program[pc + 1]} !== g${program[pc + 2]}) continue;`);
      pc += 3;
    } else {
      // YIELD: the root class, then each variable's register.
      emit(depth, `const base = found * ${stride};`);
      emit(
        depth,
        `if (base + ${stride} > data.length) { out.data = grow(out.data, Math.max(base + ${stride}, 128)); data = out.data; }`,
      );
      emit(depth, "data[base] = r0;");
      const registers = pattern.variableRegisters;
      for (let v = 0; v < registers.length; v++) emit(depth, `data[base + ${v + 1}] = r${registers[v]};`);
      emit(depth, "if (++found >= limit) { out.length = found; return found; }");
      pc += 1;
    }
  }
  while (depth > 1) emit(--depth, "}");
  emit(1, "out.length = found;");
  emit(1, "return found;");
  return `"use strict";\nreturn function match(view, heads, headBase, grounds, groundBase, out, limit) {\n${lines.join("\n")}\n};`;
}
