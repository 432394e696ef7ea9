import { DsatError, LimitError } from "../errors.js";
import { app, type Term, withArgs } from "../term/term.js";
import type { ClassId, EGraph } from "./egraph.js";
import { EDGE_CONGRUENCE, EDGE_FOLD, EDGE_RULE, type ProofForest } from "./explain.js";
import { type Hop, ProofRoutes } from "./explain-routes.js";
import { type Proof, type ProofStep, type StepDirection, subtermAt } from "./explain-types.js";

/**
 * Proof production: the route between two equal ids (see explain-routes.ts), flattened into
 * whole terms, one rewrite per step (egg's flat explanations). A congruence hop becomes the
 * proofs of its children, each at its argument position; a fold hop the proofs that its
 * operands equal their literals, then the fold itself. Iterative, with an explicit stack of
 * pending work, so deep terms need no deep recursion.
 */

/** Options of {@link explainEquivalence}. */
export interface ProofOptions {
  /** Most steps a proof may have before a `LimitError` (default 100,000). */
  readonly maxSteps?: number;
  /** Search for shorter routes than the proof forest's (default true). */
  readonly shortest?: boolean;
}

/** Argument positions as a linked list from the innermost index up, shared between tasks. */
interface PositionLink {
  readonly index: number;
  readonly parent: PositionLink | undefined;
}

type Task =
  | {
      readonly kind: "explain";
      readonly a: ClassId;
      readonly b: ClassId;
      readonly at: PositionLink | undefined;
    }
  | { readonly kind: "hop"; readonly hop: Hop; readonly at: PositionLink | undefined }
  | {
      readonly kind: "fold";
      readonly source: ClassId;
      readonly literal: ClassId;
      readonly direction: StepDirection;
      readonly at: PositionLink | undefined;
    };

/**
 * The proof that the terms of `a` and `b` are equal, from `a`'s term to `b`'s. See
 * `EGraph.explainEquivalence`.
 */
export function explainEquivalence(
  egraph: EGraph<unknown>,
  a: ClassId,
  b: ClassId,
  options: ProofOptions = {},
): Proof {
  const forest = egraph.explanations;
  if (forest === undefined) {
    throw new DsatError("cannot explain: the e-graph was made without explanations ({ explanations: true })");
  }
  if (egraph.find(a) !== egraph.find(b)) {
    throw new DsatError("cannot explain: the two terms are not equal in the e-graph");
  }
  const maxSteps = options.maxSteps ?? 100_000;
  const routes = new ProofRoutes(egraph, forest, options.shortest === false ? 0 : undefined);
  const start = forest.termOf(a);
  const steps: ProofStep[] = [];
  let current: Term = start;

  const emit = (
    at: PositionLink | undefined,
    before: Term,
    after: Term,
    step: Omit<ProofStep, "position" | "term">,
  ): void => {
    const position = positionOf(at);
    if (subtermAt(current, position) !== before) {
      throw new DsatError("internal error: an explanation step does not start where the last one ended");
    }
    if (steps.length >= maxSteps) {
      throw new LimitError("size", `the explanation has more than ${maxSteps} steps`);
    }
    current = replaceAt(current, position, after);
    steps.push({ ...step, position, term: current });
  };

  const tasks: Task[] = [{ kind: "explain", a, b, at: undefined }];
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if (task.kind === "explain") {
      const hops = routes.route(task.a, task.b);
      for (let i = hops.length - 1; i >= 0; i--) tasks.push({ kind: "hop", hop: hops[i]!, at: task.at });
      continue;
    }
    if (task.kind === "fold") {
      const folded = forest.termOf(task.literal);
      const unfolded = operandsAsLiterals(forest, task.source);
      const forward = task.direction === "forward";
      emit(task.at, forward ? unfolded : folded, forward ? folded : unfolded, {
        kind: "fold",
        direction: task.direction,
      });
      continue;
    }
    const { hop, at } = task;
    const kind = hop.edge < 0 ? EDGE_CONGRUENCE : forest.edgeKind(hop.edge);
    if (kind === EDGE_CONGRUENCE) {
      for (let i = forest.arity(hop.from) - 1; i >= 0; i--) {
        tasks.push({
          kind: "explain",
          a: forest.child(hop.from, i),
          b: forest.child(hop.to, i),
          at: { index: i, parent: at },
        });
      }
    } else if (kind === EDGE_FOLD) {
      const source = forest.edgeFrom(hop.edge);
      const literal = forest.edgeTo(hop.edge);
      const literals = forest.operandLiterals(source);
      if (hop.from === source) {
        // Operands to their literals, then fold.
        tasks.push({ kind: "fold", source, literal, direction: "forward", at });
        for (let i = literals.length - 1; i >= 0; i--) {
          tasks.push({
            kind: "explain",
            a: forest.child(source, i),
            b: literals[i]!,
            at: { index: i, parent: at },
          });
        }
      } else {
        // Unfold, then literals back to the operands.
        for (let i = literals.length - 1; i >= 0; i--) {
          tasks.push({
            kind: "explain",
            a: literals[i]!,
            b: forest.child(source, i),
            at: { index: i, parent: at },
          });
        }
        tasks.push({ kind: "fold", source, literal, direction: "backward", at });
      }
    } else {
      const before = forest.termOf(hop.from);
      const after = forest.termOf(hop.to);
      const reason = forest.edgeReason(hop.edge);
      const alongEdge = hop.from === forest.edgeFrom(hop.edge);
      if (kind === EDGE_RULE && reason.kind === "rule") {
        const reversed = reason.reversed === true;
        emit(at, before, after, {
          kind: "rule",
          rule: reason.definition?.name ?? reason.rule,
          ...(reason.ruleSet === undefined ? {} : { ruleSet: reason.ruleSet }),
          direction: alongEdge !== reversed ? "forward" : "backward",
        });
      } else {
        emit(at, before, after, { kind: "given", direction: alongEdge ? "forward" : "backward" });
      }
    }
  }
  if (current !== forest.termOf(b)) {
    throw new DsatError("internal error: an explanation does not end at the term asked for");
  }
  return { start, steps };
}

/** `source`'s operator applied to the literals its operands equal. */
function operandsAsLiterals(forest: ProofForest, source: ClassId): Term {
  const term = forest.termOf(source);
  const literals = forest.operandLiterals(source);
  if (term.kind !== "app" || literals.some((l) => l < 0)) {
    throw new DsatError("internal error: a folded e-node has an operand without a constant");
  }
  return app(
    term.op,
    literals.map((l) => forest.termOf(l)),
  );
}

function positionOf(at: PositionLink | undefined): number[] {
  const position: number[] = [];
  for (let link = at; link !== undefined; link = link.parent) position.push(link.index);
  return position.reverse();
}

/** `term` with the subterm at `position` replaced by `replacement` (iterative). */
export function replaceAt(term: Term, position: readonly number[], replacement: Term): Term {
  const spine: Term[] = [term];
  for (const index of position) {
    const parent = spine[spine.length - 1]!;
    if (parent.kind !== "app") throw new DsatError("internal error: a proof position leaves the term");
    spine.push(parent.args[index]!);
  }
  let result = replacement;
  for (let k = position.length - 1; k >= 0; k--) {
    const parent = spine[k] as Term & { kind: "app" };
    const args = parent.args.slice();
    args[position[k]!] = result;
    result = withArgs(parent, args);
  }
  return result;
}
