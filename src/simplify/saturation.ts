import type { RuleSet } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import type { CostFunction } from "./cost.js";

/** Limits of one saturation run. */
export interface SaturationLimits {
  /** Stop when the e-graph has more e-nodes than this. */
  readonly nodeLimit: number;
  /** Stop after this many iterations (rounds of matching every rule, then rebuilding). */
  readonly iterLimit: number;
  /** Stop after this many milliseconds. */
  readonly timeLimitMs: number;
}

/** Why saturation stopped. */
export type StopReason = "saturated" | "iteration-limit" | "node-limit" | "time-limit" | "skipped";

export interface SaturationOptions extends SaturationLimits {
  readonly theory: Theory;
  readonly ruleSets: readonly RuleSet[];
  readonly cost: CostFunction;
}

export interface SaturationResult {
  readonly term: Term | undefined;
  readonly stopReason: StopReason;
  readonly iterations: number;
  readonly nodes: number;
  readonly classes: number;
}

/** Placeholder until the e-graph runner lands: saturation is skipped. */
export function saturate(_seeds: readonly Term[], _options: SaturationOptions): SaturationResult {
  return { term: undefined, stopReason: "skipped", iterations: 0, nodes: 0, classes: 0 };
}
