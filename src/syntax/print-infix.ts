import { Precedence } from "../term/operator.js";
import type { App, Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { emit } from "./emit.js";
import { isWordSymbol, type SyntaxTable, syntaxOfApplication, syntaxTableOf } from "./syntax-table.js";

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
 * So `parseInfix(printInfix(t)) === t` for every term `t` over the theory's operators.
 * Iterative: a term nested 100,000 deep prints fine; shared subterms are printed each time.
 *
 * @example
 * ```ts
 * printInfix(parseSExpr("(+ (* 2 x) y)", { theory }), theory); // "2*x + y"
 * ```
 */
export function printInfix(term: Term, theory: Theory): string {
  return new InfixPrinter(theory).print(term);
}

/** How a term behaves as an operand, for deciding parentheses. */
type Shape =
  | { readonly kind: "atom" }
  | { readonly kind: "binary"; readonly precedence: number; readonly associativity: "left" | "right" }
  | { readonly kind: "prefix"; readonly precedence: number };

type BinaryShape = Shape & { kind: "binary" };

interface Job {
  readonly term: Term;
  readonly wrap: boolean;
}

const ATOM: Shape = { kind: "atom" };

class InfixPrinter {
  private readonly table: SyntaxTable;
  /** Per term id: whether its printed form starts with a prefix symbol (memo for the left spine walk). */
  private readonly leading = new Map<number, boolean>();

  constructor(private readonly theory: Theory) {
    this.table = syntaxTableOf(theory);
  }

  print(term: Term): string {
    return emit<Job>({ term, wrap: false }, (job) => this.expand(job));
  }

  private expand({ term, wrap }: Job): readonly (string | Job)[] {
    if (wrap) return ["(", { term, wrap: false }, ")"];
    if (term.kind === "sym") return [term.name];
    if (term.kind === "num") return [term.value.key];
    const syntax = syntaxOfApplication(term, this.theory);
    if (syntax.kind === "call") {
      const pieces: (string | Job)[] = [`${syntax.name}(`];
      term.args.forEach((arg, i) => {
        if (i > 0) pieces.push(", ");
        pieces.push({ term: arg, wrap: false });
      });
      pieces.push(")");
      return pieces;
    }
    if (syntax.kind === "prefix") {
      const operand = term.args[0]!;
      const symbol = isWordSymbol(syntax.symbol) ? `${syntax.symbol} ` : syntax.symbol;
      return [symbol, { term: operand, wrap: this.wrapsPrefixOperand(term, syntax.precedence, operand) }];
    }
    const shape = this.shape(term) as BinaryShape;
    const spaced = syntax.precedence <= Precedence.sum || isWordSymbol(syntax.symbol);
    const [left, right] = term.args as [Term, Term];
    return [
      { term: left, wrap: this.wrapsOperand(term, shape, left, "left") },
      spaced ? ` ${syntax.symbol} ` : syntax.symbol,
      { term: right, wrap: this.wrapsOperand(term, shape, right, "right") },
    ];
  }

  private shape(term: Term): Shape {
    if (term.kind === "sym") return ATOM;
    if (term.kind === "num") {
      const value = term.value;
      if (!value.isInteger()) {
        return { kind: "binary", precedence: this.table.divisionPrecedence, associativity: "left" };
      }
      return value.isNegative() ? { kind: "prefix", precedence: this.table.negationPrecedence } : ATOM;
    }
    const syntax = syntaxOfApplication(term, this.theory);
    if (syntax.kind === "infix") {
      return { kind: "binary", precedence: syntax.precedence, associativity: syntax.associativity };
    }
    if (syntax.kind === "prefix") return { kind: "prefix", precedence: syntax.precedence };
    return ATOM;
  }

  /** Whether `child`, an operand of the binary application `parent`, needs parentheses. */
  private wrapsOperand(parent: App, parentShape: BinaryShape, child: Term, side: "left" | "right"): boolean {
    if (side === "right" && parent.op === "/" && isIntegerLiteralDivision(parent)) return true;
    const shape = this.shape(child);
    if (shape.kind === "atom") return false;
    if (side === "right" && this.startsWithPrefix(child)) return true;
    const p = parentShape.precedence;
    if (shape.kind === "prefix") return shape.precedence < p;
    if (shape.precedence !== p) return shape.precedence < p;
    // Equal precedence: the parser groups to the left when the later operator is left-associative.
    return side === "left" ? parentShape.associativity !== "left" : shape.associativity !== "right";
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
    // Walk down the left spine of unparenthesised left operands, then remember the answer for all.
    const spine: Term[] = [];
    let answer: boolean;
    for (let t = root; ; ) {
      if (t.kind === "num") {
        answer = t.value.isNegative();
        break;
      }
      if (t.kind === "sym") {
        answer = false;
        break;
      }
      const known = this.leading.get(t.id);
      if (known !== undefined) {
        answer = known;
        break;
      }
      const shape = this.shape(t);
      if (shape.kind !== "binary") {
        answer = shape.kind === "prefix";
        break;
      }
      spine.push(t);
      const left = t.args[0]!;
      if (this.wrapsOperand(t, shape, left, "left")) {
        answer = false;
        break;
      }
      t = left;
    }
    for (const t of spine) this.leading.set(t.id, answer);
    return answer;
  }
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
