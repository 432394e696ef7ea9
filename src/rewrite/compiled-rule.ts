import { DsatError, UnboundVariableError } from "../errors.js";
import type { PredicateSpec } from "../rules/predicates.js";
import type { Condition, Rule } from "../rules/rule.js";
import { type App, app, type Sym, type Term } from "../term/term.js";
import type { Theory } from "../theory.js";

/**
 * A rule compiled once for rewriting: its pattern variables are numbered, the left side
 * becomes a matcher that binds into an array of slots (no `Map` per attempt), and the
 * conditions and right side become instantiation plans in which ground subpatterns are kept
 * as the terms they are (hash-consing makes them shared, so they are never rebuilt).
 *
 * Behaves exactly like `match` + `conditionsHold` + `instantiate` of `match.ts`, errors
 * included: an unknown predicate and a variable the left side does not bind are reported
 * when the rule is tried, not when it is compiled. Compilation recurses over patterns only.
 */

// Kinds of pattern nodes, for matching and for instantiation.
/** A term compared by identity (a ground subpattern, or a whole ground plan). */
const EXACT = 0;
/** The first occurrence of a variable: binds its slot (matching) or reads it (plans). */
const BIND = 1;
/** A repeated occurrence: must be the slot's term (matching) or reads it (plans). */
const SAME = 2;
/** An application with variables somewhere below. */
const APPLY = 3;
/** A variable no binding reaches (plans only): throws when instantiated. */
const UNBOUND = 4;

/** One node of a compiled pattern or plan; a single object shape keeps matching monomorphic. */
class PatternNode {
  constructor(
    readonly kind: number,
    /** The term for {@link EXACT}, the variable for {@link UNBOUND}. */
    readonly term: Term | undefined,
    /** The variable's slot for {@link BIND} and {@link SAME}. */
    readonly slot: number,
    /** The operator for {@link APPLY}. */
    readonly op: string,
    /** The arguments for {@link APPLY}. */
    readonly args: readonly PatternNode[],
  ) {}
}

const NO_ARGS: readonly PatternNode[] = [];

function hasVariables(pattern: Term): boolean {
  const stack: Term[] = [pattern];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === "sym" && t.isPatternVar) return true;
    if (t.kind === "app") for (const a of t.args) stack.push(a);
  }
  return false;
}

/** Compiles a pattern: ground parts stay the terms they are, variables become what `variable` makes. */
function compilePattern(pattern: Term, variable: (v: Sym) => PatternNode): PatternNode {
  if (!hasVariables(pattern)) return new PatternNode(EXACT, pattern, -1, "", NO_ARGS);
  if (pattern.kind === "sym") return variable(pattern);
  const app = pattern as App;
  return new PatternNode(
    APPLY,
    undefined,
    -1,
    app.op,
    app.args.map((a) => compilePattern(a, variable)),
  );
}

/** Compiles the left side, numbering variables in matching order (left to right, depth first). */
function compileLhs(pattern: Term, slots: Map<string, number>): PatternNode {
  return compilePattern(pattern, (v) => {
    const known = slots.get(v.name);
    if (known !== undefined) return new PatternNode(SAME, undefined, known, "", NO_ARGS);
    const slot = slots.size;
    slots.set(v.name, slot);
    return new PatternNode(BIND, undefined, slot, "", NO_ARGS);
  });
}

/** Compiles a pattern to instantiate with the slots the left side binds. */
function compilePlan(pattern: Term, slots: ReadonlyMap<string, number>): PatternNode {
  return compilePattern(pattern, (v) => {
    const slot = slots.get(v.name);
    return slot === undefined
      ? new PatternNode(UNBOUND, v, -1, "", NO_ARGS)
      : new PatternNode(BIND, undefined, slot, "", NO_ARGS);
  });
}

function matchNode(node: PatternNode, term: Term, slots: Term[]): boolean {
  switch (node.kind) {
    case EXACT:
      return node.term === term;
    case BIND:
      slots[node.slot] = term;
      return true;
    case SAME:
      return slots[node.slot] === term;
    default: {
      if (term.kind !== "app" || term.op !== node.op) return false;
      const args = node.args;
      const termArgs = term.args;
      if (termArgs.length !== args.length) return false;
      for (let i = 0; i < args.length; i++) {
        if (!matchNode(args[i]!, termArgs[i]!, slots)) return false;
      }
      return true;
    }
  }
}

function instantiateNode(node: PatternNode, slots: readonly Term[]): Term {
  switch (node.kind) {
    case EXACT:
      return node.term!;
    case BIND:
    case SAME:
      return slots[node.slot]!;
    case UNBOUND:
      throw new UnboundVariableError((node.term as Sym).name);
    default: {
      const args = node.args;
      // Arrays built by hand: `map` would allocate a closure per call.
      if (args.length === 1) return app(node.op, [instantiateNode(args[0]!, slots)]);
      if (args.length === 2) {
        const first = instantiateNode(args[0]!, slots);
        return app(node.op, [first, instantiateNode(args[1]!, slots)]);
      }
      const built: Term[] = new Array(args.length);
      for (let i = 0; i < args.length; i++) built[i] = instantiateNode(args[i]!, slots);
      return app(node.op, built);
    }
  }
}

/** A rule condition with its argument plans and its predicate, looked up once per theory. */
class CompiledCondition {
  private predicatesSeen: Theory["predicates"] | undefined;
  private predicate: PredicateSpec | undefined;

  constructor(
    readonly name: string,
    private readonly args: readonly PatternNode[],
  ) {}

  holds(slots: readonly Term[], theory: Theory): boolean {
    if (theory.predicates !== this.predicatesSeen) {
      this.predicate = theory.predicates[this.name];
      this.predicatesSeen = theory.predicates;
    }
    const predicate = this.predicate;
    if (predicate === undefined) {
      throw new DsatError(
        `unknown predicate '${this.name}' (known: ${Object.keys(theory.predicates).sort().join(", ")})`,
      );
    }
    const args = this.args;
    const values: Term[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) values[i] = instantiateNode(args[i]!, slots);
    return predicate.holds(values);
  }
}

/**
 * A rule ready to be tried at the root of terms, many times.
 *
 * @example
 * ```ts
 * const compiled = new CompiledRule(rule);
 * const slots = compiled.newSlots();
 * compiled.rewrite(term, slots, theory); // the rewrite, or undefined
 * ```
 */
export class CompiledRule {
  /** How many distinct variables the left side binds: the length `slots` must have. */
  readonly slotCount: number;
  private readonly lhs: PatternNode;
  private readonly rhs: PatternNode;
  private readonly conditions: readonly CompiledCondition[];

  constructor(readonly rule: Rule) {
    const slots = new Map<string, number>();
    this.lhs = compileLhs(rule.lhs, slots);
    this.slotCount = slots.size;
    this.rhs = compilePlan(rule.rhs, slots);
    this.conditions = rule.conditions.map(
      (c: Condition) =>
        new CompiledCondition(
          c.predicate,
          c.args.map((a) => compilePlan(a, slots)),
        ),
    );
  }

  /** Scratch space for {@link rewrite}: one slot per variable. */
  newSlots(): Term[] {
    return new Array<Term>(this.slotCount);
  }

  /**
   * The rule's rewrite of `term` at its root, read left to right: the instantiated right side
   * when the left side matches and every condition holds, otherwise `undefined`. `slots` is
   * scratch space with at least {@link slotCount} entries; it is overwritten.
   */
  rewrite(term: Term, slots: Term[], theory: Theory): Term | undefined {
    if (!matchNode(this.lhs, term, slots)) return undefined;
    const conditions = this.conditions;
    for (let i = 0; i < conditions.length; i++) {
      if (!conditions[i]!.holds(slots, theory)) return undefined;
    }
    return instantiateNode(this.rhs, slots);
  }
}
