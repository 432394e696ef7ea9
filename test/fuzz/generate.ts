import type { Random } from "./random.js";

/**
 * Grammar-aware generation of hostile inputs: random expression trees written out in infix or
 * S-expression syntax (with edge-case numbers, unknown and misused operators, odd names, deep
 * nesting), then sometimes damaged (stray, unicode and control characters, unbalanced brackets,
 * cut text); and rules files mixing sound-looking rules with broken declarations.
 */

/** One fuzzer input. */
export type FuzzInput =
  | { readonly kind: "infix" | "sexpr"; readonly text: string }
  | {
      readonly kind: "rules";
      readonly text: string;
      /** An expression (S-expression syntax) to run through the theory the file makes. */
      readonly expression: string;
      /** Whether the generator meant the file to be well-formed (it may still be refused). */
      readonly wellFormed: boolean;
    };

type Tree = { readonly leaf: string } | { readonly op: string; readonly args: readonly Tree[] };

/** Numbers at the edges: zero, the ends of the double range and beyond, fractions, huge exponents. */
const EDGE_NUMBERS = [
  "1100",
  "1e5",
  "0",
  "1",
  "2",
  "3",
  "10",
  "0.5",
  "2.5",
  "0.1",
  "1/3",
  "22/7",
  "1e308",
  "1.7976931348623157e308",
  "1e309",
  "1e400",
  "1e-400",
  "1e-308",
  "5e-324",
  "1e22",
  "1e-5",
  "123456789012345678901234567890",
  "1e9999",
  "1e-9999",
  "0.000",
  "00",
  "1.5e+10",
];
const COMMON_NUMBERS = ["0", "1", "2", "3", "4", "5", "7", "10", "0.5", "1/2", "2/3", "100"];
const COMMON_VARIABLES = ["x", "y", "z"];
const ODD_VARIABLES = [
  "x_1",
  "alpha",
  "t",
  "constructor",
  "__proto__",
  "toString",
  "e",
  "pi",
  "NaN",
  "inf",
  "_",
  "a1",
];

/** Operators the default theory knows, with their arities. */
const KNOWN: readonly (readonly [string, number])[] = [
  ["+", 2],
  ["-", 2],
  ["*", 2],
  ["/", 2],
  ["^", 2],
  ["neg", 1],
  ["sin", 1],
  ["cos", 1],
  ["tan", 1],
  ["exp", 1],
  ["log", 1],
  ["sqrt", 1],
  ["abs", 1],
  ["sign", 1],
  ["sinh", 1],
  ["cosh", 1],
  ["tanh", 1],
  ["asin", 1],
  ["acos", 1],
  ["atan", 1],
  ["logb", 2],
  ["cbrt", 1],
];
/** Names the default theory does not know (or knows under another arity). */
const UNKNOWN = ["foo", "f", "Sin", "ln", "log10", "max", "sqrt2", "d", "σ", "if", "x"];
const INFIX: Readonly<Record<string, number>> = { "+": 10, "-": 10, "*": 20, "/": 20, "^": 40 };
const STRAY = [
  ..."()[]{},;:?!@#$%&*+-/^=<>|\\\"'`~. \t\n\r0123456789eE",
  "\u0000",
  "\u00a0",
  "\u2212",
  "×",
  "π",
  "²",
  "∞",
  "😀",
  "ｘ",
  "\ufeff",
  "\u200b",
  "é",
];

export interface TreeOptions {
  /** Chance that an application uses an unknown name or a wrong arity. */
  readonly misuse: number;
  /** Chance that a leaf is an edge-case number or an odd variable name. */
  readonly edge: number;
  /** Extra operator names (with arities) that may appear, such as those a rules file declares. */
  readonly extra?: readonly (readonly [string, number])[];
  /** Leaves to use most of the time instead of the usual variables (pattern variables, `?0`). */
  readonly leaves?: readonly string[];
  /** Only these leaves, and small numbers: for definitions and right sides of rules. */
  readonly onlyLeaves?: boolean;
}

function leaf(random: Random, options: TreeOptions): Tree {
  if (options.leaves !== undefined && (options.onlyLeaves || random.chance(0.7))) {
    return {
      leaf:
        options.onlyLeaves && random.chance(0.2) ? random.pick(COMMON_NUMBERS) : random.pick(options.leaves),
    };
  }
  if (random.chance(0.55)) {
    return { leaf: random.chance(options.edge) ? random.pick(ODD_VARIABLES) : random.pick(COMMON_VARIABLES) };
  }
  return { leaf: random.chance(options.edge) ? random.pick(EDGE_NUMBERS) : random.pick(COMMON_NUMBERS) };
}

function tree(random: Random, depth: number, options: TreeOptions): Tree {
  if (depth <= 0 || random.chance(0.25)) return leaf(random, options);
  let [op, arity] = random.pick(options.extra?.length && random.chance(0.5) ? options.extra : KNOWN);
  if (random.chance(options.misuse)) {
    if (random.chance(0.5)) op = random.pick(UNKNOWN);
    else arity = random.int(0, 3);
  }
  const args = Array.from({ length: arity }, () => tree(random, depth - 1 - random.int(0, 1), options));
  return { op, args };
}

/** Blanks between tokens: usually none or one space, sometimes tabs and newlines. */
function blank(random: Random): string {
  return random.weighted<string>([
    [4, ""],
    [6, " "],
    [1, "  "],
    [1, "\t"],
    [1, "\n"],
    [0.3, "\r\n "],
  ]);
}

function precedence(t: Tree): number {
  if ("leaf" in t) return t.leaf.includes("/") ? 20 : 100;
  if (t.op === "neg") return 30;
  return t.args.length === 2 ? (INFIX[t.op] ?? 100) : 100;
}

/** Infix text: parentheses always, only where precedence needs them, or at random. */
function infix(random: Random, t: Tree, style: "full" | "minimal" | "random"): string {
  // An explicit stack would be overkill here: generated trees are at most a few dozen deep.
  if ("leaf" in t) return t.leaf;
  const wrap = (child: Tree, parent: number): string => {
    const text = infix(random, child, style);
    const needed = precedence(child) <= parent;
    const paren = style === "full" ? !("leaf" in child) : style === "minimal" ? needed : random.chance(0.5);
    return paren ? `(${blank(random)}${text}${blank(random)})` : text;
  };
  if (t.op === "neg" && t.args.length === 1) return `-${blank(random)}${wrap(t.args[0]!, 30)}`;
  const p = INFIX[t.op];
  if (p !== undefined && t.args.length === 2) {
    return `${wrap(t.args[0]!, p)}${blank(random)}${t.op}${blank(random)}${wrap(t.args[1]!, p)}`;
  }
  const args = t.args.map((a) => infix(random, a, style)).join(`,${blank(random)}`);
  return `${t.op}(${blank(random)}${args}${blank(random)})`;
}

function sexpr(random: Random, t: Tree): string {
  if ("leaf" in t) return t.leaf;
  const op = t.op === "neg" && random.chance(0.5) ? "-" : t.op;
  const parts = [op, ...t.args.map((a) => sexpr(random, a))];
  return `(${blank(random)}${parts.join(random.chance(0.9) ? " " : "  ")}${blank(random)})`;
}

/** Damages a text: inserts, deletes, duplicates or cuts characters. */
export function damage(random: Random, text: string): string {
  let result = text;
  const edits = random.int(1, 3);
  for (let i = 0; i < edits; i++) {
    const at = random.int(0, result.length);
    switch (random.int(0, 5)) {
      case 0:
        result = result.slice(0, at) + random.pick(STRAY) + result.slice(at);
        break;
      case 1:
        result = result.slice(0, at) + result.slice(at + 1);
        break;
      case 2:
        result = result.slice(0, at) + random.pick(["(", ")", "((", "))"]) + result.slice(at);
        break;
      case 3:
        result = result.slice(0, at);
        break;
      case 4: {
        const end = random.int(at, result.length);
        result = result.slice(0, end) + result.slice(at, end) + result.slice(end);
        break;
      }
      default:
        result =
          random.pick(["\ufeff", " ", "\n", "; comment\n"]) + result + random.pick(["", " ", "\n", " ; c"]);
    }
  }
  return result;
}

/** Deep nesting in either syntax: calls, parentheses, minus signs, power towers, long sums. */
function deep(random: Random, kind: "infix" | "sexpr"): string {
  const n = random.chance(0.1) ? random.int(500, 3000) : random.int(20, 300);
  const shape = random.int(0, 4);
  if (kind === "sexpr") {
    const op = random.pick(["sin", "neg", "exp", "sqrt", "-"]);
    if (shape < 3) return `(${op} `.repeat(n) + "x" + ")".repeat(n);
    const binary = random.pick(["+", "*", "^", "-"]);
    return `(${binary} `.repeat(n) + "x" + " 1)".repeat(n);
  }
  switch (shape) {
    case 0:
      return `${random.pick(["sin", "cos", "exp", "log", "sqrt", "atan"])}(`.repeat(n) + "x" + ")".repeat(n);
    case 1:
      return "(".repeat(n) + "x" + ")".repeat(n);
    case 2:
      return "-".repeat(n) + "x";
    case 3:
      return Array.from({ length: random.int(2, 60) }, () => random.pick(["x", "1.01", "y"])).join("^");
    default:
      return Array.from({ length: n }, () => random.pick(["x", "1", "y", "x*y", "2"])).join(
        random.pick(["+", "*", "-"]),
      );
  }
}

/** A random expression text in infix or S-expression syntax. */
export function generateExpression(random: Random, kind: "infix" | "sexpr"): string {
  if (random.chance(0.01)) return deep(random, kind);
  const options: TreeOptions = { misuse: random.chance(0.3) ? 0.15 : 0, edge: random.chance(0.4) ? 0.3 : 0 };
  const t = tree(random, random.chance(0.8) ? random.int(1, 4) : random.int(5, 6), options);
  const text =
    kind === "sexpr"
      ? sexpr(random, t)
      : infix(random, t, random.pick(["full", "minimal", "random"] as const));
  return random.chance(0.15) ? damage(random, text) : text;
}

const RULE_SETS = ["diff", "cleanup", "algebra", "trig", "fuzz", "Bad Name", "1x", ""];
const OPERATOR_NAMES = ["f", "g", "foo", "sq", "sin", "+", "d", "neg", "x", "**", "<>", "|", "σ", "f-g"];
const PREDICATES = [
  "nonzero?",
  "positive?",
  "nonnegative?",
  "var?",
  "const?",
  "free-of",
  "!=",
  "integer?",
  "odd?",
];
const ARITIES = ["0", "1", "1", "2", "2", "3", "-1", "2.5", "1e9", "x"];

/** An operator declaration, mostly well-formed, sometimes broken. */
function operatorDeclaration(random: Random): { text: string; name: string; arity: number } {
  const name = random.pick(OPERATOR_NAMES);
  const arityText = random.chance(0.8) ? random.pick(["1", "2"]) : random.pick(ARITIES);
  const arity = Number(arityText);
  const parts = ["operator", name, arityText];
  const options: TreeOptions = {
    misuse: 0.1,
    edge: 0.1,
    leaves: ["?0", "?1", "x"],
  };
  for (let i = random.int(0, 3); i > 0; i--) {
    switch (random.int(0, 6)) {
      case 0:
        parts.push(
          ":infix",
          random.pick(["**", "+", "x", "<>", "%", "@"]),
          ":precedence",
          random.pick(["40", "5", "-1", "x"]),
        );
        if (random.chance(0.5)) parts.push(":assoc", random.pick(["left", "right", "up"]));
        break;
      case 1:
        parts.push(":prefix", random.pick(["-", "~", "!", "sin"]), ":precedence", random.pick(["30", "50"]));
        break;
      case 2:
        parts.push(":call", random.pick(["f", "g2", "sin", "x", "1f"]));
        break;
      case 3:
        parts.push(":eval", sexpr(random, tree(random, random.int(0, 3), options)));
        break;
      case 4:
        parts.push(
          ":js",
          random.pick(["Math.sin", "Math.exp", "Math.nope", "dsat.sign", "eval", "Math.hypot"]),
        );
        break;
      case 5:
        parts.push(":description", random.pick(['"a (test) ; op"', '"unterminated', '""']));
        break;
      default:
        parts.push(random.pick([":foo", ":eval", ":infix", "junk"]));
    }
  }
  return {
    text: `(${parts.join(" ")})`,
    name,
    arity: Number.isInteger(arity) && arity >= 0 && arity <= 3 ? arity : 1,
  };
}

/** A pattern: an expression tree whose leaves are often pattern variables. */
function pattern(random: Random, extra: readonly (readonly [string, number])[], hostile = true): string {
  const leaves = ["?a", "?b", "?x", "?c"];
  return sexpr(
    random,
    tree(random, random.int(0, 4), { misuse: hostile ? 0.05 : 0, edge: 0.1, extra, leaves }),
  );
}

/** A well-formed operator declaration of a new name. */
function soundDeclaration(random: Random, name: string): { text: string; name: string; arity: number } {
  const arity = random.int(1, 2);
  const leaves = Array.from({ length: arity }, (_, i) => `?${i}`);
  const definition = sexpr(
    random,
    tree(random, random.int(1, 3), { misuse: 0, edge: 0, leaves, onlyLeaves: true }),
  );
  const options = random.pick([
    `:eval ${definition}`,
    `:js ${random.pick(arity === 1 ? ["Math.sinh", "Math.tanh", "Math.atan"] : ["Math.hypot", "Math.atan2"])}`,
    "",
  ]);
  const syntax =
    arity === 2 && random.chance(0.3) ? ` :infix ${random.pick(["**", "<>", "%"])} :precedence 40` : "";
  return { text: `(operator ${name} ${arity}${syntax} ${options} :description "fuzz")`, name, arity };
}

/** A hostile rules file and an expression to try with it: half well-formed, half anything goes. */
export function generateRules(random: Random): FuzzInput {
  const hostile = random.chance(0.5);
  const lines: string[] = [];
  const declared: [string, number][] = [];
  for (let i = random.int(1, 12); i > 0; i--) {
    switch (
      random.weighted<number>([
        [1, 0],
        [2, 1],
        [5, 2],
        [hostile ? 1 : 0, 3],
        [0.3, 4],
      ])
    ) {
      case 0:
        if (hostile)
          lines.push(random.chance(0.8) ? `(ruleset ${random.pick(RULE_SETS)})` : "(fold-constants)");
        else lines.push(`(ruleset ${random.pick(["diff", "cleanup", "algebra", "fuzz"])})`);
        break;
      case 1: {
        const fresh = ["f", "g", "foo", "sq"].filter((n) => !declared.some(([d]) => d === n));
        if (!hostile && fresh.length === 0) break;
        const declaration = hostile
          ? operatorDeclaration(random)
          : soundDeclaration(random, random.pick(fresh));
        declared.push([declaration.name, declaration.arity]);
        lines.push(declaration.text);
        break;
      }
      case 2: {
        const name = hostile
          ? random.pick([`r-${random.int(0, 40)}`, `r-${i}`, "Bad_Name", "-x", "1", ""])
          : `r-${i}`;
        const direction = hostile ? random.pick(["=>", "=>", "<=>", "<=", "->"]) : "=>";
        const lhs = hostile
          ? pattern(random, declared)
          : `(${random.pick([...KNOWN, ...declared].filter(([, a]) => a === 1))[0]} ${pattern(random, declared, false)})`;
        // A well-formed rule uses on its right side and in conditions only the variables its left side binds.
        const bound = [...new Set(lhs.match(/\?\w/g) ?? [])];
        const rhs = hostile
          ? pattern(random, declared)
          : sexpr(
              random,
              tree(random, random.int(0, 3), {
                misuse: 0,
                edge: 0,
                extra: declared,
                leaves: bound.length > 0 ? bound : ["1"],
                onlyLeaves: true,
              }),
            );
        let rule = `${name}: ${lhs} ${direction} ${rhs}`;
        const conditionArgument = hostile ? random.pick(["?a", "?b", "?x", "x", "(f ?a)"]) : bound[0];
        const predicate = random.pick(
          hostile ? PREDICATES : PREDICATES.filter((p) => p.endsWith("?") && p !== "odd?"),
        );
        if (conditionArgument !== undefined && random.chance(0.3))
          rule += ` if (${predicate} ${conditionArgument})`;
        lines.push(rule);
        break;
      }
      case 3:
        lines.push(
          random.pick([
            "; a comment (",
            "",
            "   ",
            ";;; ))))",
            "garbage",
            "(",
            ")",
            '"string"',
            "r-1:",
            "=>",
          ]),
        );
        break;
      default: {
        // A long rule: a deep left side.
        const depth = random.int(50, 500);
        const close = hostile ? random.int(depth - 1, depth + 1) : depth;
        lines.push(`deep-${i}: ${"(sin ".repeat(depth)}?a${")".repeat(close)} => ?a`);
      }
    }
  }
  let text = (random.chance(0.1) ? "\ufeff" : "") + lines.join("\n");
  if (hostile && random.chance(0.2)) text = damage(random, text);
  const expression = sexpr(
    random,
    tree(random, random.int(1, 4), { misuse: 0.05, edge: 0.05, extra: declared }),
  );
  return { kind: "rules", text, expression, wellFormed: !hostile };
}

/** Input number `index` of a run: mostly expressions, a tenth rules files. */
export function generateInput(random: Random): FuzzInput {
  const kind = random.weighted<"infix" | "sexpr" | "rules">([
    [6, "infix"],
    [3, "sexpr"],
    [1, "rules"],
  ]);
  if (kind === "rules") return generateRules(random);
  return { kind, text: generateExpression(random, kind) };
}
