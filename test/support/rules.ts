import type { Condition, Rule } from "../../src/rules/rule.js";
import { parseSExpr } from "../../src/syntax/sexpr-parser.js";
import type { Term } from "../../src/term/term.js";
import { baseTheory } from "../../src/theory.js";

/** A term of the base theory, written as an S-expression. */
export const term = (text: string): Term => parseSExpr(text, { theory: baseTheory });

/** A pattern of the base theory: an S-expression that may use `?x` variables. */
export const pattern = (text: string): Term =>
  parseSExpr(text, { theory: baseTheory, patternVariables: true });

/** A rule built in a test: `=>` by default, `<=>` when `both`. */
export const rule = (
  name: string,
  lhs: string,
  rhs: string,
  conditions: Condition[] = [],
  both = false,
): Rule => ({
  name,
  lhs: pattern(lhs),
  rhs: pattern(rhs),
  direction: both ? "<=>" : "=>",
  conditions,
});
