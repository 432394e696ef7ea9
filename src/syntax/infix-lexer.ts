import type { ParseError, SourcePosition } from "../errors.js";
import { Rational } from "../term/rational.js";
import { SourceCursor } from "./sexpr-reader.js";
import type { SyntaxTable } from "./syntax-table.js";

/**
 * Splits infix text into tokens, each with its source position. Operator symbols come from the
 * theory's {@link SyntaxTable}: at each point the longest symbol the theory knows is taken, so
 * a theory with both `*` and `**` reads `2**3` as one `**`.
 */

export type InfixTokenKind = "number" | "name" | "symbol" | "open" | "close" | "comma" | "end";

export interface InfixToken {
  readonly kind: InfixTokenKind;
  /** The token as written (`""` for the end of input). */
  readonly text: string;
  /** Where the token starts. */
  readonly position: SourcePosition;
  /** Offset just past the token. */
  readonly end: number;
  /** The exact value of a number token. */
  readonly value?: Rational;
}

const DIGIT = /[0-9]/;
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const PUNCTUATION: Record<string, InfixTokenKind> = { "(": "open", ")": "close", ",": "comma" };

/** A pull lexer with one token of lookahead. */
export class InfixLexer {
  private readonly cursor: SourceCursor;
  private buffered: InfixToken | undefined;

  constructor(
    readonly text: string,
    private readonly table: SyntaxTable,
    file?: string,
  ) {
    this.cursor = new SourceCursor(text, file);
  }

  /** Consumes and returns the next token; after the input ends, returns `end` tokens forever. */
  next(): InfixToken {
    const token = this.buffered ?? this.read();
    this.buffered = undefined;
    return token;
  }

  /** The next token, without consuming it. */
  peek(): InfixToken {
    this.buffered ??= this.read();
    return this.buffered;
  }

  /** A {@link ParseError} at `position` in this text. */
  error(reason: string, position: SourcePosition): ParseError {
    return this.cursor.error(reason, position);
  }

  private read(): InfixToken {
    const cursor = this.cursor;
    cursor.skipSpace(false);
    const position = cursor.position;
    if (cursor.atEnd()) return { kind: "end", text: "", position, end: position.offset };
    const ch = cursor.peek();
    const punctuation = PUNCTUATION[ch];
    if (punctuation !== undefined) {
      cursor.advance();
      return { kind: punctuation, text: ch, position, end: cursor.offset };
    }
    if (DIGIT.test(ch)) return this.readNumber(position);
    if (NAME_START.test(ch)) {
      while (NAME_PART.test(cursor.peek())) cursor.advance();
      const name = this.text.slice(position.offset, cursor.offset);
      const kind = this.table.wordSymbols.has(name) ? "symbol" : "name";
      return { kind, text: name, position, end: cursor.offset };
    }
    for (const symbol of this.table.punctuationSymbols) {
      if (this.text.startsWith(symbol, position.offset)) {
        for (let i = 0; i < symbol.length; i++) cursor.advance();
        return { kind: "symbol", text: symbol, position, end: cursor.offset };
      }
    }
    throw cursor.error(`unexpected character '${ch}'`, position);
  }

  /** Digits, an optional fraction `.5`, an optional exponent `e-3`: read exactly. */
  private readNumber(position: SourcePosition): InfixToken {
    const cursor = this.cursor;
    let literal = "";
    while (DIGIT.test(cursor.peek())) literal += cursor.advance();
    if (cursor.peek() === ".") {
      literal += cursor.advance();
      while (DIGIT.test(cursor.peek())) literal += cursor.advance();
    }
    // An exponent only when digits follow, so `2e` stays the number 2 then the name `e`.
    const e = cursor.peek();
    if (e === "e" || e === "E") {
      const sign = cursor.peek(1) === "+" || cursor.peek(1) === "-" ? 1 : 0;
      if (DIGIT.test(cursor.peek(1 + sign))) {
        for (let i = 0; i <= sign; i++) literal += cursor.advance();
        while (DIGIT.test(cursor.peek())) literal += cursor.advance();
      }
    }
    const value = Rational.parse(literal);
    if (value === undefined)
      throw cursor.error(`number literal '${literal}' is too large to represent`, position);
    return { kind: "number", text: literal, position, end: cursor.offset, value };
  }
}
