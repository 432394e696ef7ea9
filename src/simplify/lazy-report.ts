import type { DomainFact } from "../rules/domain-facts.js";
import type { StopReason } from "./saturation.js";
import type { ResultSource, SimplifyReport } from "./simplify.js";

/**
 * A {@link SimplifyReport} whose `conditions` are worked out when first read (most callers never
 * read them), yet an own enumerable property like the others, in the same place, so that JSON
 * and structured clones (a batch worker's records) carry them as they would a plain object's.
 *
 * Made for every simplification: an object literal with a getter cost about 3% of a simplified
 * derivative (V8 makes such a literal the slow way each time), where defining the property with
 * one shared descriptor keeps the objects alike.
 */
export class LazySimplifyReport implements SimplifyReport {
  declare readonly stopReason: StopReason;
  declare readonly iterations: number;
  declare readonly nodes: number;
  declare readonly classes: number;
  declare readonly inputSize: number;
  declare readonly outputSize: number;
  declare readonly source: ResultSource;
  declare readonly conditions: readonly DomainFact[];
  declare readonly timeMs: SimplifyReport["timeMs"];
  /** The conditions once read; until then, how to work them out. */
  #conditions: readonly DomainFact[] | (() => readonly DomainFact[]);

  static readonly #descriptor: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: LazySimplifyReport): readonly DomainFact[] {
      const known = this.#conditions;
      if (typeof known !== "function") return known;
      const conditions = known();
      this.#conditions = conditions;
      return conditions;
    },
  };

  constructor(
    fields: Omit<SimplifyReport, "conditions" | "timeMs">,
    conditions: () => readonly DomainFact[],
    timeMs: SimplifyReport["timeMs"],
  ) {
    this.#conditions = conditions;
    // Assigned in the order of a plain report's keys, which JSON keeps.
    const self = this as { -readonly [K in keyof SimplifyReport]: SimplifyReport[K] };
    self.stopReason = fields.stopReason;
    self.iterations = fields.iterations;
    self.nodes = fields.nodes;
    self.classes = fields.classes;
    self.inputSize = fields.inputSize;
    self.outputSize = fields.outputSize;
    self.source = fields.source;
    Object.defineProperty(this, "conditions", LazySimplifyReport.#descriptor);
    self.timeMs = timeMs;
  }
}
