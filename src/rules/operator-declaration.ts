import { evaluate, evaluateExact } from "../eval/evaluate.js";
import type { SNode } from "../syntax/sexpr-reader.js";
import type { DomainCondition, OperatorSpec, OperatorSyntax } from "../term/operator.js";
import type { Rational } from "../term/rational.js";
import { app, type Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";
import { checkNoTakeover } from "./declaration-takeover.js";
import { recordMeaning } from "./declared-meaning.js";
import { jsFunction, jsFunctionNames } from "./js-functions.js";
import { findAtom, type RuleFileContext } from "./rule-file-context.js";

export { type DeclaredMeaning, declaredMeaningOf } from "./declared-meaning.js";

/**
 * `(operator NAME ARITY option*)` declarations in rules files:
 *
 * ```text
 * (operator sinh 1 :eval (/ (- (exp ?0) (exp (neg ?0))) 2) :description "hyperbolic sine")
 * (operator ** 2 :infix ** :precedence 40 :assoc right :eval (^ ?0 ?1))
 * ```
 *
 * Without a syntax option the operator is written as a call, `sinh(x)`. With `:eval` its numeric
 * meaning is its definition, `?0` standing for the first argument; its exact meaning is the
 * definition evaluated exactly, so `sinh(0)` folds to `0`. With `:js NAME` its meaning is a
 * JavaScript function registered under NAME (see `js-functions.ts`): `(operator asin 1 :js Math.asin)`.
 * With `:domain (CONDITION…)` it states what holds wherever an application is defined, each
 * condition `(nonzero? E)`, `(positive? E)`, `(nonnegative? E)` or `(<= LOW E HIGH)` over the
 * arguments: `(operator asin 1 :js Math.asin :domain ((<= -1 ?0 1)))` (see `DomainCondition`).
 *
 * An operator of arity 0 is a named constant, written without parentheses: `(operator pi 0 :js
 * Math.PI)`, `(operator tau 0 :eval (* 2 pi))`. It has a floating-point value but no exact one.
 */

type Atom = SNode & { kind: "atom" };

const OPTION_NAMES = [
  ":infix",
  ":prefix",
  ":call",
  ":precedence",
  ":assoc",
  ":eval",
  ":js",
  ":description",
  ":latex",
  ":domain",
];
/** Options whose value is a double-quoted string. */
const STRING_OPTIONS = new Set([":description", ":latex"]);
const ARGUMENT_VARIABLE = /^\?(\d+)$/;
const MAX_ARITY = 16;
/** What a call may be spelled: a name as infix reads one. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The operator a declaration list declares, checked against `theory` (the theory built so far).
 * Redeclaring an operator with the same arity keeps what the new declaration does not say
 * (so a file may add `:eval` to an operator declared elsewhere without one); a different arity
 * is an error, and so is taking a built-in operator, a meaning or a syntax the theory already
 * has (see `declaration-takeover.ts`).
 */
export function parseOperatorDeclaration(
  list: SNode & { kind: "list" },
  theory: Theory,
  context: RuleFileContext,
): OperatorSpec {
  const [, nameNode, arityNode, ...rest] = list.items;
  if (nameNode === undefined || nameNode.kind !== "atom" || !isOperatorName(nameNode.text)) {
    throw context.fail(
      "expected an operator name after 'operator', as in (operator sinh 1 :eval …)",
      (nameNode ?? list).position,
    );
  }
  const name = nameNode.text;
  if (arityNode === undefined || arityNode.kind !== "atom" || !/^\d+$/.test(arityNode.text)) {
    throw context.fail(
      `expected the arity of '${name}' (a whole number of arguments) after its name`,
      (arityNode ?? nameNode).position,
    );
  }
  const arity = Number(arityNode.text);
  if (arity > MAX_ARITY)
    throw context.fail(`an operator takes at most ${MAX_ARITY} arguments`, arityNode.position);
  const existing = theory.operators[name];
  if (existing !== undefined && existing.arity !== arity) {
    throw context.fail(
      `operator '${name}' is already declared with arity ${existing.arity}; it cannot be redeclared with arity ${arity}`,
      arityNode.position,
    );
  }

  const options = readOptions(rest, context);
  const syntax = syntaxFrom(name, arity, options, context) ?? existing?.syntax ?? { kind: "call", name };
  // Written as a call by default, the name must be one infix can read back: `f-g(x, y)` reads
  // as f - g(x, y), and `|(x, y)` not at all.
  if (syntax.kind === "call" && !FUNCTION_NAME.test(syntax.name)) {
    throw context.fail(
      `'${name}' is not a function name, so it cannot be written ${name}(…); give it one with :call NAME, or a symbol with :infix or :prefix`,
      nameNode.position,
    );
  }
  let meaning: Pick<OperatorSpec, "evaluate" | "exact"> = {};
  const definitionNode = options.get(":eval");
  const jsNode = options.get(":js");
  if (definitionNode !== undefined && jsNode !== undefined) {
    throw context.fail(`choose one of :eval and :js for '${name}'`, jsNode.keyword.position);
  }
  if (definitionNode !== undefined) {
    const definition = checkedDefinition(name, arity, definitionNode.value, theory, context);
    meaning = meaningOf(definition, theory);
  } else if (jsNode !== undefined) {
    meaning = jsMeaningOf(name, arity, jsNode.value, context);
  } else if (existing !== undefined) {
    meaning = {
      ...(existing.evaluate === undefined ? {} : { evaluate: existing.evaluate }),
      ...(existing.exact === undefined ? {} : { exact: existing.exact }),
    };
  }
  checkNoTakeover({ name, arity, nameNode, options, syntax, evaluate: meaning.evaluate }, theory, context);
  // A named constant (arity 0) stays symbolic in exact arithmetic: folding never turns `pi`,
  // or a constant defined as a rational, into a number. Its value is for floating point only.
  if (arity === 0 && meaning.exact !== undefined) meaning = { evaluate: meaning.evaluate! };
  const description = options.get(":description")?.text ?? existing?.description;
  const latexOption = options.get(":latex");
  if (latexOption !== undefined) checkLatexTemplate(name, arity, latexOption, context);
  const latex = latexOption?.text ?? existing?.latex;
  const domainNode = options.get(":domain");
  const domain =
    domainNode === undefined ? existing?.domain : domainOf(name, arity, domainNode.value, theory, context);
  return {
    name,
    arity,
    syntax,
    ...meaning,
    ...(description === undefined ? {} : { description }),
    ...(latex === undefined ? {} : { latex }),
    ...(domain === undefined ? {} : { domain }),
  };
}

/** The sign predicates a `:domain` condition may use, by the kind of statement they make. */
const DOMAIN_PREDICATES: Readonly<Record<string, "nonzero" | "positive" | "nonnegative">> = {
  "nonzero?": "nonzero",
  "positive?": "positive",
  "nonnegative?": "nonnegative",
};

/**
 * The `:domain` list as a function of the arguments: each condition's term, a pattern over
 * `?0 … ?(arity-1)`, with the arguments put in.
 */
function domainOf(
  name: string,
  arity: number,
  node: SNode,
  theory: Theory,
  context: RuleFileContext,
): (args: readonly Term[]) => readonly DomainCondition[] {
  const example = "as in :domain ((positive? ?0)) or :domain ((<= -1 ?0 1))";
  // (positive? ?0) alone is one condition, not a list of them.
  if (node.kind !== "list" || node.items[0]?.kind === "atom")
    throw context.fail(`:domain takes a list of conditions, ${example}`, node.position);
  const conditions: DomainCondition[] = node.items.map((item) => {
    if (item.kind !== "list" || item.items[0]?.kind !== "atom")
      throw context.fail(`a domain condition is (PREDICATE TERM), ${example}`, item.position);
    const [head, ...rest] = item.items as [Atom, ...SNode[]];
    const kind = DOMAIN_PREDICATES[head.text];
    if (kind !== undefined && rest.length === 1)
      return { kind, term: argumentPattern(name, arity, rest[0]!, theory, context) };
    if (head.text === "<=" && rest.length === 3) {
      const [low, high] = [rest[0]!, rest[2]!].map((bound) => {
        const value = context.pattern(bound, theory);
        if (value.kind !== "num")
          throw context.fail("the bounds of (<= LOW TERM HIGH) are numbers", bound.position);
        return value.value;
      }) as [Rational, Rational];
      return { kind: "between", term: argumentPattern(name, arity, rest[1]!, theory, context), low, high };
    }
    throw context.fail(
      `a domain condition is (nonzero? TERM), (positive? TERM), (nonnegative? TERM) or (<= LOW TERM HIGH), not (${head.text} …)`,
      head.position,
    );
  });
  return (args) =>
    conditions.map((c) => ({ ...c, term: substituteArguments(c.term, args) }) as DomainCondition);
}

/** A term over the arguments `?0 … ?(arity-1)` of operator `name`, checked; `part` names it in errors. */
function argumentPattern(
  name: string,
  arity: number,
  node: SNode,
  theory: Theory,
  context: RuleFileContext,
  part: "domain" | "definition" = "domain",
): Term {
  const pattern = context.pattern(node, theory);
  for (const t of postorder(pattern)) {
    if (t.kind !== "sym") continue;
    const index = ARGUMENT_VARIABLE.exec(t.name);
    if (index === null || Number(index[1]) >= arity) {
      const allowed = arity === 0 ? "no variables" : arity === 1 ? "?0" : `?0 … ?${arity - 1}`;
      throw context.fail(
        `the ${part} of '${name}' may only use ${allowed} (its arguments), not '${t.name}'`,
        findAtom(node, t.name) ?? node.position,
      );
    }
  }
  return pattern;
}

/** `pattern` with `?i` replaced by `args[i]` (patterns are a few nodes: recursion is fine). */
function substituteArguments(pattern: Term, args: readonly Term[]): Term {
  if (pattern.kind === "sym") {
    const index = ARGUMENT_VARIABLE.exec(pattern.name);
    return index === null ? pattern : args[Number(index[1])]!;
  }
  if (pattern.kind === "num") return pattern;
  return app(
    pattern.op,
    pattern.args.map((a) => substituteArguments(a, args)),
  );
}

/** A `:latex` template may name arguments `#1` … `#ARITY` only, and must not be empty. */
function checkLatexTemplate(
  name: string,
  arity: number,
  option: OptionValue,
  context: RuleFileContext,
): void {
  const text = option.text!;
  if (text.trim() === "")
    throw context.fail(`the :latex spelling of '${name}' is empty`, option.value.position);
  for (const match of text.matchAll(/#(\d*)/g)) {
    const k = Number(match[1]);
    if (match[1] === "" || k < 1 || k > arity) {
      throw context.fail(
        `:latex of '${name}' names argument '${match[0]}', but '${name}' takes ${arity} (write #1 … #${arity})`,
        option.value.position,
      );
    }
  }
}

/** An option's value: the node after the keyword, and the text of a `:description` string. */
interface OptionValue {
  readonly keyword: Atom;
  readonly value: SNode;
  readonly text?: string;
}

function readOptions(items: readonly SNode[], context: RuleFileContext): Map<string, OptionValue> {
  const options = new Map<string, OptionValue>();
  let i = 0;
  while (i < items.length) {
    const keyword = items[i]!;
    if (keyword.kind !== "atom" || !OPTION_NAMES.includes(keyword.text)) {
      throw context.fail(`expected an option (${OPTION_NAMES.join(", ")})`, keyword.position);
    }
    if (options.has(keyword.text))
      throw context.fail(`option ${keyword.text} is given twice`, keyword.position);
    const value = items[i + 1];
    if (value === undefined) throw context.fail(`option ${keyword.text} needs a value`, keyword.position);
    if (STRING_OPTIONS.has(keyword.text)) {
      options.set(keyword.text, { keyword, value, text: stringText(value, context) });
      i += 2;
      continue;
    }
    if (keyword.text !== ":eval" && keyword.text !== ":domain" && value.kind !== "atom") {
      throw context.fail(`option ${keyword.text} takes a single word, not a list`, value.position);
    }
    options.set(keyword.text, { keyword, value });
    i += 2;
  }
  return options;
}

/** The text of the double-quoted string `node` (strings reach the parser masked: see `maskStrings`). */
function stringText(node: SNode, context: RuleFileContext): string {
  if (node.kind !== "atom" || !/^"[^"]*"$/.test(node.text)) {
    throw context.fail(
      'expected a double-quoted string, as in :description "hyperbolic sine"',
      node.position,
    );
  }
  return context.source.slice(node.position.offset + 1, node.position.offset + node.text.length - 1);
}

function syntaxFrom(
  name: string,
  arity: number,
  options: ReadonlyMap<string, OptionValue>,
  context: RuleFileContext,
): OperatorSyntax | undefined {
  const kinds = [":infix", ":prefix", ":call"].filter((k) => options.has(k));
  if (kinds.length > 1) {
    throw context.fail(
      `choose one of ${kinds.join(" and ")} for '${name}'`,
      options.get(kinds[1]!)!.keyword.position,
    );
  }
  const precedence = options.get(":precedence");
  const assoc = options.get(":assoc");
  const kind = kinds[0];
  if (kind !== ":infix" && assoc !== undefined) {
    throw context.fail(":assoc only applies to an :infix operator", assoc.keyword.position);
  }
  if ((kind === undefined || kind === ":call") && precedence !== undefined) {
    throw context.fail(
      ":precedence only applies to an :infix or :prefix operator",
      precedence.keyword.position,
    );
  }
  if (kind === undefined) return undefined;
  const spelling = atomText(options.get(kind)!.value);
  if (kind === ":call") {
    if (!FUNCTION_NAME.test(spelling)) {
      throw context.fail(`'${spelling}' is not a valid function name`, options.get(kind)!.value.position);
    }
    return { kind: "call", name: spelling };
  }
  const keyword = options.get(kind)!.keyword;
  const wanted = kind === ":infix" ? 2 : 1;
  if (arity !== wanted) {
    throw context.fail(
      `${kind} needs an operator of arity ${wanted}, and '${name}' has arity ${arity}`,
      keyword.position,
    );
  }
  if (precedence === undefined) throw context.fail(`${kind} needs :precedence INT too`, keyword.position);
  const level = atomText(precedence.value);
  if (!/^-?\d+$/.test(level))
    throw context.fail(":precedence takes a whole number", precedence.value.position);
  if (kind === ":prefix") return { kind: "prefix", symbol: spelling, precedence: Number(level) };
  const associativity = assoc === undefined ? "left" : atomText(assoc.value);
  if (associativity !== "left" && associativity !== "right") {
    throw context.fail(":assoc takes left or right", assoc!.value.position);
  }
  return { kind: "infix", symbol: spelling, precedence: Number(level), associativity };
}

function atomText(node: SNode): string {
  return node.kind === "atom" ? node.text : "";
}

function isOperatorName(text: string): boolean {
  return !text.startsWith("?") && !text.startsWith(":") && !text.startsWith('"') && !/^[+-]?\d/.test(text);
}

/** The `:eval` definition, checked: only `?0 … ?(arity-1)`, numbers and operators with a numeric meaning. */
function checkedDefinition(
  name: string,
  arity: number,
  node: SNode,
  theory: Theory,
  context: RuleFileContext,
): Term {
  const definition = argumentPattern(name, arity, node, theory, context, "definition");
  for (const t of postorder(definition)) {
    if (t.kind === "app") {
      const position = findAtom(node, t.op) ?? node.position;
      if (t.op === name)
        throw context.fail(`the definition of '${name}' cannot use '${name}' itself`, position);
      if (theory.operators[t.op]?.evaluate === undefined) {
        throw context.fail(
          `the definition of '${name}' uses '${t.op}', which has no numeric meaning`,
          position,
        );
      }
    }
  }
  return definition;
}

/** The meaning of `:js NAME`: the registered function, which must take `arity` arguments. */
function jsMeaningOf(
  name: string,
  arity: number,
  node: SNode,
  context: RuleFileContext,
): Pick<OperatorSpec, "evaluate" | "exact"> {
  const functionName = atomText(node);
  const fn = jsFunction(functionName);
  if (fn === undefined) {
    throw context.fail(
      `no JavaScript function is registered as '${functionName}' (registered: ${jsFunctionNames().join(", ")}; register more with registerJsFunction before loading the file)`,
      node.position,
    );
  }
  if (fn.arity !== arity) {
    throw context.fail(
      `'${functionName}' takes ${fn.arity} argument${fn.arity === 1 ? "" : "s"}, but '${name}' has arity ${arity}`,
      node.position,
    );
  }
  const call = fn.evaluate;
  const evaluate = (args: readonly number[]) => call(...args);
  recordMeaning(evaluate, { kind: "js", name: functionName, fn });
  return fn.exact === undefined ? { evaluate } : { evaluate, exact: fn.exact };
}

/** Numeric and exact meaning through the definition, in the theory it was declared in. */
function meaningOf(definition: Term, theory: Theory): Pick<OperatorSpec, "evaluate" | "exact"> {
  const bind = <V>(args: readonly V[]): Record<string, V> => {
    const env: Record<string, V> = {};
    args.forEach((value, i) => {
      env[`?${i}`] = value;
    });
    return env;
  };
  const numeric = (args: readonly number[]) => evaluate(definition, bind(args), { theory });
  recordMeaning(numeric, { kind: "eval", definition, theory });
  return {
    evaluate: numeric,
    exact: (args: readonly Rational[]) => evaluateExact(definition, bind(args), { theory }),
  };
}
