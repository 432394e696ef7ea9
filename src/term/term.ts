import { ApplicationTable } from "./application-table.js";
import { Rational } from "./rational.js";

/**
 * Hash-consed, immutable S-expression terms.
 *
 * Every term is built through {@link sym}, {@link num} or {@link app}, which return the one
 * existing object for a structure if there is one. So two terms are structurally equal
 * if and only if they are the same object (`a === b`), and each has a unique integer `id`
 * that memo tables can key on. Ids grow with creation order: children always have smaller
 * ids than their parents.
 *
 * The store is process-wide and never shrinks; it holds every distinct subterm once.
 */
export type Term = Sym | Num | App;

let nextId = 0;

/**
 * How terms write themselves: `String(t)` and `console.log(t)` show infix, `JSON.stringify(t)`
 * gives the S-expression string that `parseExpression` reads back. The printers live in higher
 * layers, which install them here when they load (`syntax/print.ts`, `default-theory.ts`).
 */
export const termText: { infix: (t: Term) => string; sexpr: (t: Term) => string } = {
  infix: (t) => termText.sexpr(t),
  sexpr: (t) => `<term ${t.id}>`,
};

const inspect = Symbol.for("nodejs.util.inspect.custom");

/**
 * What the three kinds of term share: how they write themselves. It holds no fields, so the
 * subclasses keep their own field layout (the hot paths read `kind` and `id`).
 */
abstract class Printable {
  toString(): string {
    return termText.infix(this as unknown as Term);
  }
  toJSON(): string {
    return termText.sexpr(this as unknown as Term);
  }
  [inspect](): string {
    return termText.infix(this as unknown as Term);
  }
}

/** A symbol leaf: a variable such as `x`, `alpha`, `x_1`, or a pattern variable `?a`. */
export class Sym extends Printable {
  readonly kind = "sym" as const;
  readonly id: number = nextId++;
  /** Whether this is a pattern variable (`?a`). */
  readonly isPatternVar: boolean;
  /** @internal use {@link sym}. */
  constructor(readonly name: string) {
    super();
    this.isPatternVar = name.startsWith("?");
  }
}

/** A number leaf, always an exact rational. */
export class Num extends Printable {
  readonly kind = "num" as const;
  readonly id: number = nextId++;
  /** @internal use {@link num}. */
  constructor(readonly value: Rational) {
    super();
  }
}

/** An operator application `(op arg1 … argN)`. */
export class App extends Printable {
  readonly kind = "app" as const;
  readonly id: number = nextId++;
  /** @internal use {@link app}. */
  constructor(
    readonly op: string,
    readonly args: readonly Term[],
  ) {
    super();
  }
}

const symbols = new Map<string, Sym>();
const numbers = new Map<string, Num>();
/** Applications with one or two children (almost all), by operator number and child ids. */
const smallApplications = new ApplicationTable<App>();
/** Applications with no or more than two children, by operator and a key made of the child ids. */
const otherApplications = new Map<string, Map<string, App>>();
/** Operator name → small integer, for the numeric table. */
const operatorNumbers = new Map<string, number>();

/** The symbol named `name` (the same object on every call). */
export function sym(name: string): Sym {
  let s = symbols.get(name);
  if (s === undefined) {
    s = new Sym(name);
    symbols.set(name, s);
  }
  return s;
}

/** The number `value`; plain numbers and bigints are converted exactly, strings parsed as literals. */
export function num(value: Rational | bigint | number | string): Num {
  const r =
    value instanceof Rational
      ? value
      : typeof value === "string"
        ? (Rational.parse(value) ?? badLiteral(value))
        : typeof value === "bigint"
          ? Rational.of(value)
          : Rational.fromNumber(value);
  const key = r.key;
  let n = numbers.get(key);
  if (n === undefined) {
    n = new Num(r);
    numbers.set(key, n);
  }
  return n;
}

function badLiteral(text: string): never {
  throw new RangeError(`not a number literal: ${text}`);
}

function operatorNumber(op: string): number {
  let n = operatorNumbers.get(op);
  if (n === undefined) {
    n = operatorNumbers.size;
    operatorNumbers.set(op, n);
  }
  return n;
}

/**
 * The application `(op ...args)`. Does not check the operator or its arity: that is the
 * job of the theory-aware constructors (parsers, rule loading); see `checkTerm`.
 */
export function app(op: string, args: readonly Term[]): App {
  const arity = args.length;
  if (arity === 1 || arity === 2) {
    const opNumber = operatorNumber(op);
    const first = args[0]!.id;
    const second = arity === 2 ? args[1]!.id : -1;
    let found = smallApplications.get(opNumber, first, second);
    if (found === undefined) {
      found = new App(op, packedCopy(args));
      smallApplications.insert(opNumber, first, second, found);
    }
    return found;
  }
  let table = otherApplications.get(op);
  if (table === undefined) {
    table = new Map();
    otherApplications.set(op, table);
  }
  let key = "";
  for (const a of args) key += `${a.id},`;
  let found = table.get(key);
  if (found === undefined) {
    found = new App(op, packedCopy(args));
    table.set(key, found);
  }
  return found;
}

/**
 * A private copy of `args` that no caller can mutate. Always a packed array, and not frozen:
 * V8 reads the elements of packed arrays inline but goes through a slow generic path for
 * frozen ones, and every walk over terms reads `args` (the `readonly` type keeps them unchanged).
 */
function packedCopy(args: readonly Term[]): Term[] {
  const copy: Term[] = [];
  for (let i = 0; i < args.length; i++) copy.push(args[i]!);
  return copy;
}

/** Same operator, new children: returns `term` itself when the children are unchanged. */
export function withArgs(term: App, args: readonly Term[]): App {
  const old = term.args;
  if (old.length === args.length) {
    let same = true;
    for (let i = 0; i < old.length; i++) {
      if (old[i] !== args[i]) {
        same = false;
        break;
      }
    }
    if (same) return term;
  }
  return app(term.op, args);
}

/** How many distinct terms the store holds (grows monotonically). */
export function termStoreSize(): number {
  return nextId;
}

export function isSym(t: Term): t is Sym {
  return t.kind === "sym";
}
export function isNum(t: Term): t is Num {
  return t.kind === "num";
}
export function isApp(t: Term): t is App {
  return t.kind === "app";
}

/** Frequently used constants. */
export const ZERO = num(Rational.ZERO);
export const ONE = num(Rational.ONE);
export const MINUS_ONE = num(Rational.MINUS_ONE);
export const TWO = num(Rational.TWO);
