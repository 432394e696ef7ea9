import { defaultTheory } from "../../src/default-theory.js";
import type { Theory } from "../../src/theory.js";
import { checkInput } from "./check.js";
import { type FuzzInput, generateInput } from "./generate.js";
import { knownFailure, knownHang } from "./known-issues.js";
import type { Outcome } from "./outcome.js";
import { Random } from "./random.js";

/** Input `index` of the run with `seed`, and what it came to: one step of every fuzzer run. */

let theory: Theory | undefined;

/** The input number `index` of a run with `seed`. */
export function inputAt(seed: number, index: number): { input: FuzzInput; random: Random } {
  const random = Random.forInput(seed, index);
  return { input: generateInput(random), random };
}

/** Generates input `index` of the run with `seed` and checks it. */
export async function runOne(seed: number, index: number): Promise<{ input: FuzzInput; outcome: Outcome }> {
  theory ??= defaultTheory();
  const { input, random } = inputAt(seed, index);
  const hang = knownHang(input, theory);
  if (hang !== undefined) return { input, outcome: { kind: "known", detail: hang } };
  const outcome = await checkInput(input, theory, random);
  const known = knownFailure(input, outcome);
  return { input, outcome: known === undefined ? outcome : { kind: "known", detail: known } };
}
