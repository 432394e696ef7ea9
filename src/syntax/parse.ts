import type { Term } from "../term/term.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";
import { parseInfix } from "./infix-parser.js";
import { parseSExpr } from "./sexpr-parser.js";
import { declaredOperator, isWordSymbol, syntaxTableOf } from "./syntax-table.js";

/** The input syntaxes: conventional infix notation, or S-expressions. */
export type InputSyntax = "infix" | "sexpr";

/** Options for {@link parseExpression}. */
export interface ParseOptions extends TheoryOption {
  /** Which syntax the text is in; `"auto"` (the default) decides with {@link detectSyntax}. */
  readonly from?: "auto" | InputSyntax;
  /** Named in error messages (`file:line:col`). */
  readonly file?: string;
}

/** Space, tab, newline, carriage return. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Which syntax `text` is written in. It is an S-expression when, after leading blanks, it is
 * `(`, optional blanks, then an operator name the theory declares (or `-`) followed by a blank,
 * `)` or the end of the text: `(+ x 1)`, `(sin x)`, `(- x)`, `( * 2 x)`. Everything else is
 * infix, including `(x + 1)`, `(sin(x))` and `(-x)`: there the first thing inside the
 * parenthesis is an operand, a call, or a prefix minus written against its operand. So is
 * `(d + x)*2`, where an operator symbol follows the name: there the name is a variable.
 *
 * The rule never misreads the output of the printers: the `parens` style writes `(-x)` and
 * `(x+1)`, never `(- x)` or `(+ …`.
 *
 * @example
 * ```ts
 * detectSyntax("(* 2 x)", { theory: baseTheory }); // "sexpr"
 * detectSyntax("(2*x)", { theory: baseTheory });   // "infix"
 * ```
 */
export function detectSyntax(text: string, options: TheoryOption = {}): InputSyntax {
  const theory = theoryOrDefault(options.theory);
  const OPEN = 40;
  const CLOSE = 41;
  let i = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== OPEN) return "infix";
  i++;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  const start = i;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isBlank(code) || code === OPEN || code === CLOSE) break;
  }
  const head = text.slice(start, i);
  if (head === "" || (head !== "-" && declaredOperator(theory, head) === undefined)) return "infix";
  if (!(i === text.length || text.charCodeAt(i) === CLOSE || isBlank(text.charCodeAt(i)))) return "infix";
  return isWordSymbol(head) && operatorFollows(text, i, theory) ? "infix" : "sexpr";
}

/**
 * Whether a binary operator symbol such as `+` or `*` comes next after `from` (past blanks): in
 * `(d + x)*2` the operator's name `d` is a variable, since an S-expression never has a symbol
 * alone as an argument (a signed number such as `-3` is one, so a digit after it does not count).
 * A binary word symbol counts too: a variable named like one prints quoted in an S-expression.
 */
function operatorFollows(text: string, from: number, theory: Theory): boolean {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  const table = syntaxTableOf(theory);
  // A binary word symbol (`xor` in `(max xor y)`): a variable so named prints quoted, `'xor'`.
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 64))?.[0];
  if (word !== undefined) return table.binary.has(word);
  const symbols = table.punctuationSymbolsByFirstCode.get(text.charCodeAt(i)) ?? [];
  const symbol = symbols.find((s) => text.startsWith(s, i));
  if (symbol === undefined) return false;
  const after = text.charCodeAt(i + symbol.length);
  const DIGIT_0 = 48;
  const DIGIT_9 = 57;
  const DOT = 46;
  return !((after >= DIGIT_0 && after <= DIGIT_9) || after === DOT);
}

/**
 * Parses an expression in infix or S-expression syntax (detected unless `from` says which).
 * This is the one entry point the CLI and the library use to read expressions.
 *
 * @example
 * ```ts
 * parseExpression("x^2 + 1", { theory: baseTheory });     // infix
 * parseExpression("(+ (^ x 2) 1)", { theory: baseTheory }); // the same term
 * ```
 */
export function parseExpression(text: string, options: ParseOptions = {}): Term {
  const theory = theoryOrDefault(options.theory);
  const from =
    options.from === undefined || options.from === "auto" ? detectSyntax(text, { theory }) : options.from;
  // Only the theory and file: nothing else a caller passes reaches the parsers.
  const file = options.file === undefined ? {} : { file: options.file };
  if (from === "infix") return parseInfix(text, { theory, ...file });
  return parseSExpr(text, {
    theory,
    ...file,
  });
}
