import { DivisionByZeroError, UnsoundRuleError } from "../errors.js";
import { foldOperation } from "../rewrite/fold-constants.js";
import type { OperatorSpec } from "../term/operator.js";
import type { Rational } from "../term/rational.js";
import type { Theory } from "../theory.js";
import { type Analysis, type Merged, merged } from "./analysis.js";
import type { ClassId, EGraph, Justification } from "./egraph.js";
import type { HeadId } from "./heads.js";
import type { NodeId } from "./node-store.js";

/** Options of {@link constantFolding}. */
export interface ConstantFoldingOptions {
  /** The operators that fold; default: every operator of the theory with an exact meaning. */
  readonly operators?: readonly string[];
  /** Prune a class known to be a constant down to its literal (default true, as egg's math suite does). */
  readonly prune?: boolean;
}

/**
 * Looks up the exact meaning of each operator head once, so `make` does an array read.
 * @internal
 */
export class FoldingTable {
  /** Specs by operator key (see `operatorKey`): the same in every e-graph and head table. */
  private readonly specs: (OperatorSpec | null | undefined)[] = [];
  private readonly allowed: ReadonlySet<string> | undefined;

  constructor(
    private readonly theory: Theory,
    operators?: readonly string[],
  ) {
    this.allowed = operators === undefined ? undefined : new Set(operators);
  }

  /**
   * The value of `node` when it is a number, or an operator with an exact meaning applied to
   * constants. A value floating point cannot hold (`2^1100`) is not a constant: the class
   * keeps its terms and gets no literal (see {@link FoldingTable.foldsBeyondDouble}).
   */
  fold<D>(
    egraph: EGraph<D>,
    node: NodeId,
    constantOf: (data: D) => Rational | undefined,
  ): Rational | undefined {
    const head = egraph.nodeHead(node);
    if (!egraph.heads.isOperator(head)) return egraph.heads.valueOf(head);
    const operands = this.constantOperands(egraph, node, constantOf);
    const value = operands === undefined ? undefined : this.exactValue(egraph, node, operands);
    return value?.fitsDouble() ? value : undefined;
  }

  /**
   * Whether `node` is a constant floating point cannot hold: a literal beyond double range,
   * or an operator with an exact meaning applied to constants whose value is (`2^1100`,
   * `100^(500/3)`, `exp(1000)`). Such a term evaluates to Infinity or 0, so extraction must not
   * choose it. An irrational value counts when its floating-point value is infinite or 0.
   */
  foldsBeyondDouble<D>(
    egraph: EGraph<D>,
    node: NodeId,
    constantOf: (data: D) => Rational | undefined,
  ): boolean {
    const head = egraph.nodeHead(node);
    if (!egraph.heads.isOperator(head)) return egraph.heads.valueOf(head)?.fitsDouble() === false;
    const operands = this.constantOperands(egraph, node, constantOf);
    if (operands === undefined) return false;
    const exact = this.exactValue(egraph, node, operands);
    if (exact !== undefined) return !exact.fitsDouble();
    const evaluate = this.specOf(egraph, head)?.evaluate;
    if (evaluate === undefined) return false;
    const approximate = evaluate(operands.map((value) => value.toNumber()));
    // A nonzero irrational value that rounds to 0 underflowed; a rational 0 folds exactly.
    return (
      approximate === 0 ||
      approximate === Number.POSITIVE_INFINITY ||
      approximate === Number.NEGATIVE_INFINITY
    );
  }

  /** The constants `node`'s operator is applied to, when it has an exact meaning and all are known. */
  private constantOperands<D>(
    egraph: EGraph<D>,
    node: NodeId,
    constantOf: (data: D) => Rational | undefined,
  ): Rational[] | undefined {
    if (this.specOf(egraph, egraph.nodeHead(node)) === null) return undefined;
    const arity = egraph.nodeArity(node);
    for (let i = 0; i < arity; i++)
      if (constantOf(egraph.data(egraph.nodeChild(node, i))) === undefined) return undefined;
    const values: Rational[] = [];
    for (let i = 0; i < arity; i++) values.push(constantOf(egraph.data(egraph.nodeChild(node, i)))!);
    return values;
  }

  /** The exact value of `node`'s operator at `operands`, when rational. */
  private exactValue<D>(
    egraph: EGraph<D>,
    node: NodeId,
    operands: readonly Rational[],
  ): Rational | undefined {
    const spec = this.specOf(egraph, egraph.nodeHead(node))!;
    try {
      return foldOperation(spec, operands);
    } catch (error) {
      // A zero divisor (or 0 to a negative power) does not fold: the class just has no constant.
      if (error instanceof DivisionByZeroError) return undefined;
      throw error;
    }
  }

  private specOf<D>(egraph: EGraph<D>, head: HeadId): OperatorSpec | null {
    const key = egraph.heads.keyOf(head);
    let spec = this.specs[key];
    if (spec === undefined) {
      const name = egraph.heads.nameOf(head);
      const declared = this.theory.operators[name];
      spec =
        declared?.exact !== undefined && (this.allowed === undefined || this.allowed.has(name))
          ? declared
          : null;
      this.specs[key] = spec;
    }
    return spec;
  }
}

/** Joins two constants of one class: equal or one unknown; different constants are a bug. */
export function mergeConstants(a: Rational | undefined, b: Rational | undefined): Rational | undefined {
  if (a !== undefined && b !== undefined && !a.equals(b)) {
    throw new UnsoundRuleError(
      `constant folding merged two different constants, ${a.key} and ${b.key}: a rule that was applied is unsound (dsat check finds which)`,
    );
  }
  return a ?? b;
}

/**
 * After a class is found to equal constant `value`: add the literal, union it in, and prune
 * the class to its leaves when asked (egg's `modify` for its math suite).
 */
export function settleConstant<D>(
  egraph: EGraph<D>,
  id: ClassId,
  value: Rational,
  prune: boolean,
  justification: Justification,
): void {
  // Already settled: a class with a constant holds only number leaves of that value (merging
  // different constants throws), so a number leaf here is the literal.
  if (egraph.hasNumber(id) && (!prune || egraph.isPruned(id))) return;
  const literal = egraph.addNumber(value);
  egraph.union(id, literal, justification);
  if (prune) egraph.pruneToLeaves(id);
}

const NOTHING_KNOWN = merged<Rational | undefined>(undefined, false, false);

/**
 * Exact constant folding as an e-class analysis: a class's fact is its exact rational value
 * when some term in it is built from numbers by operators with an exact meaning
 * (`OperatorSpec.exact`). A class with a value gets the literal added and, by default, is
 * pruned down to its leaves, as in egg's math suite. A zero divisor does not fold. Merging
 * two classes with different values throws: some rule is unsound.
 *
 * @example
 * ```ts
 * const egraph = new EGraph({ analysis: constantFolding(baseTheory) });
 * const id = egraph.add(parseSExpr("(+ 1 (* 2 3))", { theory: baseTheory }));
 * egraph.rebuild();
 * egraph.data(id)?.toString(); // "7"
 * ```
 */
export function constantFolding(
  theory: Theory,
  options: ConstantFoldingOptions = {},
): Analysis<Rational | undefined> {
  return new ConstantFoldingAnalysis(theory, options);
}

const constantItself = (data: Rational | undefined) => data;
const CONSTANT_FACTS = Object.freeze({ constant: constantItself });
const CONSTANT_FOLDING: Justification = Object.freeze({ kind: "analysis", analysis: "constant-folding" });

/**
 * The class behind {@link constantFolding}. Methods live on the prototype, so every instance
 * shares them and compiled callers stay valid from one e-graph to the next.
 */
class ConstantFoldingAnalysis implements Analysis<Rational | undefined> {
  readonly name = "constant-folding";
  readonly facts = CONSTANT_FACTS;
  private readonly table: FoldingTable;
  private readonly prune: boolean;

  constructor(theory: Theory, options: ConstantFoldingOptions) {
    this.table = new FoldingTable(theory, options.operators);
    this.prune = options.prune ?? true;
  }

  make(egraph: EGraph<Rational | undefined>, node: NodeId): Rational | undefined {
    return this.table.fold(egraph, node, constantItself);
  }

  merge(a: Rational | undefined, b: Rational | undefined): Merged<Rational | undefined> {
    if (a === undefined && b === undefined) return NOTHING_KNOWN; // the common case: no allocation
    const value = mergeConstants(a, b);
    return merged(value, a === undefined && value !== undefined, b === undefined && value !== undefined);
  }

  modify(egraph: EGraph<Rational | undefined>, id: ClassId): void {
    const value = egraph.data(id);
    if (value !== undefined) settleConstant(egraph, id, value, this.prune, CONSTANT_FOLDING);
  }
}
