import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";

/**
 * A term as a function of its variables without generated code, for environments that forbid
 * `new Function` (a Content-Security-Policy without `'unsafe-eval'`). The DAG becomes a list of
 * steps, one per distinct operation, each calling its operator's `evaluate` on values held in a
 * `Float64Array`: the same calls `evaluate` makes, so the results are the same, bit for bit,
 * without a walk or a map lookup per call. Called by `compile` after `compileSource` has
 * checked the variables and operators.
 */

interface Step {
  readonly evaluate: (args: readonly number[]) => number;
  readonly from: Int32Array;
  readonly to: number;
  /** Reused argument array (the steps run one at a time). */
  readonly args: number[];
}

/** See the module comment. `term`'s variables must all be in `variables`; its operators must evaluate. */
export function closureFunction(
  term: Term,
  variables: readonly string[],
  theory: Theory,
): (...args: number[]) => number {
  const slots = new Map<number, number>();
  const constants: [number, number][] = [];
  const parameters: [number, number][] = [];
  const steps: Step[] = [];
  for (const t of postorder(term)) {
    const slot = slots.size;
    slots.set(t.id, slot);
    if (t.kind === "num") constants.push([slot, t.value.toNumber()]);
    else if (t.kind === "sym") parameters.push([slot, variables.indexOf(t.name)]);
    else {
      steps.push({
        evaluate: theory.operators[t.op]!.evaluate!,
        from: Int32Array.from(t.args, (a) => slots.get(a.id)!),
        to: slot,
        args: new Array<number>(t.args.length).fill(0),
      });
    }
  }
  const size = slots.size;
  const result = slots.get(term.id)!;
  return (...args: number[]): number => {
    const values = new Float64Array(size);
    for (const [slot, value] of constants) values[slot] = value;
    // A missing argument is undefined, which a Float64Array stores as NaN, as the generated code computes.
    for (const [slot, index] of parameters) values[slot] = args[index] as number;
    for (const step of steps) {
      const stepArgs = step.args;
      for (let i = 0; i < stepArgs.length; i++) stepArgs[i] = values[step.from[i]!]!;
      values[step.to] = step.evaluate(stepArgs);
    }
    return values[result]!;
  };
}
