import type { Rational } from "../term/rational.js";
import type { Theory } from "../theory.js";
import {
  type Analysis,
  type Merged,
  merged,
  SIGN_ANY,
  SIGN_NEGATIVE,
  SIGN_POSITIVE,
  SIGN_ZERO,
  type SignMask,
} from "./analysis.js";
import { FoldingTable, mergeConstants, settleConstant } from "./constant-folding.js";
import type { ClassId, EGraph, Justification } from "./egraph.js";
import type { HeadId } from "./heads.js";
import type { NodeId } from "./node-store.js";

/**
 * What the default analysis knows about a class: the facts rule conditions ask for.
 * Immutable; a class's facts are replaced, never edited.
 */
export interface ArithmeticFacts {
  /** The class's exact value, when known (constant folding). */
  readonly constant: Rational | undefined;
  /** Signs its values may take (see `SignMask`): `nonzero?`, `positive?`, `nonnegative?`. */
  readonly sign: SignMask;
  /**
   * Symbol heads that occur in every term of the class, ascending. A class is free of `x`
   * when some term of it does not mention `x`, i.e. when `x` is not listed here.
   */
  readonly variables: Int32Array;
}

/** Options of {@link arithmeticAnalysis}. */
export interface ArithmeticAnalysisOptions {
  /** Prune a class known to be a constant down to its literal (default true). */
  readonly prune?: boolean;
}

const NO_VARIABLES: Int32Array = new Int32Array(0);

/**
 * The default analysis for simplification: exact constant folding (as {@link constantFolding})
 * plus the sign of each class (a class is nonzero if any of its terms is provably nonzero:
 * facts from different terms are intersected) and the variables every term of the class
 * mentions (for `free-of`). Sign rules follow `signOf` in `src/rules/predicates.ts`, read over
 * classes: numbers, `exp`, `sqrt`, even powers, products, quotients and sums of known signs.
 *
 * @example
 * ```ts
 * const egraph = new EGraph({ analysis: arithmeticAnalysis(baseTheory) });
 * const id = egraph.add(parseSExpr("(exp x)", { theory: baseTheory }));
 * egraph.data(id).sign === SIGN_POSITIVE; // true
 * ```
 */
export function arithmeticAnalysis(
  theory: Theory,
  options: ArithmeticAnalysisOptions = {},
): Analysis<ArithmeticFacts> {
  return new ArithmeticAnalysis(theory, options);
}

const constantOfFacts = (facts: ArithmeticFacts) => facts.constant;
const ARITHMETIC_FACTS = Object.freeze({
  constant: constantOfFacts,
  sign: (facts: ArithmeticFacts) => facts.sign,
  mentions: (facts: ArithmeticFacts, symbol: HeadId) => includes(facts.variables, symbol),
});
const ARITHMETIC: Justification = Object.freeze({ kind: "analysis", analysis: "arithmetic" });

/** The class behind {@link arithmeticAnalysis}; prototype methods, shared by every instance. */
class ArithmeticAnalysis implements Analysis<ArithmeticFacts> {
  readonly name = "arithmetic";
  readonly facts = ARITHMETIC_FACTS;
  private readonly table: FoldingTable;
  private readonly prune: boolean;
  private readonly signRules = new SignRules();

  constructor(theory: Theory, options: ArithmeticAnalysisOptions) {
    this.table = new FoldingTable(theory);
    this.prune = options.prune ?? true;
  }

  make(egraph: EGraph<ArithmeticFacts>, node: NodeId): ArithmeticFacts {
    const constant = this.table.fold(egraph, node, constantOfFacts);
    const sign = constant !== undefined ? signOfValue(constant) : this.signRules.signOf(egraph, node);
    return { constant, sign, variables: constant !== undefined ? NO_VARIABLES : variablesOf(egraph, node) };
  }

  merge(a: ArithmeticFacts, b: ArithmeticFacts): Merged<ArithmeticFacts> {
    const constant = mergeConstants(a.constant, b.constant);
    let sign = a.sign & b.sign;
    // Contradictory signs can only come from an unsound rule; keep the first side's facts.
    if (sign === 0) sign = a.sign;
    const variables = intersect(a.variables, b.variables);
    const aChanged = constant !== a.constant || sign !== a.sign || variables.length !== a.variables.length;
    const bChanged = constant !== b.constant || sign !== b.sign || variables.length !== b.variables.length;
    const data = !aChanged ? a : !bChanged ? b : { constant, sign, variables };
    return merged(data, aChanged, bChanged);
  }

  modify(egraph: EGraph<ArithmeticFacts>, id: ClassId): void {
    const value = egraph.data(id).constant;
    if (value !== undefined) settleConstant(egraph, id, value, this.prune, ARITHMETIC);
  }
}

/**
 * Assumes that `id`'s class takes only the signs in `mask` (a fact known from outside, such as
 * a domain fact of the simplifier's input); nothing changes where the class says more already.
 */
export function assumeSign(egraph: EGraph<ArithmeticFacts>, id: ClassId, mask: SignMask): void {
  const data = egraph.data(id);
  if ((data.sign & mask) === data.sign) return;
  egraph.assume(id, { constant: data.constant, sign: data.sign & mask, variables: data.variables });
}

/** The sign mask of an exact value. */
export function signOfValue(value: Rational): SignMask {
  return value.isZero() ? SIGN_ZERO : value.isPositive() ? SIGN_POSITIVE : SIGN_NEGATIVE;
}

/** The variables of a node: its own symbol, or the union of its children's. */
function variablesOf(egraph: EGraph<ArithmeticFacts>, node: NodeId): Int32Array {
  const head = egraph.nodeHead(node);
  if (egraph.heads.isSymbol(head)) return Int32Array.of(head);
  const arity = egraph.nodeArity(node);
  let result: Int32Array = NO_VARIABLES;
  for (let i = 0; i < arity; i++) result = union(result, egraph.data(egraph.nodeChild(node, i)).variables);
  return result;
}

function includes(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Union of two ascending sets; returns an argument itself when it already holds the other. */
function union(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Number.MAX_SAFE_INTEGER;
    const y = j < b.length ? b[j]! : Number.MAX_SAFE_INTEGER;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) {
      out[n++] = x;
      i++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  if (n === a.length) return a;
  if (n === b.length) return b;
  return out.slice(0, n);
}

/** Intersection of two ascending sets; returns an argument itself when it is the result. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  if (a === b || a.length === 0) return a;
  if (b.length === 0) return b;
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  if (n === a.length) return a;
  if (n === b.length) return b;
  return out.slice(0, n);
}

/** Sign arithmetic on masks: the signs `op(x, y)` may take for x, y of the given signs. */
class SignRules {
  signOf(egraph: EGraph<ArithmeticFacts>, node: NodeId): SignMask {
    const head = egraph.nodeHead(node);
    if (!egraph.heads.isOperator(head)) return SIGN_ANY; // a symbol (numbers fold)
    switch (egraph.heads.nameOf(head)) {
      case "neg":
        return negate(childFacts(egraph, node, 0).sign);
      case "+":
        return add(childFacts(egraph, node, 0).sign, childFacts(egraph, node, 1).sign);
      case "-":
        return add(childFacts(egraph, node, 0).sign, negate(childFacts(egraph, node, 1).sign));
      case "*":
        return multiply(childFacts(egraph, node, 0).sign, childFacts(egraph, node, 1).sign);
      case "/": {
        const divisor = childFacts(egraph, node, 1).sign & ~SIGN_ZERO; // where the quotient is defined
        return divisor === 0 ? SIGN_ANY : multiply(childFacts(egraph, node, 0).sign, divisor);
      }
      case "exp":
        return SIGN_POSITIVE;
      case "sqrt":
        return childFacts(egraph, node, 0).sign === SIGN_POSITIVE ? SIGN_POSITIVE : SIGN_ZERO | SIGN_POSITIVE;
      case "^":
      case "pow":
        return power(childFacts(egraph, node, 0).sign, childFacts(egraph, node, 1).constant);
      default:
        return SIGN_ANY;
    }
  }
}

/** The facts of child `i` of `node` (a function, not a closure: this runs for every new e-node). */
function childFacts(egraph: EGraph<ArithmeticFacts>, node: NodeId, i: number): ArithmeticFacts {
  return egraph.data(egraph.nodeChild(node, i));
}

function negate(s: SignMask): SignMask {
  return (s & SIGN_ZERO) | (s & SIGN_NEGATIVE ? SIGN_POSITIVE : 0) | (s & SIGN_POSITIVE ? SIGN_NEGATIVE : 0);
}

const SIGNS = [SIGN_NEGATIVE, SIGN_ZERO, SIGN_POSITIVE] as const;

/** The signs `op(x, y)` may take, for every pair of masks: `table[a * 8 + b]`. */
function signTable(op: (x: SignMask, y: SignMask) => SignMask): Uint8Array {
  const table = new Uint8Array(64);
  for (let a = 0; a < 8; a++) {
    for (let b = 0; b < 8; b++) {
      let out = 0;
      for (const x of SIGNS) if (a & x) for (const y of SIGNS) if (b & y) out |= op(x, y);
      table[a * 8 + b] = out;
    }
  }
  return table;
}

// Tables, not loops: these run for every new e-node.
const SUMS = signTable(
  (x, y) => (x === SIGN_ZERO ? y : y === SIGN_ZERO || x === y ? x : SIGN_ANY), // a positive plus a negative may be anything
);
const PRODUCTS = signTable((x, y) =>
  x === SIGN_ZERO || y === SIGN_ZERO ? SIGN_ZERO : x === y ? SIGN_POSITIVE : SIGN_NEGATIVE,
);

function add(a: SignMask, b: SignMask): SignMask {
  return SUMS[a * 8 + b]!;
}

function multiply(a: SignMask, b: SignMask): SignMask {
  return PRODUCTS[a * 8 + b]!;
}

/** `base ^ exponent` for a known exponent: even integers give non-negative results, etc. */
function power(base: SignMask, exponent: Rational | undefined): SignMask {
  if (base === SIGN_POSITIVE) return SIGN_POSITIVE;
  if (exponent === undefined) return SIGN_ANY;
  if (exponent.isZero()) return SIGN_POSITIVE;
  const nonzeroBase = (base & SIGN_ZERO) === 0;
  // A fractional power is defined only for a base >= 0 (> 0 for a negative exponent).
  if (!exponent.isInteger())
    return exponent.isNegative() || nonzeroBase ? SIGN_POSITIVE : SIGN_ZERO | SIGN_POSITIVE;
  const even = exponent.num % 2n === 0n;
  if (exponent.isNegative() && !nonzeroBase) return SIGN_ANY; // 0 to a negative power is undefined
  if (even) return nonzeroBase ? SIGN_POSITIVE : SIGN_ZERO | SIGN_POSITIVE;
  return base; // odd powers keep the sign
}
