/**
 * dsat/testing: soundness checks in your own test suite. fast-check arbitraries for terms over
 * a theory's operators and variables and for points inside a term's domain, and
 * `expectRulesSound`, which fails a vitest or jest test with `dsat check`'s shrunk
 * counterexamples. Needs Node (it reads rules files) and fast-check (a dependency of dsat).
 *
 * @example
 * ```ts
 * import { expectRulesSound, termArbitrary } from "dsat/testing";
 * test("my rules are sound", () => { expectRulesSound("my.rules"); });
 * ```
 */

export {
  definedPointArbitrary,
  environmentArbitrary,
  type PointOptions,
  smallFractionArbitrary,
  smallIntegerArbitrary,
  type TermArbitraryOptions,
  termArbitrary,
  termWithPointArbitrary,
} from "./testing/arbitraries.js";
export { expectRulesSound, UnsoundRulesError } from "./testing/rules-sound.js";
