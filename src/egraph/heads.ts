import { ArityError } from "../errors.js";
import type { Rational } from "../term/rational.js";
import { type Num, num, type Sym, sym, type Term } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";
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

/**
 * A string naming the set of operators `heads` has (their keys as bits, 30 to a word), for
 * caches keyed on that set: equal sets, equal strings.
 */
export function operatorSetKey(heads: HeadTable): string {
  return heads.operatorSetKey;
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
  private readonly leaves = new TermIdMap<HeadId>();
  /** Per head: the operator or symbol name, or the number's literal. */
  private readonly names: string[] = [];
  /** Per head: the leaf term (undefined for operators). */
  private readonly terms: (Sym | Num | undefined)[] = [];
  /** Per head: its description, made when first asked for (most heads never are). */
  private readonly infos: (Head | undefined)[] = [];
  /** Per operator key (see {@link operatorKey}): head id + 1, or 0 when absent. */
  private byKey = new Int32Array(32);
  /** Per head: the operator's key, or -1 for a leaf. */
  private keys = new Int32Array(64);
  /** Per head: 0 operator, 1 symbol, 2 number. */
  kinds = new Int32Array(64);
  /** Per head: the arity (0 for leaves). */
  arities = new Int32Array(64);
  /**
   * The operators' keys as bits, 30 to a word, kept as operators are added; and their
   * {@link operatorSetKey}, made when first asked for after a change (runs ask for it several
   * times, and most add no operator in between).
   */
  private readonly operatorWords: number[] = [];
  private setKey: string | undefined = "";

  /** How many operator heads exist (they are never removed, except by {@link clear}). */
  get operatorCount(): number {
    return this.operators.size;
  }

  /** How many heads exist. */
  get size(): number {
    return this.names.length;
  }

  /** Forgets every head, keeping the storage: ids start again from 0, as in a new table. */
  clear(): void {
    for (let id = 0; id < this.names.length; id++) if (this.keys[id]! >= 0) this.byKey[this.keys[id]!] = 0;
    this.operators.clear();
    this.leaves.clear();
    this.names.length = 0;
    this.terms.length = 0;
    this.infos.length = 0;
    this.operatorWords.length = 0;
    this.setKey = "";
  }

  /** See the function {@link operatorSetKey}. */
  get operatorSetKey(): string {
    this.setKey ??= this.operatorWords.join(",");
    return this.setKey;
  }

  /** The head of operator `name` taking `arity` children; an {@link ArityError} if it was seen with another arity. */
  operator(name: string, arity: number): HeadId {
    const known = this.operators.get(name);
    if (known !== undefined) {
      const expected = this.arities[known]!;
      if (expected !== arity) throw new ArityError(name, expected, arity);
      return known;
    }
    const key = operatorKey(name);
    const id = this.push(name, undefined, KIND_OPERATOR, arity, key);
    this.operators.set(name, id);
    this.byKey = ensureInt32(this.byKey, key + 1);
    this.byKey[key] = id + 1;
    const words = this.operatorWords;
    const w = Math.floor(key / 30);
    while (words.length <= w) words.push(0);
    words[w]! |= 1 << (key % 30);
    this.setKey = undefined;
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
        ? this.push(term.name, term, KIND_SYMBOL, 0, -1)
        : this.push(term.value.key, term, KIND_NUMBER, 0, -1);
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
    let info = this.infos[id];
    if (info === undefined) {
      const name = this.names[id]!;
      const term = this.terms[id];
      const kind = this.kinds[id]!;
      info =
        kind === KIND_OPERATOR
          ? Object.freeze({ id, kind: "operator", name, arity: this.arities[id]! })
          : kind === KIND_SYMBOL
            ? Object.freeze({ id, kind: "symbol", name, arity: 0, term })
            : Object.freeze({ id, kind: "number", name, arity: 0, term, value: (term as Num).value });
      this.infos[id] = info;
    }
    return info;
  }

  /** The operator or symbol name of head `id`, or its number's literal. */
  nameOf(id: HeadId): string {
    return this.names[id]!;
  }

  /** The {@link operatorKey} of an operator head, or -1 for a leaf. */
  keyOf(id: HeadId): number {
    return this.keys[id]!;
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
    return this.kinds[id] === KIND_NUMBER ? (this.terms[id] as Num).value : undefined;
  }

  /** The leaf term of a symbol or number head, else `undefined`. */
  termOf(id: HeadId): Term | undefined {
    return this.terms[id];
  }

  private push(name: string, term: Sym | Num | undefined, kind: number, arity: number, key: number): HeadId {
    const id = this.names.length;
    this.names.push(name);
    this.terms.push(term);
    this.infos.push(undefined);
    this.kinds = ensureInt32(this.kinds, id + 1);
    this.arities = ensureInt32(this.arities, id + 1);
    this.keys = ensureInt32(this.keys, id + 1);
    this.kinds[id] = kind;
    this.arities[id] = arity;
    this.keys[id] = key;
    return id;
  }
}
