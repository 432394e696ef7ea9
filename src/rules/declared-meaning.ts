import type { OperatorSpec } from "../term/operator.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import type { JsFunction } from "./js-functions.js";

/** Where an operator declared in a rules file gets its numeric meaning from. */
export type DeclaredMeaning =
  | { readonly kind: "eval"; readonly definition: Term; readonly theory: Theory }
  | { readonly kind: "js"; readonly name: string; readonly fn: JsFunction };

/** Keyed by the `evaluate` closure, which a redeclaration that keeps the meaning carries over. */
const declaredMeanings = new WeakMap<object, DeclaredMeaning>();

/** Records that the closure `evaluate`, made for a declaration, means `meaning`. */
export function recordMeaning(evaluate: object, meaning: DeclaredMeaning): void {
  declaredMeanings.set(evaluate, meaning);
}

/**
 * The `:eval` definition or `:js` function behind `spec`'s numeric meaning, when `spec` was
 * declared in a rules file; `undefined` for base operators and operators built in code.
 * The compiler uses it to inline definitions and call registered functions directly; a
 * redeclaration is checked against it (`declaration-takeover.ts`).
 */
export function declaredMeaningOf(spec: OperatorSpec): DeclaredMeaning | undefined {
  return spec.evaluate === undefined ? undefined : declaredMeanings.get(spec.evaluate);
}
