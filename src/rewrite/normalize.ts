import { LimitError } from "../errors.js";
import { limitOption } from "../limit-option.js";
import type { RuleSet } from "../rules/rule.js";
import { type App, app, type Term, withArgs, ZERO } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";
import { dagSize } from "../term/traverse.js";
import type { Theory } from "../theory.js";
import { foldConstantApplication } from "./fold-constants.js";
import { type RuleIndex, ruleIndexOf } from "./rule-index.js";

/**
 * Innermost normalisation of a term with a rule set: children first, then the first rule (in
 * file order) that matches at the root fires, and its result is normalised in turn, until no
 * rule applies anywhere. Memoised on term ids, so a subterm shared in the DAG is normalised
 * once; iterative, so the depth of the term does not matter.
 */

/**
 * Rule applications allowed by default before {@link normalize} gives up, or
 * {@link FUEL_PER_SUBTERM} per distinct subterm of the input when that is more: a terminating
 * rule set needs fuel in proportion to its input (a sum of 10^6 terms needs more than 10^6).
 */
export const DEFAULT_FUEL = 1_000_000;
/** Default rewrites per distinct subterm of the input (see {@link DEFAULT_FUEL}). */
export const FUEL_PER_SUBTERM = 100;

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
  /**
   * Maximum number of rewrites (rule applications and folds); default {@link DEFAULT_FUEL}, or
   * {@link FUEL_PER_SUBTERM} per distinct subterm of the input when that is more.
   */
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

// Phases of a frame on the explicit stack.
const EXPAND = 0; // children not yet normalised
const REDUCE = 1; // children normalised: rebuild and rewrite at the root
// The root was rewritten: the frame's result is the normal form of its rewrite. Such a frame
// takes three stack entries: the term, the rebuilt term, and on top the rewrite it waits for.
const ALIAS = 2;

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
  const index = ruleIndexOf(ruleSet);
  const normalizer = spareNormalizers.pop() ?? new Normalizer();
  try {
    return normalizer.run(term, ruleSet, index, options);
  } finally {
    if (normalizer.small()) spareNormalizers.push(normalizer);
  }
}

/**
 * The rewriting loop with its scratch state: the memo of normal forms, the explicit stack and
 * the counts for the fuel report. Kept for the next call, so that normalising a small term
 * allocates almost nothing; a call made while another runs (from a predicate, say) gets its own.
 */
class Normalizer {
  /** Normal forms by term id: of the input's subterms, of rebuilt terms and of rewrites. */
  private readonly normal = new TermIdMap<Term>();
  // The explicit stack, as parallel arrays filled up to `depth`; they never shrink.
  private readonly stackTerms: Term[] = [];
  private readonly stackPhases: number[] = [];
  /** Where rules bind their variables. */
  private readonly slots: Term[] = [];
  /** Rewrites per rule position (constant folding last), for the fuel report; all 0 between calls. */
  private fired = new Int32Array(0);
  /** Rule positions in the order they first fired in this call: the first `firedRules` entries. */
  private readonly firstFired: number[] = [];
  private firedRules = 0;

  // The current call.
  private ruleSet!: RuleSet;
  private index!: RuleIndex;
  private theory!: Theory;
  private fuel = 0;
  /** The input, while the fuel is the default one: it grows with the input's size once. */
  private sizedFrom: Term | undefined;
  private fold = false;
  private trace: TraceStep[] | undefined;
  private steps = 0;

  /** Whether this normalizer is worth keeping: a huge call leaves its memory to the collector. */
  small(): boolean {
    return this.normal.slots <= LARGEST_KEPT && this.stackTerms.length <= LARGEST_KEPT;
  }

  run(term: Term, ruleSet: RuleSet, index: RuleIndex, options: NormalizeOptions): NormalizeResult {
    this.ruleSet = ruleSet;
    this.index = index;
    this.theory = options.theory;
    this.fuel = limitOption("fuel", options.fuel, DEFAULT_FUEL);
    this.sizedFrom = options.fuel === undefined ? term : undefined;
    this.fold = ruleSet.foldConstants === true;
    this.trace = options.trace ? [] : undefined;
    this.steps = 0;
    const slots = this.slots;
    while (slots.length < index.slotCount) slots.push(ZERO);
    if (this.fired.length <= index.rules.length) this.fired = new Int32Array(index.rules.length + 1);
    try {
      const result = this.normalForm(term);
      const { steps, trace } = this;
      return trace === undefined ? { term: result, steps } : { term: result, steps, trace };
    } finally {
      this.normal.clear();
      for (let i = 0; i < this.firedRules; i++) this.fired[this.firstFired[i]!] = 0;
      this.firedRules = 0;
      this.trace = undefined;
      this.sizedFrom = undefined;
    }
  }

  private normalForm(term: Term): Term {
    const { normal, stackTerms, stackPhases } = this;
    // Usually no rule rewrites a leaf (and folding never does): then leaves are left out of
    // the memo and the stack, which halves the work on small terms.
    const skipLeaves = this.index.leavesAreNormal;
    if (skipLeaves && term.kind !== "app") return term;
    stackTerms[0] = term;
    stackPhases[0] = EXPAND;
    let depth = 1;

    while (depth > 0) {
      const top = depth - 1;
      const t = stackTerms[top]!;
      const phase = stackPhases[top]!;

      if (phase === ALIAS) {
        // t is the rewrite; below it, the frame's own term and the rebuilt term.
        const result = normal.get(t.id)!;
        normal.set(stackTerms[top - 2]!.id, result);
        normal.set(stackTerms[top - 1]!.id, result);
        depth -= 3;
        continue;
      }

      if (phase === EXPAND) {
        if (normal.has(t.id)) {
          depth--;
          continue;
        }
        if (t.kind === "app") {
          const args = t.args;
          const before = depth;
          for (let i = args.length - 1; i >= 0; i--) {
            const child = args[i]!;
            if ((skipLeaves && child.kind !== "app") || normal.has(child.id)) continue;
            stackTerms[depth] = child;
            stackPhases[depth] = EXPAND;
            depth++;
          }
          if (depth > before) {
            stackPhases[top] = REDUCE;
            continue;
          }
          // Every child is normalised already (common for rewrites): reduce right away.
        }
      }

      // REDUCE (or a leaf): rebuild from the children's normal forms, then rewrite at the root.
      depth--;
      const rebuilt = t.kind === "app" ? this.rebuild(t, skipLeaves) : t;
      if (rebuilt !== t) {
        const known = normal.get(rebuilt.id);
        if (known !== undefined) {
          normal.set(t.id, known);
          continue;
        }
      }
      const next = this.rewriteRoot(rebuilt);
      if (next === undefined) {
        normal.set(t.id, rebuilt);
        if (rebuilt !== t) normal.set(rebuilt.id, rebuilt);
        continue;
      }
      const known = skipLeaves && next.kind !== "app" ? next : normal.get(next.id);
      if (known !== undefined) {
        normal.set(t.id, known);
        if (rebuilt !== t) normal.set(rebuilt.id, known);
        continue;
      }
      stackTerms[depth] = t;
      stackTerms[depth + 1] = rebuilt;
      stackTerms[depth + 2] = next;
      stackPhases[depth + 2] = ALIAS;
      // The rewrite itself, to normalise first.
      stackTerms[depth + 3] = next;
      stackPhases[depth + 3] = EXPAND;
      depth += 4;
    }
    return normal.get(term.id)!;
  }

  /**
   * `t` with its children replaced by their normal forms (`t` itself when none changed);
   * with `skipLeaves`, leaf children are their own normal forms.
   */
  private rebuild(t: App, skipLeaves: boolean): Term {
    const args = t.args;
    if (args.length === 1) {
      const a = this.normalChild(args[0]!, skipLeaves);
      return a === args[0] ? t : app(t.op, [a]);
    }
    if (args.length === 2) {
      const a = this.normalChild(args[0]!, skipLeaves);
      const b = this.normalChild(args[1]!, skipLeaves);
      return a === args[0] && b === args[1] ? t : app(t.op, [a, b]);
    }
    const normalArgs: Term[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) normalArgs[i] = this.normalChild(args[i]!, skipLeaves);
    return withArgs(t, normalArgs);
  }

  private normalChild(child: Term, skipLeaves: boolean): Term {
    return skipLeaves && child.kind !== "app" ? child : this.normal.get(child.id)!;
  }

  /** The rewrite of `current` at its root, or `undefined` when it is a normal form there. */
  private rewriteRoot(current: Term): Term | undefined {
    const index = this.index;
    if (this.fold) {
      const folded = foldConstantApplication(current, this.theory);
      if (folded !== undefined && folded !== current) {
        this.record(index.rules.length, FOLD_CONSTANTS, current, folded);
        return folded;
      }
    }
    const candidates = index.candidates(current);
    const rules = index.rules;
    for (let i = 0; i < candidates.length; i++) {
      const position = candidates[i]!;
      const rule = rules[position]!;
      const next = rule.rewrite(current, this.slots, this.theory);
      if (next !== undefined && next !== current) {
        this.record(position, rule.rule.name, current, next);
        return next;
      }
    }
    return undefined;
  }

  /** Counts a rewrite by the rule at `position` (or folding), within the fuel. */
  private record(position: number, rule: string, before: Term, after: Term): void {
    if (this.steps >= this.fuel) this.refuel();
    this.steps++;
    if (this.fired[position]!++ === 0) this.firstFired[this.firedRules++] = position;
    this.trace?.push({ rule, before, after });
  }

  /**
   * Out of fuel: with the default fuel, sized once to the input (measured only now, so small
   * inputs never pay for it) and the run goes on if that is more; otherwise a LimitError.
   */
  private refuel(): void {
    const input = this.sizedFrom;
    if (input !== undefined) {
      this.sizedFrom = undefined;
      this.fuel = Math.max(this.fuel, FUEL_PER_SUBTERM * dagSize(input));
      if (this.steps < this.fuel) return;
    }
    throw this.outOfFuel(input === undefined);
  }

  private outOfFuel(given: boolean): LimitError {
    const rules = this.index.rules;
    // Counts by name, in the order the rules first fired.
    const byName = new Map<string, number>();
    for (let i = 0; i < this.firedRules; i++) {
      const position = this.firstFired[i]!;
      const name = position === rules.length ? FOLD_CONSTANTS : rules[position]!.rule.name;
      byName.set(name, (byName.get(name) ?? 0) + this.fired[position]!);
    }
    return outOfFuel(this.ruleSet.name, this.fuel, given, byName);
  }
}

const spareNormalizers: Normalizer[] = [];
/** A normalizer whose memo or stack grew beyond this many slots is not kept, to give its memory back. */
const LARGEST_KEPT = 1 << 16;

function outOfFuel(
  ruleSet: string,
  fuel: number,
  given: boolean,
  fired: ReadonlyMap<string, number>,
): LimitError {
  const most = [...fired.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([rule, count]) => `${rule} (${count})`)
    .join(", ");
  return new LimitError(
    "fuel",
    `rule set '${ruleSet}' did not terminate within ${fuel} rewrites (${given ? "the fuel given" : `the default fuel for this input: ${FUEL_PER_SUBTERM} per distinct subterm, at least ${DEFAULT_FUEL}`}; raise it with --fuel); most fired: ${most || "none"}`,
  );
}
