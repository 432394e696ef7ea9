import { DomainError, UsageError } from "../errors.js";
import { declaredMeaningOf } from "../rules/operator-declaration.js";
import { baseOperators, type OperatorSpec } from "../term/operator.js";
import type { App, Num, Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";
import { expandDefinitions } from "./expand-definitions.js";

/**
 * JavaScript source for a term: straight-line code over its DAG.
 *
 * Each distinct subterm is computed once. A subterm used more than once becomes a local
 * (`const t3 = …;`), and so does any subterm whose inline expression would nest deeper than
 * {@link MAX_INLINE_DEPTH}: a term nested 100,000 deep compiles to a long list of short
 * statements, never to one deeply nested expression (which would overflow the JavaScript
 * parser's stack). Every operation computes exactly what `evaluate` computes, so compiled and
 * interpreted values agree bit for bit: `/` and `^` keep the interpreter's NaN for a zero
 * divisor and for `0^negative`, operators declared with `:eval` are expanded into their
 * definitions, and `:js` operators call their registered functions.
 *
 * The text is the body of a factory, `new Function("$js", "$operator", text)`, that returns
 * the function; `$js(name)` is the registered JavaScript function `name`, `$operator(name)`
 * the numeric meaning of an operator the theory declares in code.
 *
 * @example
 * ```ts
 * compileSource(parseExpression("sin(x*y) + x*y", { theory }), ["x", "y"], theory).text;
 * // return function (x, y) {
 * //   const t1 = x * y;
 * //   return Math.sin(t1) + t1;
 * // };
 * ```
 */

/** The generated text and what it needs. */
export interface CompiledSource {
  /** Factory body: helper definitions, then `return function (…) { … };`. */
  readonly text: string;
  /** The JavaScript names of the function's parameters, in the order of the variables. */
  readonly parameters: readonly string[];
  /** Locals the function computes (shared or split subterms). */
  readonly locals: number;
}

/** Deepest inline expression before a subterm gets a local of its own. */
export const MAX_INLINE_DEPTH = 12;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names a parameter must not have: JavaScript's reserved words and the globals the code uses. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if import in instanceof new null return super switch this throw true try " +
    "typeof var void while with yield let static implements interface package private protected public " +
    "await arguments eval undefined NaN Infinity Math"
  ).split(" "),
);

/** How a base operator is written; `a`, `b` are operand codes. */
const BASE_UNARY_CALLS: Record<string, string> = {
  sin: "Math.sin",
  cos: "Math.cos",
  tan: "Math.tan",
  exp: "Math.exp",
  log: "Math.log",
  sqrt: "Math.sqrt",
};

const HELPERS = {
  div: "const $div = (a, b) => (b === 0 ? NaN : a / b);",
  pow: "const $pow = (a, b) => (a === 0 && b < 0 ? NaN : a ** b);",
} as const;

/** Code for one computed value: an expression, whether it needs parentheses as an operand, its nesting. */
interface Code {
  readonly text: string;
  readonly atomic: boolean;
  readonly depth: number;
  /** The number, when the value is a literal. */
  readonly literal?: number;
}

/** See the module comment. Throws a {@link UsageError} for a variable not among `variables`. */
export function compileSource(term: Term, variables: readonly string[], theory: Theory): CompiledSource {
  return new SourceWriter(theory, variables).write(term);
}

class SourceWriter {
  private readonly parameterNames = new Map<string, string>();
  private readonly helpers = new Map<string, string>();
  private readonly operatorHelpers = new Map<string, string>();
  private readonly baseEvaluators = new Map<string, OperatorSpec["evaluate"]>();
  private readonly lines: string[] = [];
  private localCount = 0;

  constructor(
    private readonly theory: Theory,
    private readonly variables: readonly string[],
  ) {
    for (const spec of baseOperators) this.baseEvaluators.set(spec.name, spec.evaluate);
    const seen = new Set<string>();
    for (const v of variables) {
      if (!VARIABLE_NAME.test(v)) throw new UsageError(`'${v}' is not a variable name`);
      if (seen.has(v)) throw new UsageError(`variable '${v}' is listed twice`);
      seen.add(v);
      // Variables never contain '$', so a '$' prefix cannot clash with another parameter.
      this.parameterNames.set(v, RESERVED.has(v) ? `$${v}` : v);
    }
  }

  write(input: Term): CompiledSource {
    const term = expandDefinitions(input, this.theory);
    const order = postorder(term);
    const uses = new Map<number, number>();
    for (const t of order) {
      if (t.kind === "app") for (const a of t.args) uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
    }
    const taken = new Set(this.parameterNames.values());
    const codes = new Map<number, Code>();
    for (const t of order) {
      let code: Code;
      if (t.kind === "num") code = literal(t);
      else if (t.kind === "sym") code = { text: this.parameter(t.name), atomic: true, depth: 0 };
      else {
        code = this.operation(
          t,
          t.args.map((a) => codes.get(a.id)!),
        );
        const shared = (uses.get(t.id) ?? 0) >= 2;
        if (t !== term && (shared || code.depth >= MAX_INLINE_DEPTH)) {
          let name: string;
          do name = `t${++this.localCount}`;
          while (taken.has(name));
          this.lines.push(`  const ${name} = ${code.text};`);
          code = { text: name, atomic: true, depth: 0 };
        }
      }
      codes.set(t.id, code);
    }
    const parameters = this.variables.map((v) => this.parameterNames.get(v)!);
    const text = [
      ...this.helpers.values(),
      `return function (${parameters.join(", ")}) {`,
      ...this.lines,
      `  return ${codes.get(term.id)!.text};`,
      "};",
    ].join("\n");
    return { text, parameters, locals: this.lines.length };
  }

  private parameter(name: string): string {
    const js = this.parameterNames.get(name);
    if (js === undefined) {
      const list = this.variables.length === 0 ? "none" : this.variables.join(", ");
      throw new UsageError(
        `variable '${name}' is not a parameter of the compiled function (parameters: ${list}); add it to the variables`,
      );
    }
    return js;
  }

  private operation(t: App, args: readonly Code[]): Code {
    const spec = this.theory.operators[t.op];
    if (spec === undefined || spec.evaluate === undefined) {
      throw new DomainError(
        t.op === "d"
          ? "cannot compile a derivative (d …): differentiate it first"
          : `operator '${t.op}' has no numeric meaning, so it cannot be compiled`,
      );
    }
    const depth = 1 + Math.max(0, ...args.map((a) => a.depth));
    const [a, b] = args;
    if (spec.evaluate === this.baseEvaluators.get(t.op)) {
      switch (t.op) {
        case "+":
        case "-":
        case "*":
          return { text: `${operand(a!)} ${t.op} ${operand(b!)}`, atomic: false, depth };
        case "/":
          if (b!.literal !== undefined && b!.literal !== 0) {
            return { text: `${operand(a!)} / ${operand(b!)}`, atomic: false, depth };
          }
          return this.call("$div", args, depth, HELPERS.div);
        case "^":
          if (
            (b!.literal !== undefined && b!.literal >= 0) ||
            (a!.literal !== undefined && a!.literal !== 0)
          ) {
            return { text: `${operand(a!)} ** ${operand(b!)}`, atomic: false, depth };
          }
          return this.call("$pow", args, depth, HELPERS.pow);
        case "neg":
          return { text: `-${operand(a!)}`, atomic: false, depth };
        default: {
          const name = BASE_UNARY_CALLS[t.op];
          if (name !== undefined) return this.call(name, args, depth);
        }
      }
    }
    const meaning = declaredMeaningOf(spec);
    if (meaning?.kind === "js") {
      const mathName = meaning.name.startsWith("Math.") ? meaning.name.slice(5) : undefined;
      const math =
        mathName === undefined ? undefined : (Math as unknown as Record<string, unknown>)[mathName];
      if (math !== undefined && math === meaning.fn.evaluate) {
        return this.call(meaning.name, args, depth);
      }
      const helper = this.helperName(t.op);
      return this.call(helper, args, depth, `const ${helper} = $js(${JSON.stringify(meaning.name)});`);
    }
    const helper = this.helperName(t.op);
    return this.call(helper, args, depth, `const ${helper} = $operator(${JSON.stringify(t.op)});`);
  }

  private call(name: string, args: readonly Code[], depth: number, helper?: string): Code {
    if (helper !== undefined && !this.helpers.has(name)) this.helpers.set(name, helper);
    return { text: `${name}(${args.map((a) => a.text).join(", ")})`, atomic: true, depth };
  }

  /** `$name` for an operator written as a word, `$op1`, `$op2`, … for symbols such as `**`. */
  private helperName(op: string): string {
    let name = this.operatorHelpers.get(op);
    if (name === undefined) {
      name = VARIABLE_NAME.test(op) ? `$${op}` : `$op${this.operatorHelpers.size + 1}`;
      this.operatorHelpers.set(op, name);
    }
    return name;
  }
}

function operand(code: Code): string {
  return code.atomic ? code.text : `(${code.text})`;
}

/** A number as a JavaScript literal that reads back as the same double; negatives in parentheses. */
function literal(n: Num): Code {
  const value = n.value.toNumber();
  const negative = value < 0 || Object.is(value, -0);
  const text = Object.is(value, -0) ? "-0" : String(value);
  return { text: negative ? `(${text})` : text, atomic: true, depth: 0, literal: value };
}
