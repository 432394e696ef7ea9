import { Precedence } from "../term/operator.js";
import type { App, Term } from "../term/term.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
import { type LeftSpine, startsWithPrefix } from "./leading-prefix.js";
import { type MaxNodesOption, requirePrintable } from "./print-size.js";
import {
  ATOM_SHAPE,
  type OperandShape,
  pushOperand,
  type SyntaxTable,
  syntaxTableOf,
  variableSpelling,
  wrapsByPrecedence,
  writtenApplication,
} from "./syntax-table.js";
import { TextChunks } from "./text-chunks.js";

/**
 * Prints a term in conventional notation with as few parentheses as reading it back needs:
 * `2*x + y`, `x - (y - z)`, `(x + 1)^2`, `-x^2`, `sin(x)^2`, `d(x, x^2)`.
 *
 * - Binary operators of sum precedence or lower (and word symbols such as `mod`) have blanks
 *   around them; `*`, `/`, `^` do not.
 * - A child is parenthesised when its precedence is lower than its parent's, or equal on the
 *   side associativity does not allow: `(+ x (+ y z))` prints `x + (y + z)`.
 * - A right operand that would start with a minus is parenthesised for readability:
 *   `x*(-3)`, `x - (-y)`, `2^(-x)`; so is the operand of a prefix operator: `-(-x)`.
 * - Numbers follow the literal rules of {@link parseInfix}: rationals print `1/3` with the
 *   precedence of `/` (`x^(1/2)`, `1/2*x`), negative numbers `-3` with the precedence of unary
 *   minus (`(-3)^2`); `(neg 3)` prints `-(3)` and the application `(/ 1 3)` prints `1/(3)` so
 *   that neither reads back as a literal.
 *
 * - A variable named like a word symbol or a named constant is quoted: `'pi'*x` (see
 *   {@link variableSpelling}); any other operator's name alone is a variable already (`d*x`).
 *
 * So `parseInfix(printInfix(t)) === t` for every term `t` over the theory's operators.
 * Iterative: a term nested 100,000 deep prints fine; shared subterms are printed each time.
 *
 * @example
 * ```ts
 * printInfix(parseSExpr("(+ (* 2 x) y)", { theory }), { theory }); // "2*x + y"
 * ```
 */
export function printInfix(term: Term, options: TheoryOption & MaxNodesOption = {}): string {
  requirePrintable(term, options);
  const theory = theoryOrDefault(options.theory);
  return new InfixPrinter(syntaxTableOf(theory)).print(term);
}

type BinaryShape = OperandShape & { kind: "binary" };

class InfixPrinter {
  /** Per term id: whether its printed form starts with a prefix symbol (memo for the left spine walk). */
  private readonly leading = new Map<number, boolean>();
  /** Shapes of rational and negative number literals, which print as `1/3` and `-3`. */
  private readonly rationalShape: OperandShape;
  private readonly negativeShape: OperandShape;

  constructor(private readonly table: SyntaxTable) {
    this.rationalShape = { kind: "binary", precedence: table.divisionPrecedence, associativity: "left" };
    this.negativeShape = { kind: "prefix", precedence: table.negationPrecedence };
  }

  print(root: Term): string {
    let out = "";
    const chunks = new TextChunks();
    // What is left to write, last first: text, or a term to print. A parenthesised term is
    // pushed as ")", the term, "(".
    const stack: (Term | string)[] = [root];
    while (stack.length > 0) {
      out = chunks.flush(out);
      const item = stack.pop()!;
      if (typeof item === "string") {
        out += item;
        continue;
      }
      if (item.kind === "sym") {
        out += variableSpelling(item.name, this.table);
        continue;
      }
      if (item.kind === "num") {
        out += item.value.key;
        continue;
      }
      const written = writtenApplication(item, this.table);
      const syntax = written.syntax;
      if (syntax.kind === "call") {
        // A named constant is written alone: `pi`, not `pi()`.
        if (item.args.length === 0) {
          out += syntax.name;
          continue;
        }
        out += `${syntax.name}(`;
        stack.push(")");
        const args = item.args;
        for (let i = args.length - 1; i >= 0; i--) {
          stack.push(args[i]!);
          if (i > 0) stack.push(", ");
        }
        continue;
      }
      if (syntax.kind === "prefix") {
        const operand = item.args[0]!;
        out += written.wordSymbol ? `${syntax.symbol} ` : syntax.symbol;
        this.pushOperand(stack, operand, this.wrapsPrefixOperand(item, syntax.precedence, operand));
        continue;
      }
      const shape = written.shape as BinaryShape;
      const spaced = syntax.precedence <= Precedence.sum || written.wordSymbol;
      const left = item.args[0]!;
      const right = item.args[1]!;
      const wrapLeft = this.wrapsOperand(item, shape, left, "left");
      const wrapRight = this.wrapsOperand(item, shape, right, "right");
      this.pushOperand(stack, right, wrapRight);
      stack.push(spaced ? ` ${syntax.symbol} ` : syntax.symbol);
      this.pushOperand(stack, left, wrapLeft);
    }
    return chunks.finish(out);
  }

  private pushOperand(stack: (Term | string)[], term: Term, wrap: boolean): void {
    pushOperand(stack, term, wrap, "(", ")");
  }

  private shape(term: Term): OperandShape {
    if (term.kind === "sym") return ATOM_SHAPE;
    if (term.kind === "num") {
      const value = term.value;
      if (!value.isInteger()) return this.rationalShape;
      return value.isNegative() ? this.negativeShape : ATOM_SHAPE;
    }
    return writtenApplication(term, this.table).shape;
  }

  /** Whether `child`, an operand of the binary application `parent`, needs parentheses. */
  private wrapsOperand(parent: App, parentShape: BinaryShape, child: Term, side: "left" | "right"): boolean {
    if (side === "right" && parent.op === "/" && isIntegerLiteralDivision(parent)) return true;
    const shape = this.shape(child);
    if (shape.kind === "atom") return false;
    if (side === "right" && this.startsWithPrefix(child)) return true;
    return wrapsByPrecedence(parentShape, shape, side);
  }

  /** Whether the operand of a prefix application needs parentheses. */
  private wrapsPrefixOperand(parent: App, precedence: number, child: Term): boolean {
    // `-3` would read back as a negative literal, not as (neg 3).
    if (parent.op === "neg" && child.kind === "num" && !child.value.isNegative()) return true;
    const shape = this.shape(child);
    if (shape.kind === "atom") return false;
    if (this.startsWithPrefix(child)) return true;
    // A prefix operator takes operands of higher precedence only: `-x^2`, but `-(x*y)`.
    return shape.kind === "prefix" || shape.precedence <= precedence;
  }

  /** Whether the printed form of `root` starts with a prefix symbol (`-x*y`, `-3`, `-1/2`). */
  private startsWithPrefix(root: Term): boolean {
    return startsWithPrefix(root, this.leftSpine, this.leading);
  }

  private readonly leftSpine: LeftSpine<OperandShape> = {
    shapeOf: (t) => this.shape(t),
    wrapsLeft: (parent, shape) => this.wrapsOperand(parent, shape as BinaryShape, parent.args[0]!, "left"),
  };
}

/**
 * Whether `(/ a b)` has an integer literal `a` and a positive integer literal `b`, which
 * written plainly as `a/b` would read back as the rational number a/b.
 */
export function isIntegerLiteralDivision(term: App): boolean {
  const [left, right] = term.args;
  return (
    left?.kind === "num" &&
    left.value.isInteger() &&
    right?.kind === "num" &&
    right.value.isInteger() &&
    right.value.isPositive()
  );
}
