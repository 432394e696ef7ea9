import { ArityError, UnknownOperatorError } from "../errors.js";
import { type OperatorSpec, type OperatorSyntax, Precedence } from "../term/operator.js";
import type { App } from "../term/term.js";
import type { Theory } from "../theory.js";

/**
 * The infix spelling of a theory's operators, indexed the ways the infix lexer, parser and
 * printers look them up. Derived from each operator's {@link OperatorSpec.syntax}, so a theory
 * that adds `**` or `%` gets them read and printed without any change here.
 */

/** A binary operator written between its operands: `a + b`. */
export interface BinaryOperator {
  readonly spec: OperatorSpec;
  readonly symbol: string;
  readonly precedence: number;
  readonly associativity: "left" | "right";
}

/** A unary operator written before its operand: `-a`. */
export interface PrefixOperator {
  readonly spec: OperatorSpec;
  readonly symbol: string;
  readonly precedence: number;
}

export interface SyntaxTable {
  /** Binary operators by symbol. */
  readonly binary: ReadonlyMap<string, BinaryOperator>;
  /** Prefix operators by symbol. */
  readonly prefix: ReadonlyMap<string, PrefixOperator>;
  /**
   * Symbols made of punctuation (`+`, `**`) by the code of their first character, longest
   * first so the lexer takes the longest match.
   */
  readonly punctuationSymbolsByFirstCode: ReadonlyMap<number, readonly string[]>;
  /**
   * The names that mean something to the theory (word symbols, call names, operator names),
   * with what they mean; every other name is a variable. One lookup per name read.
   */
  readonly identifiers: ReadonlyMap<string, Identifier>;
  /**
   * Precedence a negative literal such as `-3` has when printed: that of `neg`, since it reads
   * back as a minus applied to a literal.
   */
  readonly negationPrecedence: number;
  /** Precedence a rational literal such as `1/3` has when printed: that of `/`. */
  readonly divisionPrecedence: number;
  /** How each declared operator is written, by operator name, for the printers. */
  readonly written: ReadonlyMap<string, WrittenOperator>;
}

/** What a name means to a theory: see {@link SyntaxTable.identifiers}. */
export interface Identifier {
  /** A symbol spelled like a name (`mod`): the lexer reads it as an operator, not a variable. */
  readonly wordSymbol: boolean;
  /** The call-syntax operator written `name(…)`, if any (the first declared, when several are). */
  readonly call: OperatorSpec | undefined;
  /**
   * Every call-syntax operator written `name(…)`, of different arities: `log(x)` is the natural
   * logarithm and `log(x, b)` the logarithm to base b. Empty when there is none.
   */
  readonly calls: readonly OperatorSpec[];
  /** The operator declared under this name, if any: then it is not a variable. */
  readonly declared: OperatorSpec | undefined;
}

/**
 * How a term behaves as an operand when printed, for deciding parentheses: an atom (a
 * variable, a nonnegative integer, a call), a binary operator, or a prefix operator.
 */
export type OperandShape =
  | { readonly kind: "atom" }
  | { readonly kind: "binary"; readonly precedence: number; readonly associativity: "left" | "right" }
  | { readonly kind: "prefix"; readonly precedence: number };

/** The shape of variables, nonnegative integers and calls. */
export const ATOM_SHAPE: OperandShape = { kind: "atom" };

/**
 * Whether an operand of `shape` needs parentheses on `side` of a binary operator of
 * `parent`'s shape, by precedence and associativity (the printers add their own special cases):
 * lower precedence wraps; at equal precedence the parser groups to the left when the later
 * operator is left-associative.
 */
export function wrapsByPrecedence(
  parent: OperandShape & { kind: "binary" },
  shape: OperandShape,
  side: "left" | "right",
): boolean {
  if (shape.kind === "atom") return false;
  const p = parent.precedence;
  if (shape.kind === "prefix") return shape.precedence < p;
  if (shape.precedence !== p) return shape.precedence < p;
  return side === "left" ? parent.associativity !== "left" : shape.associativity !== "right";
}

/** Pushes `term` on a printer's stack of pieces (last first), between `open` and `close` when `wrap`. */
export function pushOperand(
  stack: unknown[],
  term: unknown,
  wrap: boolean,
  open: string,
  close: string,
): void {
  if (wrap) stack.push(close, term, open);
  else stack.push(term);
}

/** A declared operator's syntax with what the printers derive from it, computed once per theory. */
export interface WrittenOperator {
  readonly syntax: OperatorSyntax;
  /** Arguments its spelling takes: 2 when infix, 1 when prefix, `undefined` (any) for a call. */
  readonly arity: number | undefined;
  readonly shape: OperandShape;
  /** Whether its symbol is spelled like an identifier (`mod`) and so needs blanks around it. */
  readonly wordSymbol: boolean;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a symbol is spelled like an identifier and so needs blanks around it when printed. */
export function isWordSymbol(symbol: string): boolean {
  return WORD.test(symbol);
}

/**
 * The declaration of the operator `name` in `theory`, or `undefined`. Looks at the theory's own
 * entries only, so names such as `constructor` or `toString` are not mistaken for operators.
 */
export function declaredOperator(theory: Theory, name: string): OperatorSpec | undefined {
  return Object.hasOwn(theory.operators, name) ? theory.operators[name] : undefined;
}

// Theories are immutable values, so the table of one can be computed once and kept.
const tables = new WeakMap<Theory, SyntaxTable>();

/** The syntax table of `theory` (computed once per theory value). */
export function syntaxTableOf(theory: Theory): SyntaxTable {
  let table = tables.get(theory);
  if (table === undefined) {
    table = buildTable(theory);
    tables.set(theory, table);
  }
  return table;
}

function buildTable(theory: Theory): SyntaxTable {
  const binary = new Map<string, BinaryOperator>();
  const prefix = new Map<string, PrefixOperator>();
  const calls = new Map<string, OperatorSpec[]>();
  for (const spec of Object.values(theory.operators)) {
    const syntax = spec.syntax;
    if (syntax.kind === "infix") {
      binary.set(syntax.symbol, {
        spec,
        symbol: syntax.symbol,
        precedence: syntax.precedence,
        associativity: syntax.associativity,
      });
    } else if (syntax.kind === "prefix") {
      prefix.set(syntax.symbol, { spec, symbol: syntax.symbol, precedence: syntax.precedence });
    } else {
      const written = calls.get(syntax.name);
      if (written === undefined) calls.set(syntax.name, [spec]);
      else written.push(spec);
    }
  }
  const symbols = new Set([...binary.keys(), ...prefix.keys()]);
  const punctuationSymbols = [...symbols].filter((s) => !isWordSymbol(s)).sort((a, b) => b.length - a.length);
  const punctuationSymbolsByFirstCode = new Map<number, string[]>();
  for (const symbol of punctuationSymbols) {
    const code = symbol.charCodeAt(0);
    const list = punctuationSymbolsByFirstCode.get(code);
    if (list === undefined) punctuationSymbolsByFirstCode.set(code, [symbol]);
    else list.push(symbol);
  }
  const identifiers = new Map<string, Identifier>();
  const describe = (name: string, meaning: Partial<Identifier>) => {
    const known = identifiers.get(name) ?? {
      wordSymbol: false,
      call: undefined,
      calls: [],
      declared: undefined,
    };
    identifiers.set(name, { ...known, ...meaning });
  };
  for (const symbol of symbols) if (isWordSymbol(symbol)) describe(symbol, { wordSymbol: true });
  for (const [name, specs] of calls) describe(name, { call: specs[0], calls: specs });
  for (const [name, spec] of Object.entries(theory.operators)) describe(name, { declared: spec });
  const negation = theory.operators.neg?.syntax;
  const division = theory.operators["/"]?.syntax;
  const written = new Map<string, WrittenOperator>();
  for (const [name, spec] of Object.entries(theory.operators))
    written.set(name, writtenOperator(spec.syntax));
  return {
    binary,
    prefix,
    punctuationSymbolsByFirstCode,
    identifiers,
    negationPrecedence: negation?.kind === "prefix" ? negation.precedence : Precedence.prefix,
    divisionPrecedence: division?.kind === "infix" ? division.precedence : Precedence.product,
    written,
  };
}

function writtenOperator(syntax: OperatorSyntax): WrittenOperator {
  if (syntax.kind === "infix") {
    const { precedence, associativity } = syntax;
    const shape: OperandShape = { kind: "binary", precedence, associativity };
    return { syntax, arity: 2, shape, wordSymbol: isWordSymbol(syntax.symbol) };
  }
  if (syntax.kind === "prefix") {
    const shape: OperandShape = { kind: "prefix", precedence: syntax.precedence };
    return { syntax, arity: 1, shape, wordSymbol: isWordSymbol(syntax.symbol) };
  }
  return { syntax, arity: undefined, shape: ATOM_SHAPE, wordSymbol: false };
}

/**
 * How the application `term` is written, for the printers: its operator must be declared and,
 * when written with a symbol, have the arity the symbol implies (two for infix, one for prefix).
 * Calls print whatever arguments they have.
 */
export function syntaxOfApplication(term: App, theory: Theory): OperatorSyntax {
  return writtenApplication(term, syntaxTableOf(theory)).syntax;
}

/** {@link syntaxOfApplication} with what the printers derive from the syntax, from `table`. */
export function writtenApplication(term: App, table: SyntaxTable): WrittenOperator {
  const written = table.written.get(term.op);
  if (written === undefined) throw new UnknownOperatorError(term.op);
  const expected = written.arity;
  if (expected !== undefined && term.args.length !== expected)
    throw new ArityError(term.op, expected, term.args.length);
  return written;
}

/** The call-syntax operator `identifier` names that takes `arity` arguments, if any. */
export function callOfArity(identifier: Identifier | undefined, arity: number): OperatorSpec | undefined {
  return identifier?.calls.find((spec) => spec.arity === arity);
}

/**
 * How the variable `name` is written in infix so that it reads back as that variable: as it is,
 * or quoted `'name'` when the bare name would read as something else: a word symbol (`mod` in a
 * theory that writes `a mod b`) or a named constant (`pi`, `e`). Other operator names need no
 * quotes: alone they are variables already (`d*x`).
 */
export function variableSpelling(name: string, table: SyntaxTable): string {
  const identifier = table.identifiers.get(name);
  if (identifier === undefined) return name;
  return identifier.wordSymbol || callOfArity(identifier, 0) !== undefined ? `'${name}'` : name;
}
