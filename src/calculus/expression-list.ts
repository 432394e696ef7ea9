import { ArityError, ParseError, type SourcePosition, UnknownOperatorError } from "../errors.js";
import { type ParseOptions, parseExpression } from "../syntax/parse.js";
import type { Term } from "../term/term.js";

/**
 * A vector of expressions written `[f1, f2, …]`: the input of `dsat jacobian`. Each entry is
 * parsed by `parseExpression` (infix or S-expression); commas inside parentheses or brackets
 * belong to the entry (`[d(x, f), g]`). Text without the brackets is a one-entry vector.
 * Errors point into the whole text.
 *
 * @example
 * ```ts
 * parseExpressionList("[x*y, sin(x)]", { theory }); // [(* x y), (sin x)]
 * ```
 */
export function parseExpressionList(text: string, options: ParseOptions = {}): Term[] {
  const open = firstNonBlank(text);
  if (text[open] !== "[") return [parseExpression(text, options)];
  const close = lastNonBlank(text);
  if (text[close] !== "]") {
    throw new ParseError(
      "expected ']' at the end of the list",
      positionAt(text, close + 1),
      text,
      options.file,
    );
  }
  const pieces = splitTopLevel(text, open + 1, close);
  if (pieces.length === 1 && text.slice(pieces[0]![0], pieces[0]![1]).trim() === "") {
    throw new ParseError("the list is empty: write [f1, f2, …]", positionAt(text, open), text, options.file);
  }
  return pieces.map(([start, end]) => {
    const piece = text.slice(start, end);
    if (piece.trim() === "") {
      throw new ParseError(
        "expected an expression between the commas",
        positionAt(text, start),
        text,
        options.file,
      );
    }
    try {
      return parseExpression(piece, options);
    } catch (error) {
      throw relocated(error, text, start, options.file);
    }
  });
}

/** [start, end) offsets of the comma-separated parts of `text[from, to)`, outside brackets. */
function splitTopLevel(text: string, from: number, to: number): [number, number][] {
  const pieces: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      pieces.push([start, i]);
      start = i + 1;
    }
  }
  pieces.push([start, to]);
  return pieces;
}

function firstNonBlank(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function lastNonBlank(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}

/** Line, column and offset of `offset` in `text`. */
function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** An error raised for one entry, with its position moved into the whole list's text. */
function relocated(error: unknown, text: string, start: number, file: string | undefined): unknown {
  const fileOption = file === undefined ? {} : { file };
  if (error instanceof ParseError) {
    return new ParseError(error.reason, positionAt(text, start + error.position.offset), text, file);
  }
  if (error instanceof UnknownOperatorError && error.at !== undefined) {
    return new UnknownOperatorError(error.operator, {
      position: positionAt(text, start + error.at.position.offset),
      source: text,
      ...fileOption,
    });
  }
  if (error instanceof ArityError && error.at !== undefined) {
    return new ArityError(error.operator, error.expected, error.actual, {
      position: positionAt(text, start + error.at.position.offset),
      source: text,
      ...fileOption,
    });
  }
  return error;
}
