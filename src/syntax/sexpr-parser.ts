import { ArityError, ParseError, type SourceSpot, UnknownOperatorError } from "../errors.js";
import { decimalRangeProblem, Rational } from "../term/rational.js";
import { app, num, sym, type Term } from "../term/term.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
import { readSExpressions, type SNode } from "./sexpr-reader.js";
import { declaredOperator } from "./syntax-table.js";

/** Options for turning S-expressions into terms. */
export interface SExprOptions extends TheoryOption {
  /** Accept pattern variables `?a` (rules files); plain expressions reject them. */
  readonly patternVariables?: boolean;
  /** Named in error messages. */
  readonly file?: string;
}

const SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A variable name in single quotes (`'pi'`), read as a variable even when it names a constant. */
const QUOTED = /^'([A-Za-z_][A-Za-z0-9_]*)'$/;
// `?0`, `?1`, … name the arguments in an operator's `:eval` definition (rules files).
const PATTERN_VARIABLE = /^\?([A-Za-z_][A-Za-z0-9_]*|\d+)$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?([eE][+-]?\d+)?|\d+\/\d+)$/;

/** Variadic sugar: `(+ a b c)` is `(+ (+ a b) c)`; `(- a)` is `(neg a)`. */
const LEFT_FOLDED = new Set(["+", "*"]);

/**
 * Builds the term an S-expression node denotes, checking operators and arities against
 * the theory. Iterative: a list nested 100,000 deep is fine.
 */
export function termFromSNode(root: SNode, source: string, options: SExprOptions): Term {
  const theory = theoryOrDefault(options.theory);
  const spot = (node: SNode): SourceSpot => ({
    position: node.position,
    source,
    ...(options.file === undefined ? {} : { file: options.file }),
  });
  const fail = (reason: string, node: SNode) => new ParseError(reason, node.position, source, options.file);

  const leaf = (node: SNode & { kind: "atom" }): Term => {
    const text = node.text;
    if (NUMBER.test(text)) {
      try {
        const value = Rational.parse(text);
        if (value !== undefined) return num(value);
      } catch {
        throw fail(`number literal '${text}' has a zero denominator`, node);
      }
      throw fail(`number literal '${text}' ${decimalRangeProblem(text)}`, node);
    }
    // A quoted name is a variable, whatever the theory declares: `'pi'`.
    const quoted = QUOTED.exec(text);
    if (quoted !== null) return sym(quoted[1]!);
    // As in infix: a named constant (an operator of arity 0) alone is that constant; the name
    // of any other operator alone is a variable (`d` in `(* d x)`), and a symbol such as `+`
    // alone is a mistake.
    const declared = declaredOperator(theory, text);
    if (declared?.arity === 0) return app(text, []);
    if (SYMBOL.test(text)) return sym(text);
    if (declared !== undefined) {
      throw fail(`operator '${text}' needs to be applied: write (${text} …)`, node);
    }
    if (PATTERN_VARIABLE.test(text)) {
      if (options.patternVariables) return sym(text);
      throw fail(`pattern variable '${text}' is only allowed in rules`, node);
    }
    throw fail(`'${text}' is not a number, a variable or an operator application`, node);
  };

  // Post-order over the S-expression tree with an explicit stack of half-built lists.
  const frames: { node: SNode & { kind: "list" }; next: number; args: Term[] }[] = [];
  let result: Term | undefined;
  const start = (node: SNode): Term | undefined => {
    if (node.kind === "atom") return leaf(node);
    const [head] = node.items;
    if (head === undefined) throw fail("empty list '()' is not an expression", node);
    if (head.kind !== "atom") throw fail("an operator name must come first in a list", head);
    frames.push({ node, next: 1, args: [] });
    return undefined;
  };
  result = start(root);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.node.items.length) {
      const child = frame.node.items[frame.next++]!;
      const built = start(child);
      if (built !== undefined) frame.args.push(built);
      continue;
    }
    frames.pop();
    const built = finishList(frame.node, frame.args);
    if (frames.length > 0) frames[frames.length - 1]!.args.push(built);
    else result = built;
  }
  return result!;

  function finishList(node: SNode & { kind: "list" }, args: Term[]): Term {
    const head = node.items[0] as SNode & { kind: "atom" };
    let op = head.text;
    if (op === "-" && args.length === 1) op = "neg";
    const spec = declaredOperator(theory, op);
    if (spec === undefined) throw new UnknownOperatorError(op, spot(head));
    if (LEFT_FOLDED.has(op) && spec.arity === 2 && args.length > 2) {
      let acc = app(op, [args[0]!, args[1]!]);
      for (let i = 2; i < args.length; i++) acc = app(op, [acc, args[i]!]);
      return acc;
    }
    if (spec.arity !== args.length) throw new ArityError(op, spec.arity, args.length, spot(head));
    return app(op, args);
  }
}

/**
 * Parses one S-expression into a term: `(+ (* x x) (* x y))`.
 *
 * @example
 * ```ts
 * parseSExpr("(+ x 1)", { theory: baseTheory }); // the term x + 1
 * ```
 */
export function parseSExpr(text: string, options: SExprOptions = {}): Term {
  const nodes = readSExpressions(text, {
    comments: false,
    ...(options.file === undefined ? {} : { file: options.file }),
  });
  if (nodes.length === 0) {
    throw new ParseError(
      "empty input: expected an expression",
      { line: 1, column: 1, offset: 0 },
      text,
      options.file,
    );
  }
  if (nodes.length > 1)
    throw new ParseError("unexpected text after the expression", nodes[1]!.position, text, options.file);
  return termFromSNode(nodes[0]!, text, options);
}
