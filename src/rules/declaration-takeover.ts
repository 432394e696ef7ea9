import type { SNode } from "../syntax/sexpr-reader.js";
import { baseOperators, type OperatorSpec, type OperatorSyntax } from "../term/operator.js";
import type { Theory } from "../theory.js";
import { declaredMeaningOf } from "./declared-meaning.js";
import type { RuleFileContext } from "./rule-file-context.js";

/**
 * What an `(operator …)` declaration may not take from the theory it is added to: a rules
 * file extends a theory, it does not silently change what expressions already mean.
 *
 * - A **built-in** operator (`+ - * / ^ neg sin cos tan exp log sqrt d`) keeps its meaning,
 *   syntax and domain: a redeclaration may only add `:description` or `:latex`.
 * - An operator's **numeric meaning** is permanent once given: a redeclaration may repeat it
 *   (the same `:js` function or `:eval` definition), or add one where there was none.
 * - A **syntax** belongs to one operator: an infix or prefix symbol, or a call name for a
 *   given number of arguments (`log(x)` and `log(x, b)` are two operators, which is fine).
 * - A **single letter** is never an operator symbol: `:infix x` would take the variable `x`
 *   away from every expression. Word symbols of two or more letters (`mod`) are allowed.
 */

const BUILT_IN = new Set(baseOperators.map((spec) => spec.name));
/** What a redeclaration of a built-in operator may say: words about it, not its meaning. */
const DESCRIPTIVE = new Set([":description", ":latex"]);
const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One option of the declaration: its keyword and value nodes. */
export interface DeclaredOption {
  readonly keyword: SNode;
  readonly value: SNode;
}

/** The declaration being checked, as read so far. */
export interface Declaration {
  readonly name: string;
  readonly arity: number;
  readonly nameNode: SNode;
  readonly options: ReadonlyMap<string, DeclaredOption>;
  /** The syntax the operator will have. */
  readonly syntax: OperatorSyntax;
  /** The numeric meaning the declaration gives, when it gives one. */
  readonly evaluate: OperatorSpec["evaluate"];
}

/** Throws a rules-file error when `declaration` takes something `theory` already gives (see above). */
export function checkNoTakeover(declaration: Declaration, theory: Theory, context: RuleFileContext): void {
  const { name, options } = declaration;
  const existing = theory.operators[name];
  if (existing !== undefined && BUILT_IN.has(name)) {
    for (const [keyword, option] of options) {
      if (DESCRIPTIVE.has(keyword)) continue;
      throw context.fail(
        `'${name}' is a built-in operator: a rules file cannot change its ${aspect(keyword)} (only :description and :latex may be added); declare an operator of another name`,
        option.keyword.position,
      );
    }
  }
  const meaning = options.get(":eval") ?? options.get(":js");
  if (existing?.evaluate !== undefined && meaning !== undefined && declaration.evaluate !== undefined) {
    if (!sameMeaning(existing, declaration.evaluate)) {
      throw context.fail(
        `operator '${name}' already has a numeric meaning (${meaningText(existing)}); a rules file cannot change it, declare an operator of another name`,
        meaning.keyword.position,
      );
    }
  }
  checkSyntax(declaration, theory, context);
}

function aspect(keyword: string): string {
  if (keyword === ":eval" || keyword === ":js") return "numeric meaning";
  if (keyword === ":domain") return "domain";
  return "syntax";
}

/** Whether `evaluate` (of a new declaration) is the meaning `existing` has already. */
function sameMeaning(existing: OperatorSpec, evaluate: NonNullable<OperatorSpec["evaluate"]>): boolean {
  if (existing.evaluate === evaluate) return true;
  const old = declaredMeaningOf(existing);
  const now = declaredMeaningOf({ ...existing, evaluate });
  if (old === undefined || now === undefined) return false;
  if (old.kind === "js" && now.kind === "js") return old.name === now.name;
  return old.kind === "eval" && now.kind === "eval" && old.definition === now.definition;
}

function meaningText(spec: OperatorSpec): string {
  const meaning = declaredMeaningOf(spec);
  if (meaning === undefined) return "built in";
  return meaning.kind === "js" ? `:js ${meaning.name}` : "an :eval definition";
}

/** The syntax of `declaration` must be its own: no symbol or call another operator has. */
function checkSyntax(declaration: Declaration, theory: Theory, context: RuleFileContext): void {
  const { name, arity, syntax, options } = declaration;
  const given = options.get(":infix") ?? options.get(":prefix") ?? options.get(":call");
  // An operator already declared keeps the syntax it has unless the declaration gives one.
  if (given === undefined && theory.operators[name] !== undefined) return;
  const at = (given?.value ?? declaration.nameNode).position;
  if (syntax.kind !== "call") {
    if (WORD.test(syntax.symbol) && syntax.symbol.length === 1) {
      throw context.fail(
        `a single letter cannot be an operator symbol: '${syntax.symbol}' would stop being a variable in every expression (use punctuation, like ** or %, or a word such as mod)`,
        at,
      );
    }
  }
  for (const other of Object.values(theory.operators)) {
    if (other.name === name) continue;
    const clash = clashing(syntax, arity, other);
    if (clash !== undefined) {
      throw context.fail(`${clash} is already the syntax of operator '${other.name}'; choose another`, at);
    }
    if (syntax.kind !== "call" && WORD.test(syntax.symbol) && syntax.symbol === other.name) {
      throw context.fail(
        `'${syntax.symbol}' is already the name of operator '${other.name}'; choose another`,
        at,
      );
    }
  }
}

/** How `syntax` (of an operator of `arity` arguments) collides with `other`'s, if it does. */
function clashing(syntax: OperatorSyntax, arity: number, other: OperatorSpec): string | undefined {
  const theirs = other.syntax;
  if (syntax.kind === "call") {
    if (theirs.kind === "call" && theirs.name === syntax.name && other.arity === arity)
      return `the call ${syntax.name}(…) with ${arity} argument${arity === 1 ? "" : "s"}`;
    if (theirs.kind !== "call" && theirs.symbol === syntax.name) return `'${syntax.name}'`;
    return undefined;
  }
  if (theirs.kind === syntax.kind && theirs.symbol === syntax.symbol)
    return `${syntax.kind} '${syntax.symbol}'`;
  if (theirs.kind === "call" && WORD.test(syntax.symbol) && theirs.name === syntax.symbol)
    return `the call ${syntax.symbol}(…)`;
  return undefined;
}
