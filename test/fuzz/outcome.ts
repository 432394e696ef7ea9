/**
 * What one fuzzer input came to. `ok` and `typed-error` are the good outcomes (a typed error is
 * a documented refusal: a syntax error, an unknown operator, a limit); `known` is a failure
 * already filed (see known-issues.ts); the rest are failures.
 */
export type OutcomeKind =
  | "ok"
  | "typed-error"
  | "known"
  | "crash"
  | "wrong-number"
  | "wrong-roundtrip"
  | "hang"
  | "memory";

export interface Outcome {
  readonly kind: OutcomeKind;
  /** For a typed error its class and stage; for a failure what went wrong; for `known` the item. */
  readonly detail: string;
}

export const FAILURE_KINDS: ReadonlySet<OutcomeKind> = new Set([
  "crash",
  "wrong-number",
  "wrong-roundtrip",
  "hang",
  "memory",
]);

export function isFailure(outcome: Outcome): boolean {
  return FAILURE_KINDS.has(outcome.kind);
}
