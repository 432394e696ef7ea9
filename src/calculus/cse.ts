import { type PrintOptions, printTerm } from "../syntax/print.js";
import { app, type Sym, sym, type Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";

/**
 * Common subexpression elimination for printing: every subexpression that a set of results
 * uses more than once (and that is more than a leaf or two) is bound once to a name, `t1`,
 * `t2`, …, and the results refer to the names. Hessians of products repeat large factors in
 * many entries; bound once, the output grows with the DAG rather than with the tree.
 *
 * Terms are hash-consed, so "the same subexpression" is "the same term object", found by one
 * iterative walk of the shared DAG (deep terms are fine).
 *
 * @example
 * ```ts
 * const { bindings, roots } = commonSubexpressions(hessianEntries);
 * printBindings(bindings); // ["let t1 = exp(x*y)", …]
 * ```
 */

/** One name bound to a subexpression, which may use the names bound before it. */
export interface Binding {
  readonly name: Sym;
  readonly term: Term;
}

/** Results rewritten to use {@link Binding}s, listed in an order where each is defined before use. */
export interface SharedForm {
  readonly bindings: readonly Binding[];
  readonly roots: readonly Term[];
}

export interface CseOptions {
  /**
   * Smallest subexpression worth a name, in tree nodes with the names it uses counted as 1
   * (default 4: `sin(x^2)` and `x*y + 1` are bound, `x^2` and `sin(t1)` are not).
   */
  readonly minSize?: number;
  /** Prefix of the names (default `t`); numbers are appended, skipping names the results use. */
  readonly prefix?: string;
}

/** See the module comment. */
export function commonSubexpressions(roots: readonly Term[], options: CseOptions = {}): SharedForm {
  const minSize = options.minSize ?? 4;
  const prefix = options.prefix ?? "t";

  // Distinct subterms of all roots, children before parents; `index` numbers them in that order.
  const order: Term[] = [];
  const index = new Map<number, number>();
  for (const root of roots) {
    for (const t of postorder(root)) {
      if (!index.has(t.id)) {
        index.set(t.id, order.length);
        order.push(t);
      }
    }
  }
  const at = (t: Term) => index.get(t.id)!;

  // How many times each subterm is written when the results are printed as trees, given that
  // every subterm written more than once gets a name (so its own children are written once).
  const uses = new Uint32Array(order.length);
  for (const root of roots) uses[at(root)]!++;
  for (const t of order) if (t.kind === "app") for (const a of t.args) uses[at(a)]!++;

  const taken = new Set<string>();
  for (const t of order) if (t.kind === "sym") taken.add(t.name);
  let counter = 0;
  const freshName = (): Sym => {
    let name: string;
    do name = `${prefix}${++counter}`;
    while (taken.has(name));
    return sym(name);
  };

  // Per subterm: its size as printed (names count 1) and the term that stands for it.
  const size = new Float64Array(order.length);
  const rewritten: Term[] = new Array(order.length);
  const bindings: Binding[] = [];
  for (let i = 0; i < order.length; i++) {
    const t = order[i]!;
    if (t.kind !== "app") {
      size[i] = 1;
      rewritten[i] = t;
      continue;
    }
    let own = 1;
    const args: Term[] = [];
    for (const a of t.args) {
      const j = at(a);
      own += size[j]!;
      args.push(rewritten[j]!);
    }
    const body = app(t.op, args);
    if (uses[i]! >= 2 && own >= minSize) {
      const name = freshName();
      bindings.push({ name, term: body });
      rewritten[i] = name;
      size[i] = 1;
    } else {
      rewritten[i] = body;
      size[i] = own;
    }
  }
  return { bindings, roots: roots.map((r) => rewritten[at(r)]!) };
}

/** `let t1 = …` lines, one per binding, in `format`. */
export function printBindings(bindings: readonly Binding[], options: PrintOptions = {}): string[] {
  return bindings.map((b) => `let ${b.name.name} = ${printTerm(b.term, options)}`);
}
