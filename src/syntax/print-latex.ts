import type { App, Num, Term } from "../term/term.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";
import { type LeftSpine, startsWithPrefix } from "./leading-prefix.js";
import { type MaxNodesOption, requirePrintable } from "./print-size.js";
import {
  ATOM_SHAPE,
  declaredOperator,
  type OperandShape,
  pushOperand,
  type SyntaxTable,
  syntaxTableOf,
  wrapsByPrecedence,
  writtenApplication,
} from "./syntax-table.js";

/**
 * Prints a term as LaTeX math for typesetting (KaTeX, MathJax, a paper): `/` as `\frac{a}{b}`,
 * powers with braced exponents `x^{2}`, `*` as `\cdot`, functions as `\sin\left(x\right)`.
 * Output only: it does not read back.
 *
 * Each operator's spelling comes from its declaration's `latex` (rules files: `:latex "…"`,
 * see docs/rule-language.md). With `#1`, `#2`, … it is a template the arguments are put into,
 * printed as one unit (`\sqrt{#1}`, `\frac{#1}{#2}`); `^` on an infix operator means a power
 * (`{base}^{exponent}`); otherwise it replaces the operator's call name (`\sinh`), infix
 * symbol (`\cdot`) or prefix symbol. An operator with no `latex` is
 * written `\operatorname{name}` for a call and as its symbol, set as text, otherwise.
 *
 * Parentheses follow the infix printer's rules (precedence and associativity), as
 * `\left(…\right)`; a power's base is wrapped unless it is a variable, a nonnegative integer or
 * a call, so `x^{2}^{3}` (a KaTeX error) cannot arise. Variables of one letter print as
 * themselves, Greek names as their letter (`alpha` as `\alpha`), other names in `\mathit{…}`.
 * Iterative: a term nested 100,000 deep prints fine.
 *
 * @example
 * ```ts
 * printLatex(parseExpression("sin(x)^2 / (1 + x)", { theory }), { theory }); // "\\frac{\\sin\\left(x\\right)^{2}}{1 + x}"
 * ```
 */
export function printLatex(term: Term, options: TheoryOption & MaxNodesOption = {}): string {
  requirePrintable(term, options);
  const theory = theoryOrDefault(options.theory);
  return new LatexPrinter(theory, syntaxTableOf(theory)).print(term);
}

/** How a printed term behaves as an operand: like the infix printer's shapes, plus units that a power must wrap. */
type LatexShape = OperandShape | { readonly kind: "unit" };

const UNIT: LatexShape = { kind: "unit" };
const PLACEHOLDER = /#([1-9][0-9]*)/g;

const GREEK = new Set(
  (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon " +
    "phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
  ).split(" "),
);

/** Characters that need escaping in LaTeX text mode, with their escapes. */
const TEXT_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  _: "\\_",
  "^": "\\textasciicircum{}",
  "#": "\\#",
  $: "\\$",
  "%": "\\%",
  "&": "\\&",
  "~": "\\textasciitilde{}",
};

/** `text` safe inside `\text{…}`, `\operatorname{…}` or `\mathit{…}`. */
export function escapeLatexText(text: string): string {
  return text.replace(/[\\{}_^#$%&~]/g, (c) => TEXT_ESCAPES[c]!);
}

/** A variable's name in math: `x`, `\alpha`, `\mathit{rate}`, `\text{x'}`. */
export function latexIdentifier(name: string): string {
  if (/^[A-Za-z]$/.test(name)) return name;
  if (GREEK.has(name)) return `\\${name}`;
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) return `\\mathit{${name}}`;
  return `\\text{${escapeLatexText(name)}}`;
}

/** Whether a LaTeX piece ends in a command word (pieces never split one), so a following letter needs a space. */
function endsInCommandWord(text: string): boolean {
  return /\\[A-Za-z]+$/.test(text);
}

/** `3`, `-3`, `\\frac{1}{3}`, `-\\frac{1}{3}`. */
function latexNumber(n: Num): string {
  const sign = n.value.isNegative() ? "-" : "";
  const magnitude = n.value.abs();
  return magnitude.isInteger()
    ? `${sign}${magnitude.key}`
    : `${sign}\\frac{${magnitude.num}}{${magnitude.den}}`;
}

class LatexPrinter {
  constructor(
    private readonly theory: Theory,
    private readonly table: SyntaxTable,
  ) {}

  /**
   * A variable's name; one named like a declared constant (the variable `'pi'` beside the
   * constant `pi`) in `\mathit`, so that the two never print alike (`\mathit{pi}`, `\pi`).
   */
  private variable(name: string): string {
    if (declaredOperator(this.theory, name)?.arity !== 0) return latexIdentifier(name);
    return `\\mathit{${escapeLatexText(name)}}`;
  }

  print(root: Term): string {
    const pieces: string[] = [];
    // Whether the last piece ends in a command word (`\\cdot`), so a letter after it needs a space.
    let afterCommand = false;
    const write = (piece: string) => {
      if (afterCommand && /^[A-Za-z0-9]/.test(piece)) pieces.push(" ");
      pieces.push(piece);
      afterCommand = endsInCommandWord(piece);
    };
    // What is left to write, last first: text, or a term to print.
    const stack: (Term | string)[] = [root];
    while (stack.length > 0) {
      const item = stack.pop()!;
      if (typeof item === "string") write(item);
      else if (item.kind === "sym") write(this.variable(item.name));
      else if (item.kind === "num") write(latexNumber(item));
      else this.pushApplication(stack, item);
    }
    return pieces.join("");
  }

  /** Pushes the pieces of an application, last first. */
  private pushApplication(stack: (Term | string)[], term: App): void {
    const spec = this.theory.operators[term.op];
    const latex = spec?.latex;
    if (latex?.includes("#")) {
      this.pushTemplate(stack, latex, term.args);
      return;
    }
    if (spec === undefined) {
      this.pushCall(stack, `\\operatorname{${escapeLatexText(term.op)}}`, term.args);
      return;
    }
    const written = writtenApplication(term, this.table);
    const syntax = written.syntax;
    if (syntax.kind === "call") {
      // A named constant is written alone, as a variable would be: `\\pi`, `e`.
      if (term.args.length === 0) stack.push(latex ?? latexIdentifier(syntax.name));
      else this.pushCall(stack, latex ?? `\\operatorname{${escapeLatexText(syntax.name)}}`, term.args);
      return;
    }
    if (syntax.kind === "prefix") {
      const operand = term.args[0]!;
      const symbol =
        latex ??
        (written.wordSymbol
          ? `\\operatorname{${escapeLatexText(syntax.symbol)}}`
          : `\\text{${escapeLatexText(syntax.symbol)}}`);
      const wrap =
        this.startsWithMinus(operand) || this.wrapsPrefixOperand(syntax.precedence, this.shape(operand));
      this.pushOperand(stack, operand, wrap);
      stack.push(symbol);
      return;
    }
    const [left, right] = term.args as [Term, Term];
    const shape = written.shape as OperandShape & { kind: "binary" };
    if (latex === "^") {
      stack.push("}", right, "^{");
      this.pushOperand(stack, left, !this.isPowerBase(left));
      return;
    }
    const symbol =
      latex ??
      (written.wordSymbol
        ? `\\operatorname{${escapeLatexText(syntax.symbol)}}`
        : `\\mathbin{\\text{${escapeLatexText(syntax.symbol)}}}`);
    this.pushOperand(stack, right, this.startsWithMinus(right) || this.wrapsOperand(shape, right, "right"));
    stack.push(` ${symbol} `);
    this.pushOperand(stack, left, this.wrapsOperand(shape, left, "left"));
  }

  private pushCall(stack: (Term | string)[], name: string, args: readonly Term[]): void {
    stack.push("\\right)");
    for (let i = args.length - 1; i >= 0; i--) {
      stack.push(args[i]!);
      if (i > 0) stack.push(", ");
    }
    stack.push(`${name}\\left(`);
  }

  /**
   * `template` with `#k` replaced by argument k, in braces where a script would otherwise take
   * only part of it (`#1^{2}`, `e^#1`); elsewhere the template's own delimiters group it.
   */
  private pushTemplate(stack: (Term | string)[], template: string, args: readonly Term[]): void {
    const pieces: (Term | string)[] = [];
    let last = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      const arg = args[Number(match[1]) - 1];
      if (arg === undefined) continue;
      const end = match.index + match[0].length;
      const scripted =
        "^_".includes(template[match.index - 1] ?? " ") || "^_'".includes(template[end] ?? " ");
      pieces.push(template.slice(last, match.index), ...(scripted ? ["{", arg, "}"] : [arg]));
      last = end;
    }
    pieces.push(template.slice(last));
    for (let i = pieces.length - 1; i >= 0; i--) stack.push(pieces[i]!);
  }

  private pushOperand(stack: (Term | string)[], term: Term, wrap: boolean): void {
    pushOperand(stack, term, wrap, "\\left(", "\\right)");
  }

  private shape(term: Term): LatexShape {
    if (term.kind === "sym") return ATOM_SHAPE;
    if (term.kind === "num") {
      if (term.value.isNegative()) return { kind: "prefix", precedence: this.table.negationPrecedence };
      return term.value.isInteger() ? ATOM_SHAPE : UNIT;
    }
    const latex = this.theory.operators[term.op]?.latex;
    if (latex?.includes("#")) return UNIT;
    if (this.theory.operators[term.op] === undefined) return ATOM_SHAPE;
    return writtenApplication(term, this.table).shape;
  }

  /** A power's base is wrapped unless it is a variable, a nonnegative integer or a call. */
  private isPowerBase(term: Term): boolean {
    return this.shape(term).kind === "atom";
  }

  private wrapsOperand(
    parent: OperandShape & { kind: "binary" },
    child: Term,
    side: "left" | "right",
  ): boolean {
    const shape = this.shape(child);
    return shape.kind !== "unit" && wrapsByPrecedence(parent, shape, side);
  }

  private wrapsPrefixOperand(precedence: number, shape: LatexShape): boolean {
    if (shape.kind === "atom" || shape.kind === "unit") return false;
    return shape.kind === "prefix" || shape.precedence <= precedence;
  }

  /** Whether `root` prints starting with a minus (`-x \cdot y`), so that as a right operand it needs parentheses. */
  private startsWithMinus(root: Term): boolean {
    return startsWithPrefix(root, this.leftSpine);
  }

  private readonly leftSpine: LeftSpine<LatexShape> = {
    shapeOf: (t) => this.shape(t),
    wrapsLeft: (parent, shape) => {
      const left = parent.args[0]!;
      return this.theory.operators[parent.op]?.latex === "^"
        ? !this.isPowerBase(left)
        : this.wrapsOperand(shape as OperandShape & { kind: "binary" }, left, "left");
    },
  };
}
