import { main } from "../../src/cli/main.js";
import { compile } from "../../src/compile/compile.js";
import { defaultTheory } from "../../src/default-theory.js";
import { diff } from "../../src/diff.js";
import { DsatError, ExitCode } from "../../src/errors.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { applyRuleFile, parseRuleFile } from "../../src/rules/rules-parser.js";
import { simplify } from "../../src/simplify/simplify.js";
import { parseExpression } from "../../src/syntax/parse.js";
import { type OutputFormat, printTerm } from "../../src/syntax/print.js";
import type { Term } from "../../src/term/term.js";
import { Random } from "./random.js";

/**
 * Resource bombs: inputs built to exhaust time or memory (deep nesting, huge sums, towers of
 * powers, astronomical exponents, megabyte inputs and rules files, derivatives quadratic as
 * trees). `node dist/test/fuzz/bombs.js NAME` runs one in a fresh process and prints one JSON
 * line: what came of it, CPU and wall time, and peak resident size; test/resource-bombs.test.ts
 * asserts the bounds. A bomb ends with a result or a typed refusal, never anything else.
 */

const theory = defaultTheory();

/** `dsat ARGV` in-process: exit code, bytes printed, the start of stdout and the first line of stderr. */
async function cli(...argv: string[]): Promise<string> {
  let bytes = 0;
  let start = "";
  let message = "";
  const code = await main(argv, {
    stdout: (text) => {
      bytes += text.length + 1;
      if (start.length < 60) start += text.slice(0, 60);
    },
    stderr: (text) => {
      message ||= text.split("\n")[0]!;
    },
  });
  if (code === ExitCode.internal) throw new Error(`dsat ${argv[0]} exited 70: ${message}`);
  const shown = bytes > 60 ? `${start.slice(0, 60)}…` : start;
  return `exit ${code}, ${bytes} bytes: ${shown}${message ? ` | ${message.slice(0, 200)}` : ""}`;
}

/** Runs `step`; a typed error becomes `refused: …`, the result `ok: …`. */
function attempt(what: string, step: () => string): string {
  try {
    return `${what} ok: ${step()}`;
  } catch (error) {
    if (error instanceof DsatError && error.exitCode !== ExitCode.internal) {
      return `${what} refused: ${error.constructor.name}: ${error.message.split("\n")[0]!.slice(0, 200)}`;
    }
    throw error;
  }
}

const FORMATS: readonly OutputFormat[] = ["infix", "parens", "sexpr"];

/** Parse, print and read back in every format, evaluate, simplify: the whole path for a big input. */
function throughEverything(text: string, variables: readonly string[] = ["x"]): string[] {
  const t: Term = parseExpression(text, { theory });
  const results: string[] = [];
  for (const format of FORMATS) {
    results.push(
      attempt(`print ${format}`, () => {
        const printed = printTerm(t, { format, theory });
        const back = parseExpression(printed, { theory, from: format === "sexpr" ? "sexpr" : "infix" });
        if (back !== t) throw new Error(`${format} round trip changed the term`);
        return `${printed.length} chars`;
      }),
    );
  }
  const env = Object.fromEntries(variables.map((v) => [v, 0.5]));
  results.push(attempt("evaluate", () => String(evaluate(t, env, { theory }))));
  results.push(attempt("simplify", () => `${simplify(t, { theory }).report.outputSize} nodes`));
  results.push(
    attempt("compile", () =>
      String(compile(t, [...variables], { theory, simplify: false })(...variables.map(() => 0.5))),
    ),
  );
  return results;
}

const NEST = 100_000;

/** The bombs, by name. */
export const BOMBS: Readonly<Record<string, () => Promise<string[]> | string[]>> = {
  "nesting-infix": () => [
    ...throughEverything(`${"sin(".repeat(NEST)}x${")".repeat(NEST)}`),
    ...throughEverything(`${"(".repeat(NEST)}x${")".repeat(NEST)}`),
    ...throughEverything(`${"-".repeat(NEST)}x`),
    ...throughEverything(`${"1+(".repeat(NEST)}x${")".repeat(NEST)}`),
  ],
  "nesting-sexpr": () => [
    ...throughEverything(`${"(sin ".repeat(NEST)}x${")".repeat(NEST)}`),
    ...throughEverything(`${"(+ ".repeat(NEST)}x${" 1)".repeat(NEST)}`),
  ],
  // Evaluated, and through dsat diff: read, differentiated and simplified, the user's path and
  // most of the cost (about 85 s of CPU); the library's diff and simplify are the same work again.
  "sum-1e6": async () => {
    const text = Array.from({ length: 1_000_000 }, (_, i) =>
      i % 3 === 0 ? "x" : i % 3 === 1 ? "x*y" : String(i % 10),
    ).join(" + ");
    const t = parseExpression(text, { theory });
    return [
      attempt("evaluate", () => String(evaluate(t, { x: 0.5, y: 0.5 }, { theory }))),
      await cli("diff", text, "x"),
    ];
  },
  "power-towers": async () => [
    await cli("simplify", "2^2^2^2^2^2"),
    await cli("eval", "2^2^2^2^2^2"),
    await cli("simplify", "10^10^10^10"),
    await cli("diff", "x^x^x^x^x^x^x^x", "x"),
    await cli("diff", Array.from({ length: 200 }, () => "x").join("^"), "x"),
  ],
  "huge-exponents": async () => [
    await cli("diff", "x^(10^9)", "x"),
    await cli("eval", "x^(10^9)", "x=1.0000001"),
    await cli("simplify", "2^(10^100000)"),
    await cli("eval", "2^(10^100000)"),
    await cli("diff", "x*2^(10^100000)", "x"),
    await cli("simplify", "x^(10^100000)*x"),
  ],
  "expression-1mb": async () => {
    const random = new Random(1);
    const terms: string[] = [];
    let length = 0;
    while (length < 1_000_000) {
      const term = random.pick([
        `sin(${random.int(1, 9)}*x)`,
        `x^${random.int(2, 6)}/${random.int(2, 9)}`,
        `exp(y - ${random.int(0, 9)})`,
        `log(x^2 + ${random.int(1, 9)})*y`,
        `sqrt(y^2 + 1)`,
      ]);
      terms.push(term);
      length += term.length + 3;
    }
    const text = terms.join(" + ");
    return [...throughEverything(text, ["x", "y"]), await cli("diff", text, "x")];
  },
  "rules-10mb": () => {
    const lines = ["(ruleset fuzz-bomb)"];
    let length = 0;
    for (let i = 0; length < 10_000_000; i++) {
      const line = `bomb-${i}: (sin (+ ?a ${i})) => (cos (* ?a ${i % 97}))`;
      lines.push(line);
      length += line.length + 1;
    }
    const text = lines.join("\n");
    const started = process.cpuUsage();
    const loaded = applyRuleFile(theory, parseRuleFile(text, { theory, file: "bomb.rules" }));
    const cpu = process.cpuUsage(started);
    return [
      `${text.length} bytes, ${loaded.ruleSets["fuzz-bomb"]!.rules.length} rules loaded in ${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU`,
    ];
  },
  "quadratic-derivatives": async () => [
    await cli("diff", `${"sin(".repeat(10_000)}x${")".repeat(10_000)}`, "x"),
    await cli("diff", `${"sin(".repeat(NEST)}x${")".repeat(NEST)}`, "x"),
    await cli("diff", Array.from({ length: 20_000 }, () => "x").join("^"), "x"),
    await cli("diff", Array.from({ length: 3_000 }, (_, i) => `(x + ${i})`).join("*"), "x"),
    attempt("library diff", () => {
      const t = parseExpression(`${"sin(".repeat(10_000)}x${")".repeat(10_000)}`, { theory });
      return `${printTerm(diff(t, "x", { theory }), { format: "infix", theory }).length} chars`;
    }),
  ],
  "deep-rules-pattern": () => [
    attempt("load", () => {
      const text = `deep: ${"(sin ".repeat(NEST)}?a${")".repeat(NEST)} => ?a`;
      const loaded = applyRuleFile(theory, parseRuleFile(text, { theory, file: "deep.rules" }));
      return `${loaded.ruleSets.deep!.rules.length} rule`;
    }),
  ],
};

/** What one bomb run reports. */
export interface BombReport {
  readonly results: string[];
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
}

const name = process.argv[2];
if (name !== undefined && process.argv[1]?.endsWith("bombs.js")) {
  const bomb = BOMBS[name];
  if (bomb === undefined) throw new Error(`no bomb named ${name}`);
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const results = await bomb();
  const used = process.cpuUsage(cpu);
  const report: BombReport = {
    results,
    cpuMs: Math.round((used.user + used.system) / 1000),
    wallMs: Math.round(performance.now() - wall),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(report));
}
