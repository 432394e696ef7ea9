import type { Substitution } from "../rewrite/match.js";
import { Rational } from "../term/rational.js";
import { app, num, sym, type Term } from "../term/term.js";
import { foldTerm, postorder, symbolsOf, treeSize } from "../term/traverse.js";

/**
 * A last pass after fast-check's shrinking, for counterexamples people read: fast-check shrinks
 * a binding and the point separately and can stop at `?a = (- (log x) x), at x = 0.25` where
 * `?a = -1` fails just as well. This pass tries the simplest values greedily and keeps each
 * one that still fails.
 */

const SIMPLE_NUMBERS: readonly Term[] = [
  num(0),
  num(1),
  num(-1),
  num(2),
  num(-2),
  num(Rational.of(1, 2)),
  num(Rational.of(-1, 2)),
];
const SIMPLE_COORDINATES: readonly number[] = [0, 1, -1, 2, -2, 0.5, -0.5, 3, -3];

/**
 * Smaller is simpler: size first; among leaves the simple numbers in order, then other
 * numbers, then the variables in order (a number takes no coordinate of the point).
 */
function complexity(term: Term, variables: readonly string[]): number {
  let rank = 0;
  if (term.kind === "num") {
    const index = SIMPLE_NUMBERS.indexOf(term);
    rank = index < 0 ? SIMPLE_NUMBERS.length : index;
  } else if (term.kind === "sym") {
    const index = variables.indexOf(term.name);
    rank = SIMPLE_NUMBERS.length + 1 + (index < 0 ? variables.length : index);
  }
  return treeSize(term) * 100 + rank;
}

/**
 * A failing `(substitution, point)` made as simple as possible while `stillFails` holds:
 * each binding replaced by the simplest number or variable that keeps it failing, then each
 * coordinate by the simplest value. `stillFails` must hold for the input.
 */
export function polishCounterexample(
  substitution: Substitution,
  point: Readonly<Record<string, number>>,
  stillFails: (substitution: Substitution, point: Readonly<Record<string, number>>) => boolean,
  variables: readonly string[],
): { substitution: Substitution; point: Record<string, number> } {
  let bindings = new Map(substitution);
  let coordinates: Record<string, number> = { ...point };
  // Variables renamed to the first ones (`y` alone becomes `x`), bindings and point together.
  const renamed = renameToFirstVariables(bindings, coordinates, variables);
  if (renamed !== undefined && stillFails(renamed.substitution, renamed.point)) {
    bindings = renamed.substitution;
    coordinates = renamed.point;
  }
  const candidates = [...SIMPLE_NUMBERS, ...variables.map((name) => sym(name))];
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (const [name, current] of [...bindings.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const candidate of candidates) {
        if (complexity(candidate, variables) >= complexity(current, variables)) continue;
        const trial = new Map(bindings).set(name, candidate);
        if (stillFails(trial, coordinates)) {
          bindings = trial;
          changed = true;
          break;
        }
      }
    }
    for (const name of Object.keys(coordinates).sort()) {
      const current = coordinates[name]!;
      for (const value of SIMPLE_COORDINATES) {
        if (value === current) break; // the list is in order of simplicity
        const trial = { ...coordinates, [name]: value };
        if (stillFails(bindings, trial)) {
          coordinates = trial;
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return { substitution: bindings, point: coordinates };
}

/** The variables of the bindings renamed, in order of appearance, to the first of `variables`; `undefined` if nothing changes. */
function renameToFirstVariables(
  bindings: ReadonlyMap<string, Term>,
  point: Readonly<Record<string, number>>,
  variables: readonly string[],
): { substitution: Map<string, Term>; point: Record<string, number> } | undefined {
  const order: string[] = [];
  for (const name of [...bindings.keys()].sort()) {
    for (const symbol of symbolsOf(bindings.get(name)!)) if (!order.includes(symbol)) order.push(symbol);
  }
  const renaming = new Map<string, string>();
  order.forEach((name, i) => {
    if (i < variables.length && variables[i] !== name && variables.includes(name))
      renaming.set(name, variables[i]!);
  });
  // Only a renaming that is a permutation of the names in use keeps them apart.
  const targets = new Set(order.map((name) => renaming.get(name) ?? name));
  if (renaming.size === 0 || targets.size !== order.length) return undefined;
  const rename = (term: Term): Term =>
    foldTerm<Term>(term, (t, children) =>
      t.kind === "sym" ? sym(renaming.get(t.name) ?? t.name) : t.kind === "app" ? app(t.op, children) : t,
    );
  const substitution = new Map([...bindings.entries()].map(([name, term]) => [name, rename(term)] as const));
  const renamedPoint: Record<string, number> = { ...point };
  for (const [from, to] of renaming) renamedPoint[to] = point[from]!;
  return { substitution, point: renamedPoint };
}

/** `root` with every occurrence of `target` replaced by `replacement` (iterative). */
function replaceSubterm(root: Term, target: Term, replacement: Term): Term {
  return foldTerm<Term>(root, (t, children) =>
    t === target ? replacement : t.kind === "app" ? app(t.op, children) : t,
  );
}

/**
 * A failing term made as simple as possible while `stillFails` holds: greedily, a subterm is
 * replaced by one of its arguments, a simple number or a variable (largest subterms first).
 * For the pipeline check, whose counterexample is a function rather than bindings.
 */
export function polishTerm(
  term: Term,
  stillFails: (term: Term) => boolean,
  variables: readonly string[],
): Term {
  let current = term;
  const leaves = [...SIMPLE_NUMBERS, ...variables.map((name) => sym(name))];
  for (let attempts = 0; attempts < 200; attempts++) {
    let improved: Term | undefined;
    // Largest subterms first: replacing near the root removes the most.
    const subterms = postorder(current).reverse();
    search: for (const target of subterms) {
      const candidates = target.kind === "app" ? [...target.args, ...leaves] : leaves;
      for (const candidate of candidates) {
        if (complexity(candidate, variables) >= complexity(target, variables)) continue;
        const trial = replaceSubterm(current, target, candidate);
        if (stillFails(trial)) {
          improved = trial;
          break search;
        }
      }
    }
    if (improved === undefined) break;
    current = improved;
  }
  return current;
}
