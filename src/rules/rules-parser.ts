import { castDraft } from "immer";
import { ParseError, RuleFileError, type SourcePosition } from "../errors.js";
import { SExpressionReader, type SNode } from "../syntax/sexpr-reader.js";
import type { OperatorSpec } from "../term/operator.js";
import type { Term } from "../term/term.js";
import { depth } from "../term/traverse.js";
import { extend, type Theory } from "../theory.js";
import { parseOperatorDeclaration } from "./operator-declaration.js";
import type { Condition, Rule, RuleDirection, RuleSet } from "./rule.js";
import { findAtom, maskStrings, patternVariables, RuleFileContext } from "./rule-file-context.js";

/**
 * The rules-file language (see `docs/rule-language.md`):
 *
 * ```text
 * (ruleset diff)
 * d-mul: (d ?x (* ?a ?b)) => (+ (* (d ?x ?a) ?b) (* ?a (d ?x ?b)))
 * div-self: (/ ?a ?a) => 1 if (nonzero? ?a)
 * sin-asin: (sin (asin ?a)) => ?a :widens-domain
 * (operator sinh 1 :eval (/ (- (exp ?0) (exp (neg ?0))) 2))
 * ```
 *
 * Read token by token on top of the S-expression reader, so a rule may span lines. Every
 * problem is a {@link RuleFileError} naming `file:line:col` with a caret under the spot.
 */

/** What a rules file declares. */
export interface RuleFileContents {
  /** The file name used in messages and rule origins. */
  readonly file: string;
  /** Declared operators in declaration order (one entry per name: its final declaration). */
  readonly operators: readonly OperatorSpec[];
  /** Rule sets in order of first mention, each with its rules in file order. */
  readonly ruleSets: readonly RuleSet[];
  /** Where each operator was (last) declared, for errors found when applying the file. */
  readonly operatorOrigins: Readonly<Record<string, SourcePosition>>;
  /** The text of the file, for carets in errors found when applying it. */
  readonly source?: string;
}

export interface RuleFileOptions {
  /** Operators, predicates and rule sets the file may use; its declarations extend it. */
  readonly theory: Theory;
  /** Named in errors and rule origins; its base name is the default rule set. */
  readonly file?: string;
}

const DECLARATIONS = new Set(["ruleset", "fold-constants", "operator"]);
/** Marks a rule whose right side may be defined where its left side is not (see `Rule.widensDomain`). */
const WIDENS_DOMAIN = ":widens-domain";
const RULE_NAME = /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/;

/** The default rule set of a file: its base name without `.rules` (`rules/diff.rules` → `diff`). */
export function defaultRuleSetName(file: string | undefined): string {
  if (file === undefined) return "rules";
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.rules$/, "") || "rules";
}

interface RuleSetBuilder {
  readonly name: string;
  readonly rules: Rule[];
  /** The rules by name, for the duplicate check (a scan per rule made loading quadratic). */
  readonly byName: Map<string, Rule>;
  foldConstants: boolean;
}

const BYTE_ORDER_MARK = "\uFEFF";

/**
 * How deeply a rule's side may nest. Rules are compiled into matching code whose nesting
 * follows the pattern's, and real patterns are a few levels deep; a deeper one is refused
 * with a message rather than overflowing the stack at match time.
 */
export const MAX_PATTERN_DEPTH = 1_000;

/**
 * Parses and checks a rules file against `theory` (extended by the file's own operator
 * declarations as they come). Does not change `theory`: see {@link applyRuleFile}.
 *
 * @example
 * ```ts
 * const contents = parseRuleFile("(ruleset demo)\nadd-zero: (+ ?a 0) => ?a", { theory: baseTheory, file: "demo.rules" });
 * contents.ruleSets[0]!.rules[0]!.name; // "add-zero"
 * ```
 */
export function parseRuleFile(source: string, options: RuleFileOptions): RuleFileContents {
  // A leading byte-order mark is not text (editors hide it): positions count from after it.
  const text = source.startsWith(BYTE_ORDER_MARK) ? source.slice(1) : source;
  const file = options.file ?? "<rules>";
  const context = new RuleFileContext(file, text);
  const nodes = new NodeWindow(new SExpressionReader(maskStrings(text, context), { file }), context);

  let theory = options.theory;
  const operators = new Map<string, OperatorSpec>();
  const operatorOrigins: Record<string, SourcePosition> = {};
  const ruleSets = new Map<string, RuleSetBuilder>();
  let currentSet = defaultRuleSetName(options.file);
  const builderFor = (name: string): RuleSetBuilder => {
    let builder = ruleSets.get(name);
    if (builder === undefined) {
      builder = { name, rules: [], byName: new Map(), foldConstants: false };
      ruleSets.set(name, builder);
    }
    return builder;
  };

  let i = 0;
  for (let node = nodes.at(i); node !== undefined; node = nodes.at(i)) {
    // Nodes before this one are done with: let them be collected.
    nodes.dropBefore(i);
    if (node.kind === "list") {
      const head = node.items[0];
      const keyword = head?.kind === "atom" ? head.text : undefined;
      if (keyword === "ruleset") {
        const nameNode = node.items[1];
        if (nameNode?.kind !== "atom" || !RULE_NAME.test(nameNode.text) || node.items.length !== 2) {
          throw context.fail("expected (ruleset NAME) with a kebab-case NAME", (nameNode ?? node).position);
        }
        currentSet = nameNode.text;
        builderFor(currentSet);
      } else if (keyword === "fold-constants") {
        if (node.items.length !== 1)
          throw context.fail("(fold-constants) takes no arguments", node.items[1]!.position);
        builderFor(currentSet).foldConstants = true;
      } else if (keyword === "operator") {
        const spec = parseOperatorDeclaration(node, theory, context);
        operators.delete(spec.name); // keep declaration order of the final declaration
        operators.set(spec.name, spec);
        operatorOrigins[spec.name] = node.position;
        theory = extend(theory, (draft) => {
          draft.operators[spec.name] = castDraft(spec);
        });
      } else {
        throw context.fail(
          "expected a rule (NAME: LEFT => RIGHT) or a declaration: (ruleset NAME), (fold-constants) or (operator NAME ARITY …)",
          node.position,
        );
      }
      i++;
      continue;
    }
    const parsed = parseRule(nodes, i, theory, context);
    const builder = builderFor(currentSet);
    const clash = builder.byName.get(parsed.rule.name);
    if (clash !== undefined) {
      throw context.fail(
        `duplicate rule name '${parsed.rule.name}' in rule set '${currentSet}' (first defined at line ${clash.origin!.position.line})`,
        parsed.rule.origin!.position,
      );
    }
    builder.rules.push(parsed.rule);
    builder.byName.set(parsed.rule.name, parsed.rule);
    i = parsed.next;
  }

  return {
    file,
    operators: [...operators.values()],
    ruleSets: [...ruleSets.values()].map((b) => ({
      name: b.name,
      // Frozen here, so that extending a theory does not walk every rule to freeze it (immer
      // skips frozen values): that walk was a third of loading a large file.
      rules: Object.freeze(b.rules),
      ...(b.foldConstants ? { foldConstants: true } : {}),
    })),
    operatorOrigins,
    source: text,
  };
}

/** Reads the rule starting at `nodes.at(start)` (its name); returns it and the index after it. */
function parseRule(
  nodes: NodeWindow,
  start: number,
  theory: Theory,
  context: RuleFileContext,
): { rule: Rule; next: number } {
  const nameNode = nodes.at(start) as SNode & { kind: "atom" };
  let i = start + 1;
  let name = nameNode.text;
  if (name.endsWith(":")) {
    name = name.slice(0, -1);
  } else {
    const colon = nodes.at(i);
    if (colon?.kind !== "atom" || colon.text !== ":") {
      throw context.fail(
        RULE_NAME.test(name)
          ? `expected ':' after the rule name '${name}'`
          : `expected a rule: NAME: LEFT => RIGHT (found '${name}')`,
        colon?.position ?? context.endPosition,
      );
    }
    i++;
  }
  if (!RULE_NAME.test(name)) {
    throw context.fail(
      name === ""
        ? "a rule needs a name before ':'"
        : `'${name}' is not a rule name: use kebab-case, like d-mul`,
      nameNode.position,
    );
  }
  const expect = (what: string): SNode => {
    const node = nodes.at(i);
    if (node === undefined)
      throw context.fail(`rule '${name}' ends early: expected ${what}`, context.endPosition);
    i++;
    return node;
  };

  const lhsNode = expect("its left side");
  const arrow = expect("'=>' or '<=>'");
  if (arrow.kind !== "atom" || (arrow.text !== "=>" && arrow.text !== "<=>")) {
    throw context.fail(`expected '=>' or '<=>' after the left side of rule '${name}'`, arrow.position);
  }
  const direction = arrow.text as RuleDirection;
  const rhsNode = expect("its right side");
  const lhs = context.pattern(lhsNode, theory);
  const rhs = context.pattern(rhsNode, theory);
  for (const [side, node] of [
    [lhs, lhsNode],
    [rhs, rhsNode],
  ] as const) {
    const nesting = depth(side);
    if (nesting > MAX_PATTERN_DEPTH) {
      throw context.fail(
        `a side of rule '${name}' is nested ${nesting} deep; rules allow at most ${MAX_PATTERN_DEPTH} (expressions have no such limit)`,
        node.position,
      );
    }
  }

  const conditionNodes: (SNode & { kind: "list" })[] = [];
  const ifNode = nodes.at(i);
  if (ifNode?.kind === "atom" && ifNode.text === "if") {
    i++;
    for (let node = nodes.at(i); node?.kind === "list" && !isDeclaration(node); node = nodes.at(i)) {
      conditionNodes.push(node);
      i++;
    }
    if (conditionNodes.length === 0) {
      throw context.fail(
        "'if' must be followed by at least one condition, like (nonzero? ?a)",
        ifNode.position,
      );
    }
  }
  const conditions = conditionNodes.map((node) => parseCondition(node, theory, context));
  const widensNode = nodes.at(i);
  const widensDomain = widensNode?.kind === "atom" && widensNode.text === WIDENS_DOMAIN;
  if (widensDomain) {
    i++;
    // Read right to left it would narrow the domain, which no contract allows.
    if (direction === "<=>")
      throw context.fail(
        `rule '${name}' is marked ${WIDENS_DOMAIN}, so it must be one-way (=>)`,
        widensNode.position,
      );
  }

  // Checks that make a rule safe to use, done once here rather than discovered at run time.
  if (direction === "=>" && lhs.kind === "sym" && lhs.isPatternVar) {
    throw context.fail(
      `the left side of rule '${name}' is a bare pattern variable, which would match every term`,
      lhsNode.position,
    );
  }
  const lhsVariables = patternVariables(lhs);
  const rhsVariables = patternVariables(rhs);
  requireBound(rhsVariables, lhsVariables, rhsNode, context, `the right side of rule '${name}'`, "left side");
  if (direction === "<=>") {
    requireBound(
      lhsVariables,
      rhsVariables,
      lhsNode,
      context,
      `the left side of rule '${name}' (<=>)`,
      "right side",
    );
  }
  conditions.forEach((condition, k) => {
    const used = condition.args.flatMap((arg) => patternVariables(arg));
    requireBound(
      used,
      lhsVariables,
      conditionNodes[k]!,
      context,
      `a condition of rule '${name}'`,
      "left side",
    );
  });

  const rule: Rule = Object.freeze({
    name,
    lhs,
    rhs,
    direction,
    conditions: Object.freeze(conditions),
    ...(widensDomain ? { widensDomain } : {}),
    origin: Object.freeze({ file: context.file, position: nameNode.position }),
  });
  return { rule, next: i };
}

/**
 * The file's top-level S-expressions by index, read as they are asked for; those before
 * {@link NodeWindow.dropBefore}'s index are let go. A syntax error becomes a `RuleFileError`.
 */
class NodeWindow {
  private readonly nodes: SNode[] = [];
  private first = 0;
  private ended = false;

  constructor(
    private readonly reader: SExpressionReader,
    private readonly context: RuleFileContext,
  ) {}

  at(index: number): SNode | undefined {
    while (!this.ended && index - this.first >= this.nodes.length) {
      const node = this.read();
      if (node === undefined) this.ended = true;
      else this.nodes.push(node);
    }
    return this.nodes[index - this.first];
  }

  dropBefore(index: number): void {
    if (index <= this.first) return;
    this.nodes.splice(0, index - this.first);
    this.first = index;
  }

  private read(): SNode | undefined {
    try {
      return this.reader.next();
    } catch (error) {
      if (error instanceof ParseError) throw this.context.fail(error.reason, error.position);
      throw error;
    }
  }
}

function isDeclaration(node: SNode & { kind: "list" }): boolean {
  const head = node.items[0];
  return head?.kind === "atom" && DECLARATIONS.has(head.text);
}

function parseCondition(node: SNode & { kind: "list" }, theory: Theory, context: RuleFileContext): Condition {
  const [head, ...argNodes] = node.items;
  if (head?.kind !== "atom") {
    throw context.fail("a condition is (PREDICATE ARG…), like (nonzero? ?a)", (head ?? node).position);
  }
  const predicate = theory.predicates[head.text];
  if (predicate === undefined) {
    const known = Object.keys(theory.predicates).sort().join(", ");
    throw context.fail(`unknown predicate '${head.text}' (known: ${known})`, head.position);
  }
  if (predicate.arity !== argNodes.length) {
    const plural = predicate.arity === 1 ? "" : "s";
    throw context.fail(
      `predicate '${head.text}' takes ${predicate.arity} argument${plural}, got ${argNodes.length}`,
      head.position,
    );
  }
  const args: Term[] = argNodes.map((arg) => context.pattern(arg, theory));
  return { predicate: head.text, args };
}

function requireBound(
  used: readonly string[],
  bound: readonly string[],
  node: SNode,
  context: RuleFileContext,
  where: string,
  binder: string,
): void {
  for (const variable of used) {
    if (!bound.includes(variable)) {
      throw context.fail(
        `${where} uses ${variable}, which the ${binder} does not bind`,
        findAtom(node, variable) ?? node.position,
      );
    }
  }
}

/**
 * `theory` with a parsed file's operators and rule sets added: rules are appended to an
 * existing set of the same name (so later files extend earlier ones, and earlier rules keep
 * priority), a set folds constants if any file says so. The file should have been parsed
 * against `theory` or a theory it extends.
 *
 * Throws a {@link RuleFileError} when an operator is already declared with another arity or a
 * rule name is already taken in its set.
 */
export function applyRuleFile(theory: Theory, contents: RuleFileContents): Theory {
  for (const spec of contents.operators) {
    const existing = theory.operators[spec.name];
    if (existing !== undefined && existing.arity !== spec.arity) {
      throw new RuleFileError(
        `operator '${spec.name}' is already declared with arity ${existing.arity}; it cannot be redeclared with arity ${spec.arity}`,
        contents.file,
        contents.operatorOrigins[spec.name] ?? { line: 1, column: 1, offset: 0 },
        contents.source,
      );
    }
  }
  const merged: RuleSet[] = contents.ruleSets.map((set) => {
    const existing = theory.ruleSets[set.name];
    if (existing === undefined) return set;
    const existingByName = new Map(existing.rules.map((r) => [r.name, r]));
    for (const rule of set.rules) {
      const clash = existingByName.get(rule.name);
      if (clash !== undefined) {
        const where = clash.origin
          ? ` (first defined at ${clash.origin.file}:${clash.origin.position.line})`
          : "";
        throw new RuleFileError(
          `duplicate rule name '${rule.name}' in rule set '${set.name}'${where}`,
          rule.origin?.file ?? contents.file,
          rule.origin?.position ?? { line: 1, column: 1, offset: 0 },
          rule.origin === undefined || rule.origin.file === contents.file ? contents.source : undefined,
        );
      }
    }
    const foldConstants = existing.foldConstants === true || set.foldConstants === true;
    return {
      name: set.name,
      rules: Object.freeze([...existing.rules, ...set.rules]),
      ...(foldConstants ? { foldConstants: true } : {}),
    };
  });
  return extend(theory, (draft) => {
    for (const spec of contents.operators) draft.operators[spec.name] = castDraft(spec);
    for (const set of merged) draft.ruleSets[set.name] = castDraft(set);
  });
}
