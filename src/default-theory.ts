import { decodeRuleFiles } from "./rules/shipped-encoding.js";
import { shippedRulesParsed } from "./rules/shipped-rules.js";
import { printInfix } from "./syntax/print-infix.js";
import { printSExpr } from "./syntax/print-sexpr.js";
import { termText } from "./term/term.js";
import { baseTheory, provideDefaultTheory, type Theory } from "./theory.js";

/**
 * The theory dsat uses unless told otherwise: the base operators and predicates plus every
 * `rules/*.rules` file shipped with the package (`diff`, `cleanup`, …), loaded once. The files
 * travel pre-parsed as data (`rules/shipped-rules.ts`, generated from them), so neither a file
 * system nor the rules parser's checks are needed at start.
 */

/** The folder name the shipped rules' origins carry: `rules/diff.rules:12` (the generator writes it). */
export const SHIPPED_RULES_FOLDER = "rules";

let cached: Theory | undefined;

// String(term) and console.log(term) show infix in the default theory's notation; a term it
// cannot print (an operator of another theory) shows as its S-expression.
termText.infix = (t) => {
  try {
    return printInfix(t, { theory: defaultTheory() });
  } catch {
    return printSExpr(t);
  }
};

/**
 * `baseTheory` plus the package's rules files. Cached: built once.
 *
 * @example
 * ```ts
 * const theory = defaultTheory();
 * Object.keys(theory.ruleSets); // ["cleanup", "diff", …]
 * ```
 */
export function defaultTheory(): Theory {
  cached ??= decodeRuleFiles(baseTheory, shippedRulesParsed);
  return cached;
}

provideDefaultTheory(defaultTheory);
