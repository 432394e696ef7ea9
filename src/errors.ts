import { formatCount } from "./format-count.js";
/**
 * Every error dsat raises on purpose is a {@link DsatError}: a typed value with a readable
 * message and the exit code the CLI uses for it. Anything else that escapes is a bug.
 */

/** A place in a source text: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Exit codes of the `dsat` command, one per kind of failure. */
export const ExitCode = {
  ok: 0,
  syntax: 1,
  usage: 2,
  ruleFile: 3,
  unknownOperator: 4,
  arity: 5,
  unboundVariable: 6,
  divisionByZero: 7,
  limit: 8,
  unresolvedDerivative: 9,
  domain: 10,
  unsound: 11,
  internal: 70,
  /** The output could not be written (a full disk); a closed pipe is not an error (exit 0). */
  output: 74,
} as const;

/** Base class of the errors dsat raises on purpose. */
export class DsatError extends Error {
  /** The process exit code the CLI uses for this error. */
  readonly exitCode: number = ExitCode.internal;
  override get name(): string {
    return this.constructor.name;
  }
}

/**
 * Renders a source line with a caret under `position`, for error messages:
 *
 * ```text
 *   x + * y
 *       ^
 * ```
 */
export function caretSnippet(source: string, position: SourcePosition): string {
  const lines = source.split(/\r?\n/);
  const text = lines[position.line - 1] ?? "";
  // Long lines are cut around the column so the caret stays readable.
  const window = 100;
  let start = 0;
  if (text.length > window && position.column > window / 2) start = position.column - 1 - window / 2;
  const shown = text.slice(start, start + window);
  const prefix = start > 0 ? "…" : "";
  const suffix = start + window < text.length ? "…" : "";
  const caretColumn = position.column - 1 - start + prefix.length;
  return `  ${prefix}${shown}${suffix}\n  ${" ".repeat(Math.max(0, caretColumn))}^`;
}

/** A problem in a rules file: the message starts with `file:line:col`. */
export class RuleFileError extends DsatError {
  override readonly exitCode: number = ExitCode.ruleFile;
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly position: SourcePosition,
    readonly source?: string,
  ) {
    super(
      `${file}:${position.line}:${position.column}: ${reason}${source === undefined ? "" : `\n${caretSnippet(source, position)}`}`,
    );
  }
}

/** A rules file that cannot be read: `cannot read rules file 'x.rules': no such file`. */
export class RuleFileReadError extends DsatError {
  override readonly exitCode: number = ExitCode.ruleFile;
  constructor(
    readonly file: string,
    /** The system's error code (`ENOENT`, `EACCES`, …), when there is one. */
    readonly code?: string,
  ) {
    super(`cannot read rules file '${file}': ${readFailure(code)}`);
  }
}

/** Why a file could not be read, in words, from the system's error code. */
export function readFailure(code: string | undefined): string {
  return READ_FAILURES[code ?? ""] ?? code ?? "unreadable";
}

const READ_FAILURES: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
};

/** Where in which text a problem was found, for errors that may or may not come from source text. */
export interface SourceSpot {
  readonly position: SourcePosition;
  readonly source: string;
  readonly file?: string;
}

function locate(message: string, at?: SourceSpot): string {
  if (at === undefined) return message;
  const { position, source, file } = at;
  const where = file ? `${file}:${position.line}:${position.column}: ` : "";
  return `${where}${message} at line ${position.line}, column ${position.column}\n${caretSnippet(source, position)}`;
}

/** A syntax error in an expression, with the position and a caret under it. */
export class ParseError extends DsatError {
  override readonly exitCode: number = ExitCode.syntax;
  constructor(
    readonly reason: string,
    readonly position: SourcePosition,
    readonly source: string,
    readonly file?: string,
  ) {
    super(locate(reason, { position, source, ...(file === undefined ? {} : { file }) }));
  }
}

/** An operator name the theory does not declare. */
export class UnknownOperatorError extends DsatError {
  override readonly exitCode: number = ExitCode.unknownOperator;
  constructor(
    readonly operator: string,
    readonly at?: SourceSpot,
  ) {
    super(locate(`unknown operator '${operator}'`, at));
  }
}

/** An operator applied to the wrong number of arguments. */
export class ArityError extends DsatError {
  override readonly exitCode: number = ExitCode.arity;
  constructor(
    readonly operator: string,
    readonly expected: number,
    readonly actual: number,
    readonly at?: SourceSpot,
    /**
     * Every arity the name is declared with, when there are several (`log(x)` and `log(x, b)`):
     * the message lists them all instead of `expected` alone.
     */
    readonly accepted?: readonly number[],
  ) {
    const counts = accepted === undefined || accepted.length < 2 ? [expected] : accepted;
    const listed =
      counts.length === 1
        ? `${counts[0]}`
        : `${counts.slice(0, -1).join(", ")} or ${counts[counts.length - 1]}`;
    const plural = counts.length === 1 && counts[0] === 1 ? "" : "s";
    super(locate(`operator '${operator}' takes ${listed} argument${plural}, got ${actual}`, at));
  }
}

/** Evaluation met a variable with no value in the environment. */
export class UnboundVariableError extends DsatError {
  override readonly exitCode: number = ExitCode.unboundVariable;
  constructor(readonly variable: string) {
    super(`variable '${variable}' has no value (give it one, e.g. ${variable}=1)`);
  }
}

/**
 * A document given as an e-graph (`EGraph.fromJSON`) is not one in the egraph-serialize format:
 * not JSON, no `nodes`, a node without `op` or `eclass`, a child that is not there, a class with
 * no finite term. A syntax error of the file, so exit 1 like one in an expression.
 */
export class EGraphFormatError extends DsatError {
  override readonly exitCode: number = ExitCode.syntax;
}

/** Exact arithmetic divided by zero (constant folding or exact evaluation). */
export class DivisionByZeroError extends DsatError {
  override readonly exitCode: number = ExitCode.divisionByZero;
  constructor(
    readonly expression: string,
    message = `division by zero in exact arithmetic: ${expression}`,
  ) {
    super(message);
  }
}

/**
 * An expression defined nowhere: one of its divisors is 0 wherever the divisor itself is
 * defined (`3/(2*x - (x + x))`). Raised by `diff`, `simplify` and `eval` instead of printing
 * a result; `divisor` is the divisor as written, printed.
 */
export class ZeroDivisorError extends DivisionByZeroError {
  constructor(readonly divisor: string) {
    super(
      divisor,
      `division by zero: the divisor ${divisor} is 0 for every value of its variables, so the expression is defined nowhere`,
    );
  }
}

/** A resource limit (rewrite fuel, e-graph nodes, time, depth) was exhausted where a result was required. */
export class LimitError extends DsatError {
  override readonly exitCode: number = ExitCode.limit;
  constructor(
    readonly limit: "fuel" | "nodes" | "time" | "depth" | "size" | "range",
    message: string,
  ) {
    super(message);
  }
}

/**
 * A term too large to print as a tree: shared subterms are written once per use, so a term
 * with few distinct subterms can print as billions of nodes. Print it with its shared
 * subexpressions named (`commonSubexpressions`, `dsat … --cse`) or raise the limit.
 */
export class OutputTooLargeError extends LimitError {
  constructor(
    /** Nodes of the term written out as a tree. */
    readonly treeSize: number,
    /** Distinct subterms: the size of the term as a shared DAG. */
    readonly dagSize: number,
    /** The limit it exceeds. */
    readonly maxNodes: number,
  ) {
    super(
      "size",
      `the result is too large to print: ${formatCount(treeSize)} nodes written out as a tree (${formatCount(dagSize)} distinct subterms), over the output limit of ${formatCount(maxNodes)} nodes; print it with shared subexpressions (--cse; commonSubexpressions in the library) or raise the limit (--max-output N; the maxNodes print option)`,
    );
  }
}

/** Differentiation left a `d` the rules could not resolve. */
export class UnresolvedDerivativeError extends DsatError {
  override readonly exitCode: number = ExitCode.unresolvedDerivative;
  constructor(
    readonly operator: string,
    message: string,
  ) {
    super(message);
  }
}

/** A numeric evaluation left its domain (log of a negative, 1/0 in floating point, …). */
export class DomainError extends DsatError {
  override readonly exitCode: number = ExitCode.domain;
}

/**
 * An expression defined nowhere: it applies an operator to numbers outside its domain
 * (`log(0)`, `sqrt(-1)`, `asin(2)`). Raised by `diff`, `grad`, `simplify` and `eval` instead of
 * printing a result; `constant` is that application, printed.
 */
export class UndefinedConstantError extends DomainError {
  constructor(
    readonly constant: string,
    readonly operator: string,
  ) {
    super(`the expression is defined nowhere: ${constant} is undefined (outside the domain of ${operator})`);
  }
}

/**
 * Rules proved two different numbers equal (saturation merged the constants 1 and 0): some
 * rule of the theory is unsound, such as a user's `(log ?a) => ?a`. `dsat check` finds which.
 */
export class UnsoundRuleError extends DsatError {
  override readonly exitCode: number = ExitCode.unsound;
}

/** The command line was used wrongly. */
export class UsageError extends DsatError {
  override readonly exitCode: number = ExitCode.usage;
}

/** An error as data, for `--json` and batch records: its exit-code kind, exit code and message. */
export interface ErrorRecord {
  /** The name of its exit code (`syntax`, `ruleFile`, `unknownOperator`, …; `internal` for a bug). */
  readonly kind: string;
  readonly exitCode: number;
  readonly message: string;
}

const kindOfCode = new Map<number, string>(Object.entries(ExitCode).map(([kind, code]) => [code, kind]));

/** `error` as an {@link ErrorRecord}: a `DsatError` keeps its code; anything else is internal. */
export function errorRecord(error: unknown): ErrorRecord {
  if (error instanceof DsatError) {
    return {
      kind: kindOfCode.get(error.exitCode) ?? "internal",
      exitCode: error.exitCode,
      message: error.message,
    };
  }
  const message =
    error instanceof RangeError && /call stack/i.test(error.message)
      ? "the input is nested too deeply for a recursive step (please report)"
      : `${error instanceof Error ? error.message : String(error)} (this is a bug)`;
  return { kind: "internal", exitCode: ExitCode.internal, message };
}
