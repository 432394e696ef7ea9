import { ArityError, type ParseError, type SourceSpot, UnknownOperatorError } from "../errors.js";
import type { OperatorSpec } from "../term/operator.js";
import { app, num, sym, type Term } from "../term/term.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
import { InfixLexer, type InfixToken } from "./infix-lexer.js";
import {
  type BinaryOperator,
  callOfArity,
  type Identifier,
  type PrefixOperator,
  type SyntaxTable,
  syntaxTableOf,
} from "./syntax-table.js";

/** Options for {@link parseInfix}. */
export interface InfixOptions extends TheoryOption {
  /** Named in error messages (`file:line:col`). */
  readonly file?: string;
}

/**
 * Parses conventional mathematical notation into a term, driven by the theory's operator
 * syntax: binary symbols with precedence and associativity (`+ - * / ^`), prefix symbols
 * (`-x`), and calls (`sin(x)`, `d(x, f)`).
 *
 * Grammar notes:
 * - `^` is right-associative and binds tighter than unary minus, which binds tighter than
 *   `*`: `-x^2` is `(neg (^ x 2))`, `-x*y` is `(* (neg x) y)`; a prefix operator may follow a
 *   binary one: `2^-x` is `(^ 2 (neg x))`.
 * - Numbers are exact: `0.5` is 1/2 and `1e-3` is 1/1000.
 * - **Negative literals**: a minus applied directly to an unsigned number literal is that
 *   negative number: `-3` is the number -3. `-(3)` is `(neg 3)`; `-3^2` is `(neg (^ 3 2))`,
 *   because the operand of the minus is `3^2`, not a literal; `--3` is `(neg -3)`.
 * - **Rational literals**: a division of an integer literal (`2`, or `-2` as above) by an
 *   unsigned nonzero integer literal is that rational number: `1/3`, `-1/3` and `2/4` are the
 *   numbers 1/3, -1/3 and 1/2. Anything else is an application of `/`: `1/(3)`, `1/0`, `2/-3`,
 *   `1.5/2`, `x/2`; `2/3/4` is `(/ 2/3 4)`. This is how exact rationals are spelled; the
 *   printers rely on it.
 * - An identifier followed by `(` is a call and must name a call-syntax operator. An identifier
 *   that names a constant (an operator of arity 0, such as `pi`) is that constant; any other
 *   identifier is a variable, even one that names an operator: `d*x` is a product, `d(x, f)` a
 *   derivative. A name in single quotes is always a variable: `'pi'` is the variable pi, `'mod'`
 *   a variable where `mod` is a word symbol. There is no implicit multiplication: `2x`, `x y`
 *   and `(x)(y)` are errors.
 *
 * Every error is a {@link ParseError}, {@link UnknownOperatorError} or {@link ArityError} with
 * the line, column and a caret. The parser is an operator-precedence (shunting-yard) parser
 * with explicit stacks, so nesting depth is bounded only by memory.
 *
 * @example
 * ```ts
 * parseInfix("x^2 + x*y", { theory: baseTheory }); // (+ (^ x 2) (* x y))
 * parseInfix("-1/3", { theory: baseTheory });      // the number -1/3
 * ```
 */
export function parseInfix(text: string, options: InfixOptions): Term {
  return new InfixParser(text, options).parse();
}

/**
 * What kind of number literal an operand is, for the negative and rational literal rules:
 * none, digits only (`3`), another literal (`0.5`, `1e3`), or a minus on digits (`-3`).
 */
const NOT_LITERAL = 0;
const INTEGER = 1;
const DECIMAL = 2;
const NEGATIVE_INTEGER = 3;
type Literal = typeof NOT_LITERAL | typeof INTEGER | typeof DECIMAL | typeof NEGATIVE_INTEGER;

/** An operator or bracket waiting for its operands. */
type Pending =
  | { readonly kind: "binary"; readonly operator: BinaryOperator; readonly token: InfixToken }
  | { readonly kind: "prefix"; readonly operator: PrefixOperator; readonly token: InfixToken }
  | { readonly kind: "group"; readonly open: InfixToken }
  | {
      readonly kind: "call";
      /** The first operator written with this name, for messages; the arity picks among them. */
      readonly spec: OperatorSpec;
      readonly identifier: Identifier;
      readonly name: InfixToken;
      readonly open: InfixToken;
      args: number;
    };

class InfixParser {
  private readonly lexer: InfixLexer;
  private readonly table: SyntaxTable;
  // The operand stack, as parallel arrays: each operand's term, literal kind, and the offset
  // where its text starts (to quote it in messages).
  private readonly terms: Term[] = [];
  private readonly literals: Literal[] = [];
  private readonly starts: number[] = [];
  private readonly pending: Pending[] = [];
  /** The token consumed before the one being handled, to say what an expression should have followed. */
  private previous: InfixToken | undefined;
  /** The token consumed last. */
  private latest: InfixToken | undefined;

  constructor(
    private readonly text: string,
    private readonly options: InfixOptions,
  ) {
    this.table = syntaxTableOf(theoryOrDefault(options.theory));
    this.lexer = new InfixLexer(text, this.table, options.file);
  }

  parse(): Term {
    let expectOperand = true;
    for (;;) {
      this.previous = this.latest;
      const token = this.take();
      if (expectOperand) {
        expectOperand = this.operandStart(token);
      } else if (token.kind === "end") {
        return this.finish(token);
      } else {
        expectOperand = this.afterOperand(token);
      }
    }
  }

  private take(): InfixToken {
    this.latest = this.lexer.next();
    return this.latest;
  }

  private pushOperand(term: Term, literal: Literal, start: number): void {
    this.terms.push(term);
    this.literals.push(literal);
    this.starts.push(start);
  }

  /** Handles a token where an expression must start; returns whether one is still expected. */
  private operandStart(token: InfixToken): boolean {
    switch (token.kind) {
      case "number":
        this.pushOperand(token.value!, token.integer ? INTEGER : DECIMAL, token.start);
        return false;
      case "name":
        return this.name(token);
      case "symbol": {
        const operator = this.table.prefix.get(token.text);
        if (operator === undefined) throw this.expectedExpression(token);
        this.pending.push({ kind: "prefix", operator, token });
        return true;
      }
      case "open":
        this.pending.push({ kind: "group", open: token });
        return true;
      case "close": {
        const top = this.pending[this.pending.length - 1];
        if (top?.kind === "call" && top.args === 0 && this.previous === top.open) {
          this.finishCall(top);
          return false;
        }
        throw this.expectedExpression(token);
      }
      default:
        throw this.expectedExpression(token);
    }
  }

  /** A variable, or the start of a call `name(`. */
  private name(token: InfixToken): boolean {
    const name = token.text;
    // `'pi'` is the variable pi: quotes make any name a variable (and never a call).
    if (token.quoted) {
      this.pushOperand(sym(name), NOT_LITERAL, token.start);
      return false;
    }
    const next = this.lexer.peek();
    const spec = token.identifier?.call;
    const declared = token.identifier?.declared;
    // `sin (x)` is a call; `x (y)` is a variable then a missing operator; `foo(x)` is unknown.
    if (next.kind === "open" && (spec !== undefined || next.start === token.end)) {
      if (spec === undefined) {
        if (declared !== undefined)
          throw this.fail(`operator '${name}' is ${spelling(declared)}, not called`, token);
        throw new UnknownOperatorError(name, this.spot(token));
      }
      const open = this.take();
      this.pending.push({ kind: "call", spec, identifier: token.identifier!, name: token, open, args: 0 });
      return true;
    }
    // A named constant (arity 0) stands alone; any other operator's name alone is a variable,
    // so `d*x` and `(a*x + b)/(c*x + d)` read as they look.
    const constant = callOfArity(token.identifier, 0);
    if (constant !== undefined) {
      this.pushOperand(app(constant.name, []), NOT_LITERAL, token.start);
      return false;
    }
    this.pushOperand(sym(name), NOT_LITERAL, token.start);
    return false;
  }

  /** Handles a token right after a complete operand; returns whether an operand is expected next. */
  private afterOperand(token: InfixToken): boolean {
    switch (token.kind) {
      case "symbol": {
        const operator = this.table.binary.get(token.text);
        if (operator === undefined) throw this.missingOperator(token);
        for (;;) {
          const top = this.pending[this.pending.length - 1];
          if (top === undefined || !bindsBefore(top, operator)) break;
          this.reduce();
        }
        this.pending.push({ kind: "binary", operator, token });
        return true;
      }
      case "close": {
        const bracket = this.reduceToBracket();
        if (bracket === undefined) throw this.fail("unexpected ')' with no matching '('", token);
        if (bracket.kind === "group") {
          this.pending.pop();
          // A parenthesised literal is no longer bare: `-(3)` is (neg 3), `1/(3)` is (/ 1 3).
          const top = this.terms.length - 1;
          this.literals[top] = NOT_LITERAL;
          this.starts[top] = bracket.open.start;
        } else {
          bracket.args++;
          this.finishCall(bracket);
        }
        return false;
      }
      case "comma": {
        const bracket = this.reduceToBracket();
        if (bracket?.kind !== "call") {
          throw this.fail(
            "unexpected ',': commas only separate the arguments of a call such as d(x, f)",
            token,
          );
        }
        bracket.args++;
        return true;
      }
      default:
        throw this.missingOperator(token);
    }
  }

  private finish(end: InfixToken): Term {
    const bracket = this.reduceToBracket();
    if (bracket !== undefined) {
      const { line, column } = this.lexer.positionAt(bracket.open.start);
      const call = bracket.kind === "call" ? ` of the call to '${bracket.name.text}'` : "";
      throw this.fail(
        `missing ')' to close the '('${call} at line ${line}, column ${column}, before the end of input`,
        end,
      );
    }
    return this.terms[0]!;
  }

  /** Applies every pending operator down to the innermost open bracket, and returns that bracket. */
  private reduceToBracket(): (Pending & { kind: "group" | "call" }) | undefined {
    for (;;) {
      const top = this.pending[this.pending.length - 1];
      if (top === undefined) return undefined;
      if (top.kind === "group" || top.kind === "call") return top;
      this.reduce();
    }
  }

  /** Applies the pending operator on top of the stack to its operands, in place on the operand stack. */
  private reduce(): void {
    const top = this.pending.pop()!;
    if (top.kind === "binary") this.applyBinary(top.operator, top.token);
    else if (top.kind === "prefix") this.applyPrefix(top.operator, top.token);
  }

  /** Replaces the two operands on top of the stack by their combination. */
  private applyBinary(operator: BinaryOperator, token: InfixToken): void {
    const spec = operator.spec;
    if (spec.arity !== 2) throw new ArityError(spec.name, spec.arity, 2, this.spot(token));
    const terms = this.terms;
    const right = terms.pop()!;
    const rightLiteral = this.literals.pop()!;
    this.starts.pop();
    // The left operand's slot becomes the result's; it keeps the left operand's start.
    const at = terms.length - 1;
    const left = terms[at]!;
    const leftLiteral = this.literals[at]!;
    this.literals[at] = NOT_LITERAL;
    if (
      spec.name === "/" &&
      (leftLiteral === INTEGER || leftLiteral === NEGATIVE_INTEGER) &&
      rightLiteral === INTEGER &&
      right.kind === "num" &&
      !right.value.isZero() &&
      left.kind === "num"
    ) {
      terms[at] = num(left.value.div(right.value));
      return;
    }
    terms[at] = app(spec.name, [left, right]);
  }

  /** Replaces the operand on top of the stack by the prefix application. */
  private applyPrefix(operator: PrefixOperator, token: InfixToken): void {
    const spec = operator.spec;
    if (spec.arity !== 1) throw new ArityError(spec.name, spec.arity, 1, this.spot(token));
    const at = this.terms.length - 1;
    const operand = this.terms[at]!;
    const literal = this.literals[at]!;
    this.starts[at] = token.start;
    if (
      spec.name === "neg" &&
      operator.symbol === "-" &&
      (literal === INTEGER || literal === DECIMAL) &&
      operand.kind === "num"
    ) {
      this.terms[at] = num(operand.value.neg());
      this.literals[at] = literal === INTEGER ? NEGATIVE_INTEGER : NOT_LITERAL;
      return;
    }
    this.terms[at] = app(spec.name, [operand]);
    this.literals[at] = NOT_LITERAL;
  }

  private finishCall(call: Pending & { kind: "call" }): void {
    this.pending.pop();
    const spec = callOfArity(call.identifier, call.args);
    if (spec === undefined) {
      // Every arity the name is written with: `log` takes 1 or 2 arguments.
      const accepted = [...new Set(call.identifier.calls.map((s) => s.arity))].sort((a, b) => a - b);
      throw new ArityError(call.name.text, call.spec.arity, call.args, this.spot(call.name), accepted);
    }
    const first = this.terms.length - call.args;
    const args = this.terms.splice(first, call.args);
    for (let i = 0; i < call.args; i++) {
      this.literals.pop();
      this.starts.pop();
    }
    this.pushOperand(app(spec.name, args), NOT_LITERAL, call.name.start);
  }

  private expectedExpression(token: InfixToken): ParseError {
    const previous = this.previous;
    if (token.kind === "end") {
      if (previous === undefined) return this.fail("empty input: expected an expression", token);
      return this.fail(`unexpected end of input: expected an expression after '${previous.text}'`, token);
    }
    if (token.kind === "close") {
      if (!this.pending.some((p) => p.kind === "group" || p.kind === "call")) {
        return this.fail("unexpected ')' with no matching '('", token);
      }
      if (previous?.kind === "open")
        return this.fail("empty parentheses: expected an expression inside", token);
    }
    if (previous === undefined) return this.fail(`expected an expression before '${token.text}'`, token);
    return this.fail(`expected an expression after '${previous.text}', found '${token.text}'`, token);
  }

  /** Two operands side by side: `2x`, `x y`, `(x)(y)`. */
  private missingOperator(token: InfixToken): ParseError {
    const left = clip(this.text.slice(this.starts[this.starts.length - 1]!, this.previous!.end));
    const opensCall = token.kind === "name" && this.lexer.peek().kind === "open";
    const right = token.kind === "open" ? "(…)" : opensCall ? `${token.text}(…)` : token.text;
    return this.fail(
      `missing operator between '${left}' and '${token.text}' (there is no implicit multiplication); write ${left}*${right}`,
      token,
    );
  }

  private fail(reason: string, token: InfixToken): ParseError {
    return this.lexer.error(reason, token.start);
  }

  private spot(token: InfixToken): SourceSpot {
    return {
      position: this.lexer.positionAt(token.start),
      source: this.text,
      ...(this.options.file === undefined ? {} : { file: this.options.file }),
    };
  }
}

/**
 * Whether the pending operator `top` takes its right operand before `incoming` gets it as a
 * left operand: higher precedence, or equal precedence and `incoming` is left-associative.
 * A prefix operator gives way only to tighter binary operators (`-x^2`, but `-x*y`).
 */
function bindsBefore(top: Pending, incoming: BinaryOperator): boolean {
  if (top.kind === "prefix") return top.operator.precedence >= incoming.precedence;
  if (top.kind !== "binary") return false;
  const p = top.operator.precedence;
  return p > incoming.precedence || (p === incoming.precedence && incoming.associativity === "left");
}

/** How an operator is written, for messages: `written sin(…)`, `written -a`. */
function spelling(spec: OperatorSpec): string {
  const syntax = spec.syntax;
  if (syntax.kind === "call") return `written ${syntax.name}(${Array(spec.arity).fill("…").join(", ")})`;
  if (syntax.kind === "prefix") return `written ${syntax.symbol}a`;
  return `written a ${syntax.symbol} b`;
}

/** Quotes an operand on one line and in at most 30 characters, keeping its end (nearest the error). */
function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length <= 30 ? oneLine : `…${oneLine.slice(-29)}`;
}
