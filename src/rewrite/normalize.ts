import { LimitError } from "../errors.js";
import type { Rule, RuleSet } from "../rules/rule.js";
import { type Term, withArgs } from "../term/term.js";
import type { Theory } from "../theory.js";
import { foldConstantApplication } from "./fold-constants.js";
import { applyRuleAtRoot } from "./match.js";

/**
 * Innermost normalisation of a term with a rule set: children first, then the first rule (in
 * file order) that matches at the root fires, and its result is normalised in turn, until no
 * rule applies anywhere. Memoised on term ids, so a subterm shared in the DAG is normalised
 * once; iterative, so the depth of the term does not matter.
 */

/** Rule applications allowed by default before {@link normalize} gives up. */
export const DEFAULT_FUEL = 1_000_000;

/** The name constant folding goes by in traces and fuel reports. */
export const FOLD_CONSTANTS = "fold-constants";

/** One rewrite: the redex and what replaced it. */
export interface TraceStep {
  readonly rule: string;
  readonly before: Term;
  readonly after: Term;
}

export interface NormalizeOptions {
  /** Supplies the predicates of rule conditions and the exact meaning of operators for folding. */
  readonly theory: Theory;
  /** Maximum number of rewrites (rule applications and folds); default {@link DEFAULT_FUEL}. */
  readonly fuel?: number;
  /** Record every rewrite in order. */
  readonly trace?: boolean;
}

export interface NormalizeResult {
  /** The normal form. */
  readonly term: Term;
  /** How many rewrites (rule applications and constant folds) were made. */
  readonly steps: number;
  /** The rewrites in the order they were made, when asked for. */
  readonly trace?: TraceStep[];
}

/** A rule set's rules grouped by what the root of a term must be for their left side to match. */
interface RuleIndex {
  /** Candidate rules per root operator, in file order, including the rules whose left side is a variable. */
  readonly byOperator: ReadonlyMap<string, readonly Rule[]>;
  /** The same for left sides that are a symbol or a number, by term id. */
  readonly byLeaf: ReadonlyMap<number, readonly Rule[]>;
  /** Rules whose left side is a bare pattern variable (they match any term). */
  readonly anyRoot: readonly Rule[];
}

const indexes = new WeakMap<RuleSet, RuleIndex>();

function isCatchAll(rule: Rule): boolean {
  return rule.lhs.kind === "sym" && rule.lhs.isPatternVar;
}

function indexOf(ruleSet: RuleSet): RuleIndex {
  const cached = indexes.get(ruleSet);
  if (cached !== undefined) return cached;
  // Rewriting reads `<=>` rules left to right, like `=>` rules.
  const rules = ruleSet.rules;
  const anyRoot = rules.filter(isCatchAll);
  const byOperator = new Map<string, Rule[]>();
  const byLeaf = new Map<number, Rule[]>();
  for (const rule of rules) {
    const lhs = rule.lhs;
    if (isCatchAll(rule)) continue;
    // Keep file order across specific and catch-all rules: earlier rules win.
    if (lhs.kind === "app" && !byOperator.has(lhs.op)) {
      byOperator.set(
        lhs.op,
        rules.filter((r) => isCatchAll(r) || (r.lhs.kind === "app" && r.lhs.op === lhs.op)),
      );
    } else if (lhs.kind !== "app" && !byLeaf.has(lhs.id)) {
      byLeaf.set(
        lhs.id,
        rules.filter((r) => isCatchAll(r) || r.lhs === lhs),
      );
    }
  }
  const index = { byOperator, byLeaf, anyRoot };
  indexes.set(ruleSet, index);
  return index;
}

// Phases of a frame on the explicit stack.
const EXPAND = 0; // children not yet normalised
const REDUCE = 1; // children normalised: rebuild and rewrite at the root
const ALIAS = 2; // the root was rewritten: the frame's result is the normal form of its rewrite

/**
 * Normalises `term` with `ruleSet`: innermost, first matching rule wins, constant folding
 * first when the set declares `(fold-constants)`.
 *
 * A rule whose result is the term itself (such as `(+ ?a ?b) => (+ ?b ?a)` on `x + x`) does
 * not count as firing. Throws a {@link LimitError} (`"fuel"`) naming the rules that fired most
 * when more than `fuel` rewrites are needed, which is how a non-terminating set shows up, and a
 * `DivisionByZeroError` when folding meets an exact zero divisor.
 *
 * @example
 * ```ts
 * const { term } = normalize(parseSExpr("(d x (* x x))", { theory }), theory.ruleSets.diff!, { theory });
 * // (+ (* 1 x) (* x 1))
 * ```
 */
export function normalize(term: Term, ruleSet: RuleSet, options: NormalizeOptions): NormalizeResult {
  const { theory } = options;
  const fuel = options.fuel ?? DEFAULT_FUEL;
  const index = indexOf(ruleSet);
  const fold = ruleSet.foldConstants === true;
  const trace: TraceStep[] | undefined = options.trace ? [] : undefined;
  const fired = new Map<string, number>();
  let steps = 0;

  const record = (rule: string, before: Term, after: Term): void => {
    if (steps >= fuel) throw outOfFuel(ruleSet.name, fuel, fired);
    steps++;
    fired.set(rule, (fired.get(rule) ?? 0) + 1);
    trace?.push({ rule, before, after });
  };

  /** The rewrite of `current` at its root, or `undefined` when it is a normal form there. */
  const rewriteRoot = (current: Term): Term | undefined => {
    if (fold) {
      const folded = foldConstantApplication(current, theory);
      if (folded !== undefined && folded !== current) {
        record(FOLD_CONSTANTS, current, folded);
        return folded;
      }
    }
    const candidates =
      (current.kind === "app" ? index.byOperator.get(current.op) : index.byLeaf.get(current.id)) ??
      index.anyRoot;
    for (const rule of candidates) {
      const next = applyRuleAtRoot(rule, current, theory);
      if (next !== undefined && next !== current) {
        record(rule.name, current, next);
        return next;
      }
    }
    return undefined;
  };

  // Normal forms by term id: of the input's subterms, of rebuilt terms and of rewrites.
  const normal = new Map<number, Term>();
  // The explicit stack, as parallel arrays: the term, its phase, and for ALIAS frames the
  // rebuilt term and the rewrite whose normal form the frame waits for.
  const frameTerm: Term[] = [term];
  const framePhase: number[] = [EXPAND];
  const frameRebuilt: (Term | undefined)[] = [undefined];
  const frameRewrite: (Term | undefined)[] = [undefined];
  const push = (t: Term, phase: number, rebuilt?: Term, rewrite?: Term): void => {
    frameTerm.push(t);
    framePhase.push(phase);
    frameRebuilt.push(rebuilt);
    frameRewrite.push(rewrite);
  };
  const pop = (): void => {
    frameTerm.pop();
    framePhase.pop();
    frameRebuilt.pop();
    frameRewrite.pop();
  };

  while (frameTerm.length > 0) {
    const top = frameTerm.length - 1;
    const t = frameTerm[top]!;
    const phase = framePhase[top]!;

    if (phase === ALIAS) {
      const result = normal.get(frameRewrite[top]!.id)!;
      normal.set(t.id, result);
      normal.set(frameRebuilt[top]!.id, result);
      pop();
      continue;
    }

    if (phase === EXPAND) {
      if (normal.has(t.id)) {
        pop();
        continue;
      }
      if (t.kind === "app") {
        framePhase[top] = REDUCE;
        for (let i = t.args.length - 1; i >= 0; i--) {
          const child = t.args[i]!;
          if (!normal.has(child.id)) push(child, EXPAND);
        }
        continue;
      }
    }

    // REDUCE (or a leaf): rebuild from the children's normal forms, then rewrite at the root.
    pop();
    const rebuilt =
      t.kind === "app"
        ? withArgs(
            t,
            t.args.map((a) => normal.get(a.id)!),
          )
        : t;
    if (rebuilt !== t) {
      const known = normal.get(rebuilt.id);
      if (known !== undefined) {
        normal.set(t.id, known);
        continue;
      }
    }
    const next = rewriteRoot(rebuilt);
    if (next === undefined) {
      normal.set(t.id, rebuilt);
      normal.set(rebuilt.id, rebuilt);
      continue;
    }
    const known = normal.get(next.id);
    if (known !== undefined) {
      normal.set(t.id, known);
      normal.set(rebuilt.id, known);
      continue;
    }
    push(t, ALIAS, rebuilt, next);
    push(next, EXPAND);
  }

  const result = normal.get(term.id)!;
  return trace === undefined ? { term: result, steps } : { term: result, steps, trace };
}

function outOfFuel(ruleSet: string, fuel: number, fired: ReadonlyMap<string, number>): LimitError {
  const most = [...fired.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([rule, count]) => `${rule} (${count})`)
    .join(", ");
  return new LimitError(
    "fuel",
    `rule set '${ruleSet}' did not terminate within ${fuel} rewrites; most fired: ${most || "none"}`,
  );
}
