import { DsatError, RuleFileError } from "../errors.js";
import type { Rule, RuleSet } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import {
  builtinClassPredicates,
  type ClassPredicate,
  type ClassPredicateRegistry,
} from "./class-predicates.js";
import type { EGraph, Justification } from "./egraph.js";
import type { MatchList } from "./machine.js";
import { type CompiledPattern, compilePattern, isGround, isPatternVariable } from "./pattern.js";

/** One step of building a right-hand side: an operator or leaf over earlier steps and variables. */
interface BuildStep {
  /** Operator name, or undefined for a leaf. */
  readonly operator: string | undefined;
  readonly leaf: Term | undefined;
  /** Per child: a step index (>= 0) or a variable as -(index + 1). */
  readonly children: Int32Array;
}

/** A rule condition compiled against a predicate registry. */
interface CompiledCondition {
  readonly predicate: ClassPredicate;
  /** Per argument: a variable index (>= 0) or a ground term as -(index + 1). */
  readonly args: Int32Array;
  readonly grounds: readonly Term[];
  /** Per argument: the ground term, or undefined for a variable. */
  readonly terms: readonly (Term | undefined)[];
}

/**
 * A rule, one direction of it, ready to run on e-graphs: the left side compiled for
 * e-matching, the right side as build steps, conditions bound to class-level predicates.
 * A `<=>` rule gives two rewrites, `name` and `name-rev`, each scheduled on its own.
 */
export interface Rewrite {
  readonly name: string;
  readonly rule: Rule;
  readonly reversed: boolean;
  readonly searcher: CompiledPattern;
  readonly lhs: Term;
  readonly rhs: Term;
  /** Steps building the right side (empty when it is a bare variable). */
  readonly steps: readonly BuildStep[];
  /** For a bare-variable right side, the variable's index. */
  readonly rhsVariable: number;
  readonly conditions: readonly CompiledCondition[];
  readonly justification: Justification;
}

/** Options of {@link compileRewrites}. */
export interface CompileRewritesOptions {
  /** What condition predicates mean on classes; {@link builtinClassPredicates} by default. */
  readonly predicates?: ClassPredicateRegistry;
}

function ruleError(rule: Rule, reason: string): DsatError {
  const message = `rule '${rule.name}': ${reason}`;
  return rule.origin
    ? new RuleFileError(message, rule.origin.file, rule.origin.position)
    : new DsatError(message);
}

/**
 * Compiles rules for the e-graph. Fails (a `RuleFileError` when the rule has an origin) on
 * a right side or condition using a variable the left side never binds, and on a condition
 * whose predicate has no class-level meaning in `predicates`.
 *
 * @example
 * ```ts
 * const rewrites = compileRewrites(theory.ruleSets.algebra!);
 * rewrites.map((r) => r.name); // ["comm-add", "zero-add", "zero-add-rev", …]
 * ```
 */
export function compileRewrites(
  rules: RuleSet | readonly Rule[],
  options: CompileRewritesOptions = {},
): Rewrite[] {
  const list = "rules" in rules ? (rules as RuleSet).rules : (rules as readonly Rule[]);
  const predicates = options.predicates ?? builtinClassPredicates;
  const rewrites: Rewrite[] = [];
  for (const rule of list) {
    rewrites.push(compileDirection(rule, rule.lhs, rule.rhs, false, predicates));
    if (rule.direction === "<=>") rewrites.push(compileDirection(rule, rule.rhs, rule.lhs, true, predicates));
  }
  return rewrites;
}

function compileDirection(
  rule: Rule,
  lhs: Term,
  rhs: Term,
  reversed: boolean,
  predicates: ClassPredicateRegistry,
): Rewrite {
  const name = reversed ? `${rule.name}-rev` : rule.name;
  const searcher = compilePattern(lhs);
  const variableIndex = new Map(searcher.variables.map((v, i) => [v, i]));
  const indexOf = (t: Term, where: string): number => {
    const index = variableIndex.get((t as { name: string }).name);
    if (index === undefined) {
      throw ruleError(
        rule,
        `${where} uses ${(t as { name: string }).name}, which the ${reversed ? "right" : "left"} side does not bind`,
      );
    }
    return index;
  };

  const steps: BuildStep[] = [];
  let rhsVariable = -1;
  if (isPatternVariable(rhs)) {
    rhsVariable = indexOf(rhs, reversed ? "the left side" : "the right side");
  } else {
    const stepOf = new Map<number, number>();
    for (const t of postorder(rhs)) {
      if (isPatternVariable(t)) continue;
      const children = t.kind === "app" ? t.args : [];
      const refs = new Int32Array(children.length);
      children.forEach((child, i) => {
        refs[i] = isPatternVariable(child)
          ? -(indexOf(child, reversed ? "the left side" : "the right side") + 1)
          : stepOf.get(child.id)!;
      });
      stepOf.set(t.id, steps.length);
      steps.push({
        operator: t.kind === "app" ? t.op : undefined,
        leaf: t.kind === "app" ? undefined : t,
        children: refs,
      });
    }
  }

  const conditions = rule.conditions.map((condition): CompiledCondition => {
    const predicate = predicates.get(condition.predicate);
    if (predicate === undefined) {
      throw ruleError(
        rule,
        `condition '${condition.predicate}' has no meaning on e-classes (known: ${[...predicates.keys()].sort().join(", ")})`,
      );
    }
    if (predicate.arity !== condition.args.length) {
      throw ruleError(
        rule,
        `condition '${condition.predicate}' takes ${predicate.arity} argument(s), got ${condition.args.length}`,
      );
    }
    const grounds: Term[] = [];
    const args = new Int32Array(condition.args.length);
    const terms: (Term | undefined)[] = [];
    condition.args.forEach((arg, i) => {
      if (isPatternVariable(arg)) {
        args[i] = indexOf(arg, `condition '${condition.predicate}'`);
        terms.push(undefined);
      } else if (isGround(arg)) {
        args[i] = -(grounds.length + 1);
        grounds.push(arg);
        terms.push(arg);
      } else {
        throw ruleError(
          rule,
          `condition '${condition.predicate}' takes variables or ground terms, not patterns`,
        );
      }
    });
    return { predicate, args, grounds, terms };
  });

  return Object.freeze({
    name,
    rule,
    reversed,
    searcher,
    lhs,
    rhs,
    steps,
    rhsVariable,
    conditions,
    justification: Object.freeze({ kind: "rule", rule: name }) as Justification,
  });
}

/**
 * Applies `rewrite` to each match in `matches`: checks the conditions on the current
 * classes, builds the right side and unions it with the matched class. Returns how many
 * applications changed the e-graph (merged two different classes).
 */
export class Applier {
  private values = new Int32Array(16);
  private children = new Int32Array(8);
  /** Argument buffers by arity, reused for every condition check. */
  private readonly argBuffers: Int32Array[] = [];

  apply<D>(egraph: EGraph<D>, rewrite: Rewrite, matches: MatchList): number {
    const steps = rewrite.steps;
    const heads = new Int32Array(steps.length);
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!;
      heads[s] =
        step.operator === undefined
          ? egraph.heads.leaf(step.leaf as Term & { kind: "sym" | "num" })
          : egraph.heads.operator(step.operator, step.children.length);
    }
    if (this.values.length < steps.length) this.values = new Int32Array(steps.length * 2);
    const groundClasses = rewrite.conditions.map((c) => c.grounds.map((g) => egraph.lookup(g) ?? -1));
    const values = this.values;
    const stride = matches.stride;
    const data = matches.data;
    let changed = 0;
    for (let m = 0; m < matches.length; m++) {
      const base = m * stride;
      if (!this.conditionsHold(egraph, rewrite, data, base, groundClasses)) continue;
      let result: number;
      if (steps.length === 0) {
        result = data[base + 1 + rewrite.rhsVariable]!;
      } else {
        for (let s = 0; s < steps.length; s++) {
          const refs = steps[s]!.children;
          const arity = refs.length;
          if (arity > this.children.length) this.children = new Int32Array(arity * 2);
          const children = this.children;
          for (let i = 0; i < arity; i++) {
            const ref = refs[i]!;
            children[i] = ref >= 0 ? values[ref]! : data[base - ref]!; // -(v + 1) → base + 1 + v
          }
          values[s] = egraph.addNode(heads[s]!, children, arity);
        }
        result = values[steps.length - 1]!;
      }
      if (egraph.union(data[base]!, result, rewrite.justification)) changed++;
    }
    return changed;
  }

  private conditionsHold<D>(
    egraph: EGraph<D>,
    rewrite: Rewrite,
    data: Int32Array,
    base: number,
    groundClasses: number[][],
  ): boolean {
    const conditions = rewrite.conditions;
    for (let c = 0; c < conditions.length; c++) {
      const condition = conditions[c]!;
      const refs = condition.args;
      let args = this.argBuffers[refs.length];
      if (args === undefined) {
        args = new Int32Array(refs.length);
        this.argBuffers[refs.length] = args;
      }
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i]!;
        args[i] = ref >= 0 ? egraph.find(data[base + 1 + ref]!) : groundClasses[c]![-ref - 1]!;
      }
      if (!condition.predicate.holds(egraph, args, condition.terms)) return false;
    }
    return true;
  }
}
