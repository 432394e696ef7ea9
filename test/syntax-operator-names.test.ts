import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { DsatError, ExitCode } from "../src/errors.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseInfix } from "../src/syntax/infix-parser.js";
import { detectSyntax, parseExpression } from "../src/syntax/parse.js";
import { type OutputFormat, printTerm } from "../src/syntax/print.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { syntaxTableOf } from "../src/syntax/syntax-table.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import type { Theory } from "../src/theory.js";
import { termArbitrary } from "./support/arbitrary.js";
import { dsat, dsatProcess } from "./support/cli.js";
import { matches, shellWords, stepsOf } from "./support/doc-console.js";
import { userSyntaxTheory } from "./support/user-syntax-theory.js";

// Issue 11: an operator's name is an operator only when applied with parentheses; alone it is
// a variable. Named constants (operators of arity 0) are the exception: alone they are constants.
const theory = defaultTheory();
const formats: readonly OutputFormat[] = ["infix", "parens", "sexpr"];

describe("operator names in infix and S-expressions", () => {
  it("reads an operator's name alone as a variable and applied as the operator", () => {
    const [a, b, c, d, x] = ["a", "b", "c", "d", "x"].map(sym) as [Term, Term, Term, Term, Term];
    const quotient = app("/", [app("+", [app("*", [a, x]), b]), app("+", [app("*", [c, x]), d])]);
    expect(parseInfix("(a*x + b)/(c*x + d)", { theory })).toBe(quotient);
    expect(parseExpression("(a*x + b)/(c*x + d)", { theory })).toBe(quotient);
    expect(parseInfix("d*x", { theory })).toBe(app("*", [d, x]));
    expect(parseInfix("d(x, e)", { theory })).toBe(app("d", [x, app("e", [])]));
    expect(parseInfix("sin(sin)", { theory })).toBe(app("sin", [sym("sin")]));
    expect(parseSExpr("(* d (sin sin))", { theory })).toBe(app("*", [d, app("sin", [sym("sin")])]));
  });

  it("reads pi and e alone (or with empty parentheses) as the constants", () => {
    const pi = app("pi", []);
    expect(parseInfix("pi", { theory })).toBe(pi);
    expect(parseInfix("pi()", { theory })).toBe(pi);
    expect(parseSExpr("(sin pi)", { theory })).toBe(app("sin", [pi]));
    expect(parseSExpr("(* 2 (pi))", { theory })).toBe(app("*", [num(2), pi]));
    expect(parseInfix("e^x", { theory })).toBe(app("^", [app("e", []), sym("x")]));
    expect(printTerm(app("*", [num(2), pi]), { format: "infix", theory })).toBe("2*pi");
    expect(printTerm(app("*", [num(2), pi]), { format: "parens", theory })).toBe("(2*pi)");
    expect(printTerm(app("*", [num(2), pi]), { format: "sexpr", theory })).toBe("(* 2 pi)");
  });

  it("tells a parenthesised infix expression starting with an operator's name from an S-expression", () => {
    expect(detectSyntax("(d + x)*2", { theory })).toBe("infix");
    expect(detectSyntax("(d - x)", { theory })).toBe("infix");
    expect(detectSyntax("(d x (* x x))", { theory })).toBe("sexpr");
    expect(detectSyntax("(sin -3)", { theory })).toBe("sexpr");
    expect(parseExpression("(d + x)*2", { theory })).toBe(app("*", [app("+", [sym("d"), sym("x")]), num(2)]));
  });

  it("prints every term over variables named like operators, and constants, so that it reads back", () => {
    const arbitrary = termArbitrary({
      theory,
      variables: ["x", "sin", "d", "log", "exp", "sqrt", "logb"],
      operators: ["+", "-", "*", "/", "^", "neg", "sin", "log", "logb", "d", "pi", "e"],
      maxDepth: 5,
    });
    fc.assert(
      fc.property(arbitrary, (term) => {
        for (const format of formats) {
          const text = printTerm(term, { format, theory });
          const back = format === "sexpr" ? parseSExpr(text, { theory }) : parseInfix(text, { theory });
          expect(back, `${format}: ${text}`).toBe(term);
          expect(parseExpression(text, { theory }), `auto-detected ${format}: ${text}`).toBe(term);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("quotes a variable named like a constant or a word symbol, and reads the quotes back", () => {
    const pi = app("pi", []);
    expect(parseInfix("'pi'", { theory })).toBe(sym("pi"));
    expect(parseInfix("'pi'*pi + 'x'", { theory })).toBe(app("+", [app("*", [sym("pi"), pi]), sym("x")]));
    expect(parseSExpr("(* 'e' e)", { theory })).toBe(app("*", [sym("e"), app("e", [])]));
    expect(printTerm(app("*", [sym("pi"), pi]), { format: "infix", theory })).toBe("'pi'*pi");
    expect(printTerm(app("*", [sym("pi"), pi]), { format: "parens", theory })).toBe("('pi'*pi)");
    expect(printTerm(app("*", [sym("pi"), pi]), { format: "sexpr", theory })).toBe("(* 'pi' pi)");
    // Only where the bare name would read as something else: d alone is a variable already.
    expect(printTerm(app("*", [sym("d"), sym("sin")]), { theory })).toBe("d*sin");
    const xor = app("xor", [sym("xor"), sym("x")]);
    expect(printTerm(xor, { theory: userSyntaxTheory })).toBe("'xor' xor x");
    expect(parseInfix("'xor' xor x", { theory: userSyntaxTheory })).toBe(xor);
  });

  it("quotes in the CLI as docs/rule-language.md shows", async () => {
    expect((await dsat("parse", "'e'*e", "--format", "sexpr")).stdout).toBe("(* 'e' e)");
    expect((await dsat("parse", "(* 'pi' pi)")).stdout).toBe("'pi'*pi");
  });

  it("refuses quotes around anything but a name, and a quoted name applied", () => {
    for (const [text, message] of [
      ["'pi", "a quote must enclose a variable name, as in 'pi' at line 1, column 1"],
      ["x*'2x'", "a quote must enclose a variable name, as in 'pi' at line 1, column 3"],
      ["''", "a quote must enclose a variable name"],
      ["'sin'(x)", "missing operator between ''sin'' and '('"],
    ] as const) {
      expect(() => parseInfix(text, { theory }), text).toThrow(message);
    }
  });

  it("round-trips variables named after every shipped operator, call name and constant", () => {
    const table = syntaxTableOf(theory);
    const names = [...table.identifiers.keys()].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
    expect(names).toEqual(expect.arrayContaining(["pi", "e", "sin", "log", "log10", "logb", "d", "sec"]));
    roundTrips(theory, names);
  });

  it("round-trips variables named after user-declared operators: word symbols, calls, constants", () => {
    const declared = applyRuleFile(
      userSyntaxTheory,
      parseRuleFile(
        [
          "(operator tau 0 :eval 6283/1000)",
          "(operator band 2 :infix and :precedence 15 :eval (* ?0 ?1))",
          "(operator bnot 1 :prefix not :precedence 45 :eval (- 1 ?0))",
          "(operator hyp 2 :call hypot :js Math.hypot)",
        ].join("\n"),
        { theory: userSyntaxTheory, file: "user.rules" },
      ),
    );
    roundTrips(declared, ["tau", "and", "not", "hypot", "band", "xor", "mod", "max", "flip", "x"]);
  });
});

describe("variables named like constants in LaTeX and on the command line", () => {
  it("prints such a variable in LaTeX unlike the constant, for every constant of a theory", () => {
    const constants = Object.values(theory.operators).filter((spec) => spec.arity === 0);
    expect(constants.map((c) => c.name)).toEqual(expect.arrayContaining(["pi", "e"]));
    for (const { name } of constants) {
      const variable = printTerm(sym(name), { format: "latex", theory });
      expect(variable).toBe(`\\mathit{${name}}`);
      expect(variable).not.toBe(printTerm(app(name, []), { format: "latex", theory }));
    }
    expect(printTerm(parseInfix("'pi' + pi", { theory }), { format: "latex", theory })).toBe(
      "\\mathit{pi} + \\pi",
    );
    // Other variables keep their usual spelling.
    expect(printTerm(sym("alpha"), { format: "latex", theory })).toBe("\\alpha");
  });

  it("takes a quoted name as the variable in diff, grad, eval, compile and batch lines", async () => {
    expect((await dsat("diff", "'pi'*x^2", "'pi'")).stdout).toBe("x^2");
    expect((await dsat("diff", "'e'*x + e", "'e'")).stdout).toBe("x");
    expect((await dsat("grad", "'pi'*x", "'pi',x")).stdout).toBe("[x, 'pi']");
    expect((await dsat("eval", "'pi'*x + pi", "'pi'=2", "x=3")).stdout).toBe(String(6 + Math.PI));
    expect((await dsat("compile", "'pi'*x + pi", "--vars", "'pi',x")).stdout).toContain("function (pi, x)");
    expect(dsatProcess(["diff", "--batch", "-"], "'pi'*x^2\t'pi'\n").stdout).toBe("x^2");
    // Unquoted, the name is the constant's, which is never a variable; the message says how to write one.
    const refused = await dsat("diff", "pi*x", "pi");
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain("a variable named so is written 'pi'");
    expect((await dsat("diff", "x", "'2x'")).stderr).toContain("''2x'' is not a variable name");
  });
});

describe("printing reads back over random operator declarations", () => {
  // Found by the fuzzer (docs/reliability.md): an operator with no function name and no syntax
  // printed as `f-g(x, y)`, which reads as f - g(x, y), and two operators with one symbol printed
  // alike. Over random declaration files, names and spellings colliding freely, each file is
  // refused at load or every term over the theory it makes prints and reads back.
  const names = ["f", "g", "foo", "|", "f-g", "<>", "band", "tau", "xor", "and"];
  const symbols = ["%", "<>", "**", "|", "and", "@", "~", "xor", "//", "f"];
  const declaration = fc.record({
    name: fc.constantFrom(...names),
    arity: fc.integer({ min: 0, max: 2 }),
    syntax: fc.oneof(
      fc.constant(""),
      fc.constantFrom(...names).map((n) => `:call ${n}`),
      fc
        .tuple(
          fc.constantFrom(":infix", ":prefix"),
          fc.constantFrom(...symbols),
          fc.constantFrom(5, 15, 30, 40, 50),
        )
        .map(([kind, symbol, precedence]) => `${kind} ${symbol} :precedence ${precedence}`),
    ),
  });
  const base = defaultTheory();
  /** The theory a file makes, or undefined when it is refused. */
  const load = (text: string): Theory | undefined => {
    try {
      return applyRuleFile(base, parseRuleFile(text, { theory: base, file: "random.rules" }));
    } catch (error) {
      if (error instanceof DsatError) return undefined;
      throw error;
    }
  };
  it("each file is refused or all its terms read back, in every format", () => {
    let accepted = 0;
    const cases = fc
      .array(declaration, { minLength: 1, maxLength: 4 })
      .map((lines) => lines.map((l) => `(operator ${l.name} ${l.arity} ${l.syntax})`).join("\n"))
      .chain((text) => {
        const theory = load(text);
        if (theory === undefined) return fc.constant(undefined);
        const operators = Object.keys(theory.operators).filter((op) => op !== "d");
        const variables = [
          "x",
          ...names.filter((n) => /^[a-z]+$/.test(n)),
          ...symbols.filter((n) => /^[a-z]+$/.test(n)),
        ];
        return fc.tuple(
          fc.constant(text),
          fc.constant(theory),
          termArbitrary({ theory, variables, operators, maxDepth: 3 }),
        );
      });
    fc.assert(
      fc.property(cases, (loaded) => {
        if (loaded === undefined) return;
        accepted++;
        const [text, theory, term] = loaded;
        for (const format of formats) {
          const printed = printTerm(term, { format, theory });
          const from = format === "sexpr" ? "sexpr" : "infix";
          expect(parseExpression(printed, { theory, from }), `${text}\n${format}: ${printed}`).toBe(term);
          expect(parseExpression(printed, { theory }), `${text}\nauto-detected ${format}: ${printed}`).toBe(
            term,
          );
        }
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(40);
  });
});

/** Every term over `variables` (and the theory's operators, constants included) prints, in every format, so that it reads back. */
function roundTrips(over: Theory, variables: readonly string[]): void {
  const operators = Object.keys(over.operators).filter((op) => op !== "d");
  fc.assert(
    fc.property(termArbitrary({ theory: over, variables, operators, maxDepth: 4 }), (term) => {
      for (const format of formats) {
        const text = printTerm(term, { format, theory: over });
        const back =
          format === "sexpr" ? parseSExpr(text, { theory: over }) : parseInfix(text, { theory: over });
        expect(back, `${format}: ${text}`).toBe(term);
        expect(parseExpression(text, { theory: over }), `auto-detected ${format}: ${text}`).toBe(term);
      }
    }),
    { numRuns: 400 },
  );
}

describe("docs/rule-language.md", () => {
  it("every command of its console blocks prints what the page shows", async () => {
    const page = readFileSync(new URL("../docs/rule-language.md", import.meta.url), "utf8");
    const commands = stepsOf(page).filter((step) => step.kind === "command");
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const step of commands) {
      const [program, ...args] = shellWords(step.command);
      expect(program).toBe("dsat");
      const result = await dsat(...args);
      const output = [result.stdout, result.stderr]
        .filter((text) => text !== "")
        .join("\n")
        .split("\n");
      expect(matches(step.expected, output), `docs/rule-language.md:${step.line}: $ ${step.command}`).toBe(
        true,
      );
    }
  });
});
