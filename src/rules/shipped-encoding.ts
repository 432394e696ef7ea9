import { castDraft } from "immer";
import { SExpressionReader, type SNode } from "../syntax/sexpr-reader.js";
import type { OperatorSpec } from "../term/operator.js";
import { app, num, sym, type Term } from "../term/term.js";
import { foldTerm } from "../term/traverse.js";
import { extend, type Theory } from "../theory.js";
import type { RuleText } from "./load.js";
import { parseOperatorDeclaration } from "./operator-declaration.js";
import type { Condition, Rule, RuleDirection, RuleSet } from "./rule.js";
import { maskStrings, RuleFileContext } from "./rule-file-context.js";
import { applyRuleFile, parseRuleFile } from "./rules-parser.js";

/**
 * The shipped rules files pre-parsed, so that `dsat` does not read and check ten files of rules
 * text at every start (a quarter of its start-up). `npm run rules:generate` encodes what the
 * rules-file parser makes of each file into plain JSON (`src/rules/shipped-rules.ts`), and
 * {@link decodeRuleFiles} builds the same theory from it with no parsing: rules are terms
 * built directly, only the operator declarations (whose meanings are functions) are read
 * again. test/shipped-rules.test.ts checks that both give the same theory.
 */

/**
 * A term as JSON: a symbol is its name, an integer a number, another rational `{ q: "p/q" }`,
 * an application `[op, ...args]` (a named constant is `[op]`).
 */
export type EncodedTerm = string | number | { readonly q: string } | readonly [string, ...EncodedTerm[]];

/** `[name, lhs, direction, rhs, conditions, widensDomain, line, column, offset]`. */
export type EncodedRule = readonly [
  name: string,
  lhs: EncodedTerm,
  direction: RuleDirection,
  rhs: EncodedTerm,
  conditions: readonly (readonly [predicate: string, ...args: EncodedTerm[]])[],
  widensDomain: 0 | 1,
  line: number,
  column: number,
  offset: number,
];

export interface EncodedRuleSet {
  readonly name: string;
  readonly foldConstants?: true;
  readonly rules: readonly EncodedRule[];
}

/** One rules file: its name in rule origins, its operator declarations as text, its rule sets. */
export interface EncodedRuleFile {
  readonly file: string;
  readonly operators: readonly string[];
  readonly ruleSets: readonly EncodedRuleSet[];
}

/**
 * What {@link decodeRuleFiles} needs to rebuild the theory `loadRuleTexts(theory, texts)` gives.
 * Throws what parsing throws for a bad file.
 */
export function encodeRuleFiles(theory: Theory, texts: readonly RuleText[]): EncodedRuleFile[] {
  const encoded: EncodedRuleFile[] = [];
  let result = theory;
  for (const { file, text } of texts) {
    const contents = parseRuleFile(text, { theory: result, file });
    result = applyRuleFile(result, contents);
    encoded.push({
      file,
      operators: operatorDeclarations(text, file),
      ruleSets: contents.ruleSets.map((set) => ({
        name: set.name,
        ...(set.foldConstants ? { foldConstants: true as const } : {}),
        rules: set.rules.map(encodeRule),
      })),
    });
  }
  return encoded;
}

/**
 * `theory` extended by encoded files, in order: the theory `loadRuleTexts` builds from the
 * texts they were encoded from. The files were checked when they were encoded, so nothing is
 * checked again, and the theory is built in plain records with one immer `extend` at the end
 * (one per declaration and file was a third of the decoding, which every `dsat` start pays).
 */
export function decodeRuleFiles(theory: Theory, files: readonly EncodedRuleFile[]): Theory {
  const operators: Record<string, OperatorSpec> = Object.assign(Object.create(null), theory.operators);
  const ruleSets: Record<string, RuleSet> = Object.assign(Object.create(null), theory.ruleSets);
  const working: Theory = { operators, ruleSets, predicates: theory.predicates };
  for (const encoded of files) {
    // Declarations in order, each against the theory so far (a redeclaration keeps what it does
    // not say); the file's final declaration of each name is what it adds, in that order.
    const declared = new Map<string, OperatorSpec>();
    const declaring: Record<string, OperatorSpec> = Object.assign(Object.create(null), operators);
    for (const declaration of encoded.operators) {
      const context = new RuleFileContext(encoded.file, declaration);
      const list = new SExpressionReader(maskStrings(declaration, context)).next() as SNode & {
        kind: "list";
      };
      const spec = parseOperatorDeclaration(list, { ...working, operators: declaring }, context);
      declared.delete(spec.name);
      declared.set(spec.name, spec);
      declaring[spec.name] = spec;
    }
    for (const [name, spec] of declared) operators[name] = spec;
    for (const set of encoded.ruleSets) {
      const rules = set.rules.map((rule) => decodeRule(rule, encoded.file));
      const existing = ruleSets[set.name];
      const foldConstants = existing?.foldConstants === true || set.foldConstants === true;
      ruleSets[set.name] = {
        name: set.name,
        rules: Object.freeze(existing === undefined ? rules : [...existing.rules, ...rules]),
        ...(foldConstants ? { foldConstants: true } : {}),
      };
    }
  }
  return extend(theory, (draft) => {
    for (const name in operators) {
      if (operators[name] !== theory.operators[name]) draft.operators[name] = castDraft(operators[name]!);
    }
    for (const name in ruleSets) {
      if (ruleSets[name] !== theory.ruleSets[name]) draft.ruleSets[name] = castDraft(ruleSets[name]!);
    }
  });
}

/** The text of every `(operator …)` declaration of a rules file, in file order. */
function operatorDeclarations(text: string, file: string): string[] {
  const reader = new SExpressionReader(maskStrings(text, new RuleFileContext(file, text)));
  const declarations: string[] = [];
  for (let node = reader.next(); node !== undefined; node = reader.next()) {
    const head = node.kind === "list" ? node.items[0] : undefined;
    if (node.kind === "list" && head?.kind === "atom" && head.text === "operator") {
      declarations.push(text.slice(node.position.offset, node.end.offset + 1));
    }
  }
  return declarations;
}

function encodeRule(rule: Rule): EncodedRule {
  const position = rule.origin!.position;
  return [
    rule.name,
    encodeTerm(rule.lhs),
    rule.direction,
    encodeTerm(rule.rhs),
    rule.conditions.map((c) => [c.predicate, ...c.args.map(encodeTerm)] as const),
    rule.widensDomain ? 1 : 0,
    position.line,
    position.column,
    position.offset,
  ];
}

function decodeRule(encoded: EncodedRule, file: string): Rule {
  const [name, lhs, direction, rhs, conditions, widensDomain, line, column, offset] = encoded;
  return Object.freeze({
    name,
    lhs: decodeTerm(lhs),
    rhs: decodeTerm(rhs),
    direction,
    conditions: Object.freeze(
      conditions.map(([predicate, ...args]): Condition => ({ predicate, args: args.map(decodeTerm) })),
    ),
    ...(widensDomain === 1 ? { widensDomain: true } : {}),
    origin: Object.freeze({ file, position: { line, column, offset } }),
  });
}

function encodeTerm(root: Term): EncodedTerm {
  return foldTerm<EncodedTerm>(root, (t, args) => {
    if (t.kind === "app") return [t.op, ...args];
    if (t.kind === "sym") return t.name;
    const n = t.value;
    const safe = n.isInteger() && n.num >= MIN_SAFE && n.num <= MAX_SAFE;
    return safe ? Number(n.num) : { q: n.toString() };
  });
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Post-order with an explicit stack, as the term traversals do: nothing here recurses. Frames
 * are the applications under way with the index of their next argument; finished subterms wait
 * on `values` for their parent.
 */
function decodeTerm(root: EncodedTerm): Term {
  if (!Array.isArray(root)) return decodeLeaf(root as Exclude<EncodedTerm, readonly unknown[]>);
  const frames: (readonly [string, ...EncodedTerm[]])[] = [root as readonly [string, ...EncodedTerm[]]];
  const nextArgument: number[] = [1];
  const values: Term[] = [];
  while (frames.length > 0) {
    const top = frames.length - 1;
    const encoded = frames[top]!;
    const i = nextArgument[top]!;
    if (i < encoded.length) {
      nextArgument[top] = i + 1;
      const argument = encoded[i]!;
      if (Array.isArray(argument)) {
        frames.push(argument as readonly [string, ...EncodedTerm[]]);
        nextArgument.push(1);
      } else values.push(decodeLeaf(argument as Exclude<EncodedTerm, readonly unknown[]>));
    } else {
      const arity = encoded.length - 1;
      values.push(app(encoded[0], values.splice(values.length - arity, arity)));
      frames.pop();
      nextArgument.pop();
    }
  }
  return values[0]!;
}

function decodeLeaf(encoded: string | number | { readonly q: string }): Term {
  if (typeof encoded === "string") return sym(encoded);
  return typeof encoded === "number" ? num(encoded) : num(encoded.q);
}
