// The generators moved into the library (`dsat/testing`); dsat's own tests use the same ones.
import type { Term } from "../../src/term/term.js";

export {
  environmentArbitrary,
  smallFractionArbitrary,
  smallIntegerArbitrary,
  type TermArbitraryOptions,
  termArbitrary,
} from "../../src/testing/arbitraries.js";

/**
 * Whether every power in `t` has a number exponent of size at most `max` (integers only
 * when `integers` is set): exact evaluation of such a term stays small.
 */
export function hasSmallPowers(t: Term, max: number, integers = false): boolean {
  const stack: Term[] = [t];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s.kind !== "app") continue;
    if (s.op === "^") {
      const e = s.args[1]!;
      if (e.kind !== "num" || Math.abs(e.value.toNumber()) > max || (integers && !e.value.isInteger()))
        return false;
    }
    stack.push(...s.args);
  }
  return true;
}
