import { ParseError, type SourcePosition } from "../errors.js";
import { decimalRangeProblem, Rational } from "../term/rational.js";
import { type Num, num } from "../term/term.js";
import type { Identifier, SyntaxTable } from "./syntax-table.js";

/**
 * Splits infix text into tokens. Operator symbols come from the theory's {@link SyntaxTable}:
 * at each point the longest symbol the theory knows is taken, so a theory with both `*` and
 * `**` reads `2**3` as one `**`.
 *
 * Tokens carry offsets only; line and column are worked out from the offset when an error
 * needs them ({@link InfixLexer.positionAt}), so reading valid text never counts lines.
 */

export type InfixTokenKind = "number" | "name" | "symbol" | "open" | "close" | "comma" | "end";

/** One token: what it is, its text, and where it starts and ends. */
export class InfixToken {
  constructor(
    readonly kind: InfixTokenKind,
    /** The token as written (`""` for the end of input). */
    readonly text: string,
    /** Offset where the token starts. */
    readonly start: number,
    /** Offset just past the token. */
    readonly end: number,
    /** The number a number token stands for. */
    readonly value: Num | undefined = undefined,
    /** Whether a number token is written with digits only (`3`, not `3.0` or `3e0`). */
    readonly integer = false,
    /** What a name or word symbol means to the theory (`undefined` for a variable). */
    readonly identifier: Identifier | undefined = undefined,
    /** Whether a name token was written in quotes (`'pi'`): then it is a variable, whatever it names. */
    readonly quoted = false,
  ) {}
}

// Character classes of ASCII codes, as bits; anything else is none of them.
const DIGIT = 1;
const NAME_START = 2;
const NAME_PART = 4;
const BLANK = 8;
const CLASSES = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASSES[c] = DIGIT | NAME_PART;
for (let c = 65; c <= 90; c++) CLASSES[c] = NAME_START | NAME_PART;
for (let c = 97; c <= 122; c++) CLASSES[c] = NAME_START | NAME_PART;
CLASSES[95] = NAME_START | NAME_PART; // _
for (const c of [32, 9, 10, 13]) CLASSES[c] = BLANK; // space, tab, newline, carriage return

const OPEN = 40; // (
const CLOSE = 41; // )
const COMMA = 44; // ,
const DOT = 46; // .
const PLUS = 43; // +
const MINUS = 45; // -
const QUOTE = 39; // '

function hasClass(code: number, bits: number): boolean {
  return code < 128 && (CLASSES[code]! & bits) !== 0;
}

/** Terms of the small integers met so far, by value: most literals are small, and repeat. */
const smallIntegers: Num[] = [];
const SMALL = 1024;

/** The number a literal of digits only stands for. */
function integerLiteral(digits: string): Num {
  if (digits.length <= 4) {
    let value = 0;
    for (let i = 0; i < digits.length; i++) value = value * 10 + (digits.charCodeAt(i) - 48);
    if (value < SMALL) {
      let term = smallIntegers[value];
      if (term === undefined) {
        term = num(value);
        smallIntegers[value] = term;
      }
      return term;
    }
  }
  return num(BigInt(digits));
}

/** A pull lexer with one token of lookahead. */
export class InfixLexer {
  private offset = 0;
  private buffered: InfixToken | undefined;

  constructor(
    readonly text: string,
    private readonly table: SyntaxTable,
    private readonly file?: string,
  ) {}

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

  /** Line (from 1), column (from 1, in UTF-16 code units) and offset of `offset` in the text. */
  positionAt(offset: number): SourcePosition {
    const text = this.text;
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1, offset };
  }

  /** A {@link ParseError} at `offset` in this text. */
  error(reason: string, offset: number): ParseError {
    return new ParseError(reason, this.positionAt(offset), this.text, this.file);
  }

  private read(): InfixToken {
    const text = this.text;
    let i = this.offset;
    while (i < text.length && hasClass(text.charCodeAt(i), BLANK)) i++;
    const start = i;
    if (i >= text.length) {
      this.offset = i;
      return new InfixToken("end", "", i, i);
    }
    const code = text.charCodeAt(i);
    if (code === OPEN || code === CLOSE || code === COMMA) {
      this.offset = i + 1;
      const kind = code === OPEN ? "open" : code === CLOSE ? "close" : "comma";
      return new InfixToken(kind, text[i]!, start, i + 1);
    }
    if (hasClass(code, DIGIT)) return this.readNumber(start);
    if (code === QUOTE) return this.readQuotedName(start);
    if (hasClass(code, NAME_START)) {
      i++;
      while (i < text.length && hasClass(text.charCodeAt(i), NAME_PART)) i++;
      this.offset = i;
      const name = text.slice(start, i);
      const identifier = this.table.identifiers.get(name);
      const kind = identifier?.wordSymbol ? "symbol" : "name";
      return new InfixToken(kind, name, start, i, undefined, false, identifier);
    }
    const candidates = this.table.punctuationSymbolsByFirstCode.get(code);
    if (candidates !== undefined) {
      for (const symbol of candidates) {
        if (text.startsWith(symbol, start)) {
          this.offset = start + symbol.length;
          return new InfixToken("symbol", symbol, start, this.offset);
        }
      }
    }
    throw this.error(`unexpected character '${text[start]}'`, start);
  }

  /**
   * A variable name in single quotes, `'pi'`: the way to write a variable named like a constant
   * or a word symbol, which the printers use for such variables.
   */
  private readQuotedName(start: number): InfixToken {
    const text = this.text;
    let i = start + 1;
    if (hasClass(text.charCodeAt(i), NAME_START)) {
      i++;
      while (i < text.length && hasClass(text.charCodeAt(i), NAME_PART)) i++;
      if (text.charCodeAt(i) === QUOTE) {
        this.offset = i + 1;
        return new InfixToken(
          "name",
          text.slice(start + 1, i),
          start,
          i + 1,
          undefined,
          false,
          undefined,
          true,
        );
      }
    }
    throw this.error("a quote must enclose a variable name, as in 'pi'", start);
  }

  /** Digits, an optional fraction `.5`, an optional exponent `e-3`: read exactly. */
  private readNumber(start: number): InfixToken {
    const text = this.text;
    let i = this.skipDigits(start);
    let integer = true;
    if (text.charCodeAt(i) === DOT) {
      integer = false;
      i = this.skipDigits(i + 1);
    }
    // An exponent only when digits follow, so `2e` stays the number 2 then the name `e`.
    const e = text[i];
    if (e === "e" || e === "E") {
      const signCode = text.charCodeAt(i + 1);
      const digitsAt = i + 1 + (signCode === PLUS || signCode === MINUS ? 1 : 0);
      if (hasClass(text.charCodeAt(digitsAt), DIGIT)) {
        integer = false;
        i = this.skipDigits(digitsAt);
      }
    }
    this.offset = i;
    const literal = text.slice(start, i);
    if (integer) return new InfixToken("number", literal, start, i, integerLiteral(literal), true);
    const value = Rational.parse(literal);
    if (value === undefined)
      throw this.error(`number literal '${literal}' ${decimalRangeProblem(literal)}`, start);
    return new InfixToken("number", literal, start, i, num(value), false);
  }

  private skipDigits(from: number): number {
    const text = this.text;
    let i = from;
    while (i < text.length && hasClass(text.charCodeAt(i), DIGIT)) i++;
    return i;
  }
}
