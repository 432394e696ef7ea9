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
  let masked = "";
  let line = 1;
  let column = 1;
  let inComment = false;
  let stringStart: { line: number; column: number; offset: number } | undefined;
  for (let offset = 0; offset < text.length; offset++) {
    const ch = text[offset]!;
    if (ch === "\n") {
      if (stringStart !== undefined)
        throw context.fail("this string has no closing '\"' on its line", stringStart);
      inComment = false;
      masked += ch;
      line++;
      column = 1;
      continue;
    }
    if (stringStart !== undefined) {
      if (ch === '"') stringStart = undefined;
      masked += ch === '"' ? ch : "_";
    } else {
      if (ch === ";") inComment = true;
      else if (ch === '"' && !inComment) stringStart = { line, column, offset };
      masked += ch;
    }
    column++;
  }
  if (stringStart !== undefined) throw context.fail("this string has no closing '\"'", stringStart);
  return masked;
}

/** Where the atom `text` first occurs inside `node` (patterns are small, so plain recursion). */
export function findAtom(node: SNode, text: string): SourcePosition | undefined {
  if (node.kind === "atom") return node.text === text ? node.position : undefined;
  for (const item of node.items) {
    const found = findAtom(item, text);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The names of the pattern variables in `pattern`, in first-occurrence order. */
export function patternVariables(pattern: Term): string[] {
  const names: string[] = [];
  const visit = (t: Term): void => {
    if (t.kind === "sym") {
      if (t.isPatternVar && !names.includes(t.name)) names.push(t.name);
    } else if (t.kind === "app") {
      for (const arg of t.args) visit(arg);
    }
  };
  visit(pattern);
  return names;
}
