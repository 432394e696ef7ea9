import { formatDomainFact } from "../rules/domain-facts.js";
import type { Theory } from "../theory.js";
import type { SimplifyReport } from "./simplify.js";

/**
 * A simplifier's report as plain data: its validity conditions printed (`x ≠ 0`) instead of
 * terms, so it survives `JSON.stringify` (rational constants hold bigints) and a message to a
 * worker thread (a copied term is no longer the hash-consed one).
 */
export type PrintedReport = Omit<SimplifyReport, "conditions"> & {
  /** Where the result is valid, as `formatDomainFact` prints each condition. */
  readonly conditions: readonly string[];
};

/**
 * `report` with its conditions printed in `theory`'s syntax.
 *
 * @example
 * ```ts
 * const { report } = simplify(parseExpression("x/x"));
 * printedReport(report).conditions; // ["x ≠ 0"]
 * ```
 */
export function printedReport(report: SimplifyReport, theory?: Theory): PrintedReport {
  return { ...report, conditions: report.conditions.map((c) => formatDomainFact(c, { theory })) };
}
