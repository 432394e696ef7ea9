/**
 * Whether this JavaScript environment lets dsat turn generated source into functions. A page
 * whose Content-Security-Policy lacks `'unsafe-eval'`, or Node run with
 * `--disallow-code-generation-from-strings`, makes `new Function` throw; the e-matcher and
 * `compile` then use their interpreted forms, which compute the same results.
 */

let allowed: boolean | undefined;

/** Probed once, on first use: `new Function` either works or throws an `EvalError`. */
export function codeGenerationAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function("return 1;")() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}
