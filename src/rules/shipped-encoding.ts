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
 * texts they were encoded from.
 */
export function decodeRuleFiles(theory: Theory, files: readonly EncodedRuleFile[]): Theory {
  let result = theory;
  for (const encoded of files) {
    // Declarations in order, each against the theory so far (a redeclaration keeps what it does
    // not say); the file's final declaration of each name is what it adds.
    const operators = new Map<string, OperatorSpec>();
    let declared = result;
    for (const declaration of encoded.operators) {
      const context = new RuleFileContext(encoded.file, declaration);
      const list = new SExpressionReader(maskStrings(declaration, context)).next() as SNode & {
        kind: "list";
      };
      const spec = parseOperatorDeclaration(list, declared, context);
      operators.delete(spec.name);
      operators.set(spec.name, spec);
      declared = extend(declared, (draft) => {
        draft.operators[spec.name] = castDraft(spec);
      });
    }
    const ruleSets: RuleSet[] = encoded.ruleSets.map((set) => ({
      name: set.name,
      rules: Object.freeze(set.rules.map((rule) => decodeRule(rule, encoded.file))),
      ...(set.foldConstants ? { foldConstants: true } : {}),
    }));
    result = applyRuleFile(result, {
      file: encoded.file,
      operators: [...operators.values()],
      ruleSets,
      operatorOrigins: {},
    });
  }
  return result;
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

/** Post-order with an explicit stack, as the term traversals do: nothing here recurses. */
function decodeTerm(root: EncodedTerm): Term {
  const done = new Map<EncodedTerm, Term>();
  const stack: EncodedTerm[] = [root];
  while (stack.length > 0) {
    const e = stack[stack.length - 1]!;
    if (done.has(e)) {
      stack.pop();
      continue;
    }
    if (typeof e === "string") done.set(e, sym(e));
    else if (typeof e === "number") done.set(e, num(e));
    else if (!Array.isArray(e)) done.set(e, num((e as { q: string }).q));
    else {
      const [op, ...args] = e as readonly [string, ...EncodedTerm[]];
      const pending = args.filter((a) => !done.has(a));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      done.set(
        e,
        app(
          op,
          args.map((a) => done.get(a)!),
        ),
      );
    }
    stack.pop();
  }
  return done.get(root)!;
}
