import { DomainError, UsageError } from "../errors.js";
import { declaredMeaningOf } from "../rules/operator-declaration.js";
import type { App, Num, Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import { type Theory, type TheoryOption, theoryOrDefault } from "../theory.js";
import { BASE_JS_FORMS, type JsForm, verifiedJsForm } from "./base-forms.js";
import { expandDefinitions } from "./expand-definitions.js";

/**
 * JavaScript source for a term: straight-line code over its DAG.
 *
 * Each distinct subterm is computed once. A subterm used more than once becomes a local
 * (`const t3 = …;`), and so does any subterm whose inline expression would nest deeper than
 * {@link MAX_INLINE_DEPTH}: a term nested 100,000 deep compiles to a long list of short
 * statements, never to one deeply nested expression (which would overflow the JavaScript
 * parser's stack). Every operation computes exactly what `evaluate` computes, so compiled and
 * interpreted values agree bit for bit: base operators are written in JavaScript forms checked
 * against their meaning (`base-forms.ts`: `/` keeps the interpreter's NaN for a zero divisor,
 * `log` its NaN at 0), operators declared with `:eval` are expanded into their definitions,
 * `:js` operators call their registered functions, and any other operator calls its `evaluate`.
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

/** Code for one computed value: an expression, whether it needs parentheses as an operand, its nesting. */
interface Code {
  readonly text: string;
  readonly atomic: boolean;
  readonly depth: number;
  /** The number, when the value is a literal. */
  readonly literal?: number;
}

/** See the module comment. Throws a {@link UsageError} for a variable not among `variables`. */
export function compileSource(
  term: Term,
  variables: readonly string[],
  options: TheoryOption = {},
): CompiledSource {
  return new SourceWriter(theoryOrDefault(options.theory), variables).write(term);
}

class SourceWriter {
  private readonly parameterNames = new Map<string, string>();
  private readonly helpers = new Map<string, string>();
  private readonly operatorHelpers = new Map<string, string>();
  private readonly lines: string[] = [];
  private localCount = 0;

  constructor(
    private readonly theory: Theory,
    private readonly variables: readonly string[],
  ) {
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
    const term = expandDefinitions(input, { theory: this.theory });
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
    const form = verifiedJsForm(spec);
    if (form !== undefined) return this.baseOperation(t.op, form, args, depth);
    const meaning = declaredMeaningOf(spec);
    if (meaning?.kind === "js") {
      const mathName = meaning.name.startsWith("Math.") ? meaning.name.slice(5) : undefined;
      const math =
        mathName === undefined ? undefined : (Math as unknown as Record<string, unknown>)[mathName];
      // A constant such as Math.PI, registered as a function of no arguments returning it.
      if (t.args.length === 0 && typeof math === "number" && Object.is(math, meaning.fn.evaluate())) {
        return { text: meaning.name, atomic: true, depth };
      }
      if (math !== undefined && math === meaning.fn.evaluate) {
        return this.call(meaning.name, args, depth);
      }
      const helper = this.helperName(t.op);
      return this.call(helper, args, depth, `const ${helper} = $js(${JSON.stringify(meaning.name)});`);
    }
    const helper = this.helperName(t.op);
    return this.call(helper, args, depth, `const ${helper} = $operator(${JSON.stringify(t.op)});`);
  }

  /** A base operator in its checked JavaScript form (see `base-forms.ts`). */
  private baseOperation(op: string, form: JsForm, args: readonly Code[], depth: number): Code {
    const [a, b] = args;
    // Shortcuts where the helper's special case cannot arise: a nonzero constant divisor, a
    // power with a constant exponent >= 0 or a nonzero constant base.
    if (op === "/" && b!.literal !== undefined && b!.literal !== 0) {
      return { text: `${operand(a!)} / ${operand(b!)}`, atomic: false, depth };
    }
    if (
      op === "^" &&
      ((b!.literal !== undefined && b!.literal >= 0) || (a!.literal !== undefined && a!.literal !== 0))
    ) {
      return { text: `${operand(a!)} ** ${operand(b!)}`, atomic: false, depth };
    }
    const inline = form.inline;
    if (inline?.kind === "infix")
      return { text: `${operand(a!)} ${inline.symbol} ${operand(b!)}`, atomic: false, depth };
    if (inline?.kind === "prefix") return { text: `${inline.symbol}${operand(a!)}`, atomic: false, depth };
    if (inline?.kind === "call") return this.call(inline.name, args, depth);
    const helper = `$${HELPER_NAMES[op] ?? op}`;
    return this.call(helper, args, depth, `const ${helper} = ${form.source};`);
  }

  private call(name: string, args: readonly Code[], depth: number, helper?: string): Code {
    if (helper !== undefined && !this.helpers.has(name)) this.helpers.set(name, helper);
    return { text: `${name}(${args.map((a) => a.text).join(", ")})`, atomic: true, depth };
  }

  /** `$name` for an operator written as a word, `$op1`, `$op2`, … for symbols such as `**`. */
  private helperName(op: string): string {
    let name = this.operatorHelpers.get(op);
    if (name === undefined) {
      // Unique among all helpers: an operator called `div` must not take the name of `/`'s.
      const stem = VARIABLE_NAME.test(op) ? `$${op}` : "$op";
      const taken = (candidate: string) =>
        RESERVED_HELPERS.has(candidate) || [...this.operatorHelpers.values()].includes(candidate);
      name = stem === "$op" ? "$op1" : stem;
      for (let k = 2; taken(name); k++) name = `${stem}${k}`;
      this.operatorHelpers.set(op, name);
    }
    return name;
  }
}

/** Helper names of base operators written as symbols. */
const HELPER_NAMES: Record<string, string> = { "/": "div", "^": "pow" };
/** Names base operators' helpers may take, never given to another operator's helper. */
const RESERVED_HELPERS = new Set(
  Object.entries(BASE_JS_FORMS)
    .filter(([, form]) => form.inline === undefined)
    .map(([op]) => `$${HELPER_NAMES[op] ?? op}`),
);

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
