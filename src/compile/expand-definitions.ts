import { declaredMeaningOf } from "../rules/operator-declaration.js";
import { app, type Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";

/**
 * `term` with every operator declared by an `:eval` definition replaced by that definition,
 * its arguments in place of `?0 … ?n`: `sinh(2*x)` with `sinh` defined as
 * `(/ (- (exp ?0) (exp (neg ?0))) 2)` becomes `(exp(2*x) - exp(-(2*x)))/2`. The result
 * computes the same floating-point values as evaluating `term` (an `:eval` operator is
 * evaluated through its definition), with no per-call interpretation of the definition.
 * Definitions may use operators declared earlier with definitions of their own; those are
 * expanded too. Iterative over `term`, so deep terms are fine.
 */
export function expandDefinitions(term: Term, options: TheoryOption = {}): Term {
  return new DefinitionExpander(theoryOrDefault(options.theory)).expand(term);
}

class DefinitionExpander {
  /** Operator name → its definition, itself expanded (`undefined`: not defined by `:eval`). */
  private readonly definitions = new Map<string, Term | undefined>();

  constructor(private readonly theory: Theory) {}

  expand(root: Term): Term {
    const result = new Map<number, Term>();
    for (const t of postorder(root)) {
      if (t.kind !== "app") {
        result.set(t.id, t);
        continue;
      }
      const args = t.args.map((a) => result.get(a.id)!);
      const definition = this.definitionOf(t.op);
      result.set(t.id, definition === undefined ? app(t.op, args) : substitute(definition, args));
    }
    return result.get(root.id)!;
  }

  private definitionOf(op: string): Term | undefined {
    if (this.definitions.has(op)) return this.definitions.get(op);
    const spec = this.theory.operators[op];
    const meaning = spec === undefined ? undefined : declaredMeaningOf(spec);
    // Marked before expanding, so a (malformed) self-reference cannot loop.
    this.definitions.set(op, undefined);
    const expanded = meaning?.kind === "eval" ? this.expand(meaning.definition) : undefined;
    this.definitions.set(op, expanded);
    return expanded;
  }
}

/** `definition` with `?i` replaced by `args[i]` (a definition is small: a rule-sized pattern). */
function substitute(definition: Term, args: readonly Term[]): Term {
  const result = new Map<number, Term>();
  for (const t of postorder(definition)) {
    if (t.kind === "sym" && t.isPatternVar) result.set(t.id, args[Number(t.name.slice(1))]!);
    else if (t.kind === "app")
      result.set(
        t.id,
        app(
          t.op,
          t.args.map((a) => result.get(a.id)!),
        ),
      );
    else result.set(t.id, t);
  }
  return result.get(definition.id)!;
}
