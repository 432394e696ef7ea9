import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import { operatorKey } from "./heads.js";

/**
 * Patterns compiled to a small e-matching program (egg's `machine`): instructions over
 * registers that hold class ids. Register 0 holds the class being matched.
 *
 * - `BIND reg op out`: for each node with operator `op` in class `reg`, put its children in
 *   registers `out ..` and run the rest (a backtracking point);
 * - `COMPARE a b`: continue only if registers a and b hold the same class (repeated variable);
 * - `CHECK_GROUND reg g`: continue only if register `reg` holds the class of ground term `g`
 *   (a subterm without variables, looked up once per search);
 * - `YIELD`: report a match: the root class and the class of each variable.
 */
export const Op = { bind: 0, compare: 1, checkGround: 2, yield: 3 } as const;

/** How a compiled pattern picks the classes to try. */
export type PatternRoot =
  /** Classes holding a node with this operator (index into `operators`). */
  | { readonly kind: "operator"; readonly operator: number }
  /** Every class (a bare variable such as `?a`). */
  | { readonly kind: "variable" }
  /** The one class of a ground term (index into `grounds`). */
  | { readonly kind: "ground"; readonly ground: number };

/** A pattern ready for e-matching; independent of any particular e-graph. */
export interface CompiledPattern {
  readonly term: Term;
  /** Variable names (`?a`) in the order matches list them. */
  readonly variables: readonly string[];
  /** The register holding each variable at `YIELD`. */
  readonly variableRegisters: Int32Array;
  readonly program: Int32Array;
  readonly registerCount: number;
  /** Operators the program binds, by index: name, arity and {@link operatorKey}. */
  readonly operators: readonly { readonly name: string; readonly arity: number; readonly key: number }[];
  /** Ground subterms the program checks, by index. */
  readonly grounds: readonly Term[];
  readonly root: PatternRoot;
}

/** Whether `term` is a pattern variable (`?a`). */
export function isPatternVariable(term: Term): boolean {
  return term.kind === "sym" && term.isPatternVar;
}

/** Whether `term` contains no pattern variable. */
export function isGround(term: Term): boolean {
  for (const t of postorder(term)) if (isPatternVariable(t)) return false;
  return true;
}

/**
 * Compiles a pattern (a term whose `?x` symbols are variables). Checks for repeated variables
 * and ground subterms are placed right after the bind that produces their register, so
 * failing candidates are dropped early.
 *
 * @example
 * ```ts
 * const p = compilePattern(parseSExpr("(+ ?a (+ ?b ?c))", { theory, patternVariables: true }));
 * p.variables; // ["?a", "?b", "?c"]
 * ```
 */
export function compilePattern(term: Term): CompiledPattern {
  const program: number[] = [];
  const variables: string[] = [];
  const variableRegister = new Map<string, number>();
  const operators: { name: string; arity: number; key: number }[] = [];
  const operatorIndex = new Map<string, number>();
  const grounds: Term[] = [];
  const groundIndex = new Map<Term, number>();
  let registers = 1;

  const groundOf = (t: Term) => {
    let index = groundIndex.get(t);
    if (index === undefined) {
      index = grounds.length;
      grounds.push(t);
      groundIndex.set(t, index);
    }
    return index;
  };
  const operatorOf = (name: string, arity: number) => {
    let index = operatorIndex.get(name);
    if (index === undefined) {
      index = operators.length;
      operators.push({ name, arity, key: operatorKey(name) });
      operatorIndex.set(name, index);
    }
    return index;
  };

  if (isPatternVariable(term)) {
    const name = (term as { name: string }).name;
    variables.push(name);
    program.push(Op.yield);
    return finish({ kind: "variable" }, [0]);
  }
  if (isGround(term)) {
    program.push(Op.yield);
    return finish({ kind: "ground", ground: groundOf(term) }, []);
  }

  // A non-ground application: bind it, check its simple children, then descend.
  const visit = (t: Term & { kind: "app" }, register: number) => {
    const out = registers;
    registers += t.args.length;
    program.push(Op.bind, register, operatorOf(t.op, t.args.length), out);
    const nested: [Term & { kind: "app" }, number][] = [];
    t.args.forEach((arg, i) => {
      const r = out + i;
      if (isPatternVariable(arg)) {
        const name = (arg as { name: string }).name;
        const seen = variableRegister.get(name);
        if (seen === undefined) {
          variableRegister.set(name, r);
          variables.push(name);
        } else {
          program.push(Op.compare, seen, r);
        }
      } else if (isGround(arg)) {
        program.push(Op.checkGround, r, groundOf(arg));
      } else {
        nested.push([arg as Term & { kind: "app" }, r]);
      }
    });
    for (const [arg, r] of nested) visit(arg, r);
  };
  const root = term as Term & { kind: "app" };
  const rootOperator = operatorOf(root.op, root.args.length);
  visit(root, 0);
  program.push(Op.yield);
  return finish(
    { kind: "operator", operator: rootOperator },
    variables.map((v) => variableRegister.get(v)!),
  );

  function finish(rootKind: PatternRoot, variableRegisters: number[]): CompiledPattern {
    return Object.freeze({
      term,
      variables,
      variableRegisters: Int32Array.from(variableRegisters),
      program: Int32Array.from(program),
      registerCount: registers,
      operators,
      grounds,
      root: rootKind,
    });
  }
}
