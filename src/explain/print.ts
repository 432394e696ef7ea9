import { type Proof, type ProofStep, subtermAt } from "../egraph/explain-types.js";
import { instantiate, match } from "../rewrite/match.js";
import { FOLD_CONSTANTS } from "../rewrite/normalize.js";
import { type OutputFormat, PrintBudget } from "../syntax/print.js";
import type { Term } from "../term/term.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";
import { findRule } from "./check.js";

/**
 * Proofs as text, one line per term:
 *
 * ```text
 *   1*x + x*1
 * = x + x*1      mul-one-left    1*x → x
 * = x + x        mul-one-right   x*1 → x
 * = 2*x          add-same        x + x → 2*x
 * ```
 *
 * Each step names its rule (with `(backward)` when it is read right to left, and the
 * conditions that allowed it, instantiated) and shows the subterm it rewrote.
 */

/** Options of {@link formatProof}. */
export interface FormatProofOptions extends TheoryOption {
  /** How terms are written (default infix). */
  readonly format?: OutputFormat;
  /** Prefix of every line (default none). */
  readonly indent?: string;
  /** Most nodes all its terms together may print (default `DEFAULT_MAX_PRINTED_NODES`); past it, a `LimitError`. */
  readonly maxNodes?: number;
}

/** Terms wider than this do not widen the term column (their annotation follows after two spaces). */
const MAX_TERM_COLUMN = 48;

/**
 * The proof as lines of text; see the file comment for the layout.
 *
 * @example
 * ```ts
 * console.log(formatProof(proof, { theory }));
 * ```
 */
export function formatProof(proof: Proof, options: FormatProofOptions = {}): string {
  const theory = theoryOrDefault(options.theory);
  const format = options.format ?? "infix";
  const indent = options.indent ?? "";
  const budget = new PrintBudget("the proof", options.maxNodes);
  const show = (t: Term) => budget.print(t, { format, theory });
  const terms = [show(proof.start), ...proof.steps.map((s) => show(s.term))];
  const labels: string[] = [];
  const changes: string[] = [];
  let previous = proof.start;
  for (const step of proof.steps) {
    labels.push(stepLabel(previous, step, theory, show));
    const before = subtermAt(previous, step.position)!;
    const after = subtermAt(step.term, step.position)!;
    changes.push(`${show(before)} → ${show(after)}`);
    previous = step.term;
  }
  const termWidth = Math.min(MAX_TERM_COLUMN, Math.max(...terms.map((t) => t.length)));
  const labelWidth = Math.max(0, ...labels.map((l) => l.length));
  const lines = [`${indent}  ${terms[0]}`];
  for (let i = 0; i < proof.steps.length; i++) {
    const term = terms[i + 1]!;
    lines.push(
      `${indent}= ${term.padEnd(termWidth)}  ${labels[i]!.padEnd(labelWidth)}  ${changes[i]}`.trimEnd(),
    );
  }
  return lines.join("\n");
}

/** The rule's name, its direction and the conditions that allowed the step. */
function stepLabel(previous: Term, step: ProofStep, theory: Theory, show: (t: Term) => string): string {
  if (step.kind === "fold")
    return step.direction === "forward" ? FOLD_CONSTANTS : `${FOLD_CONSTANTS} (backward)`;
  if (step.kind === "given") return "given";
  if (step.kind === "algebra") {
    const cancelled = step.cancelled ?? [];
    if (cancelled.length === 0) return step.rule ?? "?";
    return `${step.rule ?? "?"} ${cancelled.map(show).join(", ")}, nonzero where the input is defined`;
  }
  const name = `${step.rule ?? "?"}${step.direction === "backward" ? " (backward)" : ""}`;
  const rule = findRule(theory, step.ruleSet, step.rule);
  if (rule === undefined || rule.conditions.length === 0) return name;
  const before = subtermAt(previous, step.position)!;
  const after = subtermAt(step.term, step.position)!;
  const substitution = match(rule.lhs, step.direction === "backward" ? after : before);
  if (substitution === undefined) return name;
  const conditions = rule.conditions.map(
    (c) => `${c.predicate}(${c.args.map((arg) => show(instantiate(arg, substitution))).join(", ")})`,
  );
  return `${name}, ${conditions.join(", ")}`;
}
