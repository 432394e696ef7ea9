import { ArityError } from "../errors.js";
import type { Rational } from "../term/rational.js";
import { type Num, num, type Sym, sym, type Term } from "../term/term.js";
import { ensureInt32 } from "./int-buffer.js";

/** The integer naming an operator, a symbol or a number inside one e-graph. */
export type HeadId = number;

/** What a head is: an operator applied to children, or a leaf (symbol or number). */
export type HeadKind = "operator" | "symbol" | "number";

/**
 * A description of one head, made once per distinct head (never per node), handed to cost
 * functions and reports.
 */
export interface Head {
  readonly id: HeadId;
  readonly kind: HeadKind;
  /** The operator name, the symbol's name, or the number written as a literal (`-1/2`). */
  readonly name: string;
  readonly arity: number;
  /** The leaf as a term, for symbols and numbers. */
  readonly term?: Sym | Num;
  /** The value, for numbers. */
  readonly value?: Rational;
}

/**
 * A process-wide number per operator name, so compiled patterns and rewrites can find an
 * operator's head in any table with an array read instead of a string-keyed lookup.
 */
const operatorKeys = new Map<string, number>();

/** The process-wide key of operator `name` (the same number on every call). */
export function operatorKey(name: string): number {
  let key = operatorKeys.get(name);
  if (key === undefined) {
    key = operatorKeys.size;
    operatorKeys.set(name, key);
  }
  return key;
}

const KIND_OPERATOR = 0;
const KIND_SYMBOL = 1;
const KIND_NUMBER = 2;

/**
 * Interns e-node heads: one integer per operator name and one per distinct leaf (each
 * symbol, each number), so an e-node is just integers. Leaves are keyed by their
 * hash-consed term, so `x` and `3` always get the same head in one e-graph.
 *
 * @example
 * ```ts
 * const heads = new HeadTable();
 * heads.operator("+", 2) === heads.operator("+", 2); // true
 * heads.headOf(heads.leaf(sym("x"))).kind; // "symbol"
 * ```
 */
export class HeadTable {
  private readonly operators = new Map<string, HeadId>();
  /** Leaf heads keyed by the term's id (terms are hash-consed, so this is structural). */
  private readonly leaves = new Map<number, HeadId>();
  private readonly infos: Head[] = [];
  /** Per operator key (see {@link operatorKey}): head id + 1, or 0 when absent. */
  private byKey = new Int32Array(32);
  /** Per head: 0 operator, 1 symbol, 2 number. */
  kinds = new Int32Array(64);
  /** Per head: the arity (0 for leaves). */
  arities = new Int32Array(64);

  /** How many operator heads exist (they are never removed). */
  get operatorCount(): number {
    return this.operators.size;
  }

  /** How many heads exist. */
  get size(): number {
    return this.infos.length;
  }

  /** The head of operator `name` taking `arity` children; an {@link ArityError} if it was seen with another arity. */
  operator(name: string, arity: number): HeadId {
    const known = this.operators.get(name);
    if (known !== undefined) {
      const expected = this.arities[known]!;
      if (expected !== arity) throw new ArityError(name, expected, arity);
      return known;
    }
    const id = this.push({ kind: "operator", name, arity }, KIND_OPERATOR);
    this.operators.set(name, id);
    const key = operatorKey(name);
    this.byKey = ensureInt32(this.byKey, key + 1);
    this.byKey[key] = id + 1;
    return id;
  }

  /** The head of operator `name` if one exists, else -1. */
  findOperator(name: string): HeadId {
    return this.operators.get(name) ?? -1;
  }

  /** The head of the operator with key `key` (see {@link operatorKey}) if one exists, else -1. */
  findOperatorByKey(key: number): HeadId {
    return key < this.byKey.length ? this.byKey[key]! - 1 : -1;
  }

  /** {@link operator} for a name whose {@link operatorKey} is `key`: an array read once it exists. */
  operatorByKey(key: number, name: string, arity: number): HeadId {
    const known = key < this.byKey.length ? this.byKey[key]! - 1 : -1;
    if (known >= 0 && this.arities[known] === arity) return known;
    return this.operator(name, arity);
  }

  /** The head of a leaf term (a symbol or a number). */
  leaf(term: Sym | Num): HeadId {
    const known = this.leaves.get(term.id);
    if (known !== undefined) return known;
    const id =
      term.kind === "sym"
        ? this.push({ kind: "symbol", name: term.name, arity: 0, term }, KIND_SYMBOL)
        : this.push({ kind: "number", name: term.value.key, arity: 0, term, value: term.value }, KIND_NUMBER);
    this.leaves.set(term.id, id);
    return id;
  }

  /** The head of the number `value`. */
  number(value: Rational): HeadId {
    return this.leaf(num(value));
  }

  /** The head of the symbol `name`. */
  symbol(name: string): HeadId {
    return this.leaf(sym(name));
  }

  /** The description of head `id`. */
  headOf(id: HeadId): Head {
    return this.infos[id]!;
  }

  isOperator(id: HeadId): boolean {
    return this.kinds[id] === KIND_OPERATOR;
  }
  isSymbol(id: HeadId): boolean {
    return this.kinds[id] === KIND_SYMBOL;
  }
  isNumber(id: HeadId): boolean {
    return this.kinds[id] === KIND_NUMBER;
  }

  /** The value of a number head, else `undefined`. */
  valueOf(id: HeadId): Rational | undefined {
    return this.infos[id]!.value;
  }

  /** The leaf term of a symbol or number head, else `undefined`. */
  termOf(id: HeadId): Term | undefined {
    return this.infos[id]!.term;
  }

  private push(info: Omit<Head, "id">, kind: number): HeadId {
    const id = this.infos.length;
    this.infos.push(Object.freeze({ id, ...info }));
    this.kinds = ensureInt32(this.kinds, id + 1);
    this.arities = ensureInt32(this.arities, id + 1);
    this.kinds[id] = kind;
    this.arities[id] = info.arity;
    return id;
  }
}
