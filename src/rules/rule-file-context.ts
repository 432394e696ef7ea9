import {
  ArityError,
  ParseError,
  RuleFileError,
  type SourcePosition,
  UnknownOperatorError,
} from "../errors.js";
import { termFromSNode } from "../syntax/sexpr-parser.js";
import type { SNode } from "../syntax/sexpr-reader.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";

/**
 * What the parts of the rules-file parser share: the file being read, and turning problems
 * into {@link RuleFileError}s that point at `file:line:col` with a caret.
 */
export class RuleFileContext {
  constructor(
    readonly file: string,
    readonly source: string,
  ) {}

  /** A {@link RuleFileError} at `position` in this file. */
  fail(reason: string, position: SourcePosition): RuleFileError {
    return new RuleFileError(reason, this.file, position, this.source);
  }

  /** Where the text ends, for "ended early" errors. */
  get endPosition(): SourcePosition {
    const lines = this.source.split(/\r?\n/);
    const last = lines[lines.length - 1] ?? "";
    return { line: lines.length, column: last.length + 1, offset: this.source.length };
  }

  /**
   * The pattern `node` denotes (pattern variables allowed), checked against `theory`: unknown
   * operators, wrong arities and malformed atoms become {@link RuleFileError}s.
   */
  pattern(node: SNode, theory: Theory): Term {
    try {
      return termFromSNode(node, this.source, { theory, patternVariables: true, file: this.file });
    } catch (error) {
      if (error instanceof ParseError) throw this.fail(error.reason, error.position);
      if (error instanceof UnknownOperatorError) {
        throw this.fail(
          `unknown operator '${error.operator}' (declare it first with (operator ${error.operator} ARITY …))`,
          error.at?.position ?? node.position,
        );
      }
      if (error instanceof ArityError) {
        const plural = error.expected === 1 ? "" : "s";
        throw this.fail(
          `operator '${error.operator}' takes ${error.expected} argument${plural}, got ${error.actual}`,
          error.at?.position ?? node.position,
        );
      }
      throw error;
    }
  }
}

/**
 * `text` with the inside of every double-quoted string replaced by `_`, so the S-expression
 * reader sees each string as one atom whatever it contains (blanks, parentheses, `;`). Offsets,
 * lines and columns are unchanged; the string's real text is read back from the original
 * source by offset. A string must end on the line it starts on.
 */
export function maskStrings(text: string, context: RuleFileContext): string {
  // Whole slices, not a character at a time: a 10 MB file built one character at a time
  // spent most of its loading time collecting the garbage.
  if (!text.includes('"')) return text;
  const pieces: string[] = [];
  let copied = 0;
  let line = 1;
  let lineStart = 0;
  let inComment = false;
  for (let offset = 0; offset < text.length; offset++) {
    const ch = text.charCodeAt(offset);
    if (ch === NEWLINE) {
      inComment = false;
      line++;
      lineStart = offset + 1;
    } else if (ch === SEMICOLON) {
      inComment = true;
    } else if (ch === QUOTE && !inComment) {
      const start = { line, column: offset - lineStart + 1, offset };
      let close = offset + 1;
      while (close < text.length && text.charCodeAt(close) !== QUOTE && text.charCodeAt(close) !== NEWLINE)
        close++;
      if (close >= text.length) throw context.fail("this string has no closing '\"'", start);
      if (text.charCodeAt(close) === NEWLINE)
        throw context.fail("this string has no closing '\"' on its line", start);
      pieces.push(text.slice(copied, offset + 1), "_".repeat(close - offset - 1));
      copied = close;
      offset = close;
    }
  }
  pieces.push(text.slice(copied));
  return pieces.join("");
}

const NEWLINE = 10;
const SEMICOLON = 59;
const QUOTE = 34;

/** Where the atom `text` first occurs inside `node`, in reading order (an explicit stack: a pattern may be 100,000 deep). */
export function findAtom(node: SNode, text: string): SourcePosition | undefined {
  const stack: SNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.kind === "atom") {
      if (next.text === text) return next.position;
      continue;
    }
    for (let i = next.items.length - 1; i >= 0; i--) stack.push(next.items[i]!);
  }
  return undefined;
}

/** The names of the pattern variables in `pattern`, in first-occurrence order (without recursion). */
export function patternVariables(pattern: Term): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const visited = new Set<Term>();
  const stack: Term[] = [pattern];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === "sym") {
      if (t.isPatternVar && !seen.has(t.name)) {
        seen.add(t.name);
        names.push(t.name);
      }
    } else if (t.kind === "app" && !visited.has(t)) {
      visited.add(t);
      for (let i = t.args.length - 1; i >= 0; i--) stack.push(t.args[i]!);
    }
  }
  return names;
}
