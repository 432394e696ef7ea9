import { ParseError, type SourcePosition } from "../errors.js";

/**
 * A syntax-neutral reader for S-expression text: atoms and parenthesised lists with the
 * source position of each, before any meaning is given to them. The expression parser and
 * the rules-file parser both build on it. Iterative, so nesting depth is bounded by memory only.
 */

/** An atom (`x`, `?a`, `+`, `1/2`, `:infix`) or a list, with where it starts in the source. */
export type SNode =
  | { readonly kind: "atom"; readonly text: string; readonly position: SourcePosition }
  | {
      readonly kind: "list";
      readonly items: readonly SNode[];
      readonly position: SourcePosition;
      /** Where the closing parenthesis is. */
      readonly end: SourcePosition;
    };

/** Options for {@link readSExpressions}. */
export interface ReadOptions {
  /** Named in error messages (`file:line:col`). */
  readonly file?: string;
  /** Whether `;` starts a comment that runs to the end of the line (default true). */
  readonly comments?: boolean;
}

const DELIMITERS = new Set(["(", ")", " ", "\t", "\n", "\r", ";"]);

/**
 * A cursor over source text that tracks line and column. Shared by the readers so that every
 * error points at the right spot.
 */
export class SourceCursor {
  offset = 0;
  line = 1;
  column = 1;
  constructor(
    readonly text: string,
    readonly file?: string,
  ) {}

  get position(): SourcePosition {
    return { line: this.line, column: this.column, offset: this.offset };
  }
  atEnd(): boolean {
    return this.offset >= this.text.length;
  }
  peek(ahead = 0): string {
    return this.text[this.offset + ahead] ?? "";
  }
  advance(): string {
    const ch = this.text[this.offset++]!;
    if (ch === "\n") {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    return ch;
  }
  /** Skips blanks, newlines and (when asked) `;` comments. */
  skipSpace(comments: boolean): void {
    while (!this.atEnd()) {
      const ch = this.peek();
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") this.advance();
      else if (comments && ch === ";") while (!this.atEnd() && this.peek() !== "\n") this.advance();
      else break;
    }
  }
  error(reason: string, position: SourcePosition = this.position): ParseError {
    return new ParseError(reason, position, this.text, this.file);
  }
}

/** Reads every top-level S-expression in `text`. */
export function readSExpressions(text: string, options: ReadOptions = {}): SNode[] {
  const reader = new SExpressionReader(text, options);
  const top: SNode[] = [];
  for (let node = reader.next(); node !== undefined; node = reader.next()) top.push(node);
  return top;
}

/**
 * Reads top-level S-expressions one at a time, so a caller that is done with each (the
 * rules-file parser) lets it be collected young: a 10 MB rules file read whole kept every
 * node alive at once and spent most of its loading time collecting garbage.
 */
export class SExpressionReader {
  private readonly cursor: SourceCursor;
  private readonly comments: boolean;

  constructor(text: string, options: ReadOptions = {}) {
    this.cursor = new SourceCursor(text, options.file);
    this.comments = options.comments ?? true;
  }

  /** The next top-level S-expression, or `undefined` at the end of the text. */
  next(): SNode | undefined {
    const cursor = this.cursor;
    // Open lists: their start and the items read so far.
    const open: { position: SourcePosition; items: SNode[] }[] = [];
    for (;;) {
      cursor.skipSpace(this.comments);
      if (cursor.atEnd()) break;
      const position = cursor.position;
      const ch = cursor.peek();
      let node: SNode | undefined;
      if (ch === "(") {
        cursor.advance();
        open.push({ position, items: [] });
      } else if (ch === ")") {
        const list = open.pop();
        if (list === undefined) throw cursor.error("unexpected ')' with no matching '('");
        cursor.advance();
        node = { kind: "list", items: list.items, position: list.position, end: position };
      } else if (ch === ";") {
        // Only reached with comments off (skipSpace consumed it otherwise). It ends atoms, so it
        // cannot start one: reading it as an empty atom would never move on.
        throw cursor.error("';' starts a comment only in rules files; it cannot appear in an expression");
      } else {
        const start = cursor.offset;
        while (!cursor.atEnd() && !DELIMITERS.has(cursor.peek())) cursor.advance();
        node = { kind: "atom", text: cursor.text.slice(start, cursor.offset), position };
      }
      if (node === undefined) continue;
      if (open.length === 0) return node;
      open[open.length - 1]!.items.push(node);
    }
    if (open.length > 0)
      throw cursor.error("missing ')' to close the '(' opened here", open[open.length - 1]!.position);
    return undefined;
  }
}
