import { checkRules } from "../../src/check/check-rules.js";
import { main } from "../../src/cli/main.js";
import { type CompiledFunction, compile } from "../../src/compile/compile.js";
import { diff } from "../../src/diff.js";
import { DsatError, ExitCode } from "../../src/errors.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { rulesOf } from "../../src/rules/rules-of.js";
import { applyRuleFile, parseRuleFile } from "../../src/rules/rules-parser.js";
import { simplify } from "../../src/simplify/simplify.js";
import { parseExpression } from "../../src/syntax/parse.js";
import { type OutputFormat, printTerm } from "../../src/syntax/print.js";
import type { Term } from "../../src/term/term.js";
import { symbolsOf } from "../../src/term/traverse.js";
import type { Theory } from "../../src/theory.js";
import type { FuzzInput } from "./generate.js";
import { close, contradicts, type Measured, measure, sameNumber } from "./numeric.js";
import type { Outcome } from "./outcome.js";
import type { Random } from "./random.js";

/**
 * The checks one fuzzer input goes through: parse, print round trips, evaluate, compile,
 * simplify and diff (and, for a rules file, loading it and using what it declares), each
 * judged by the fuzzer's laws. Any exception that is not a typed DsatError is a crash.
 */

/** A failure found by a check; caught by {@link checkInput} and turned into its outcome. */
class Failure extends Error {
  constructor(
    readonly kind: "wrong-number" | "wrong-roundtrip" | "crash",
    message: string,
  ) {
    super(message);
  }
}

/** The first line of an error and the top of its stack, for a crash report. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return `${error.constructor.name}: ${error.message.split("\n")[0]}\n${frames.slice(0, 4).join("\n")}`;
}

/** Runs `step`; a typed error is recorded (the first one names the outcome), anything else is a crash. */
class Stages {
  firstTypedError: string | undefined;

  run<T>(stage: string, step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      if (error instanceof Failure) throw error;
      if (error instanceof DsatError && error.exitCode !== ExitCode.internal) {
        this.firstTypedError ??= `${error.constructor.name} (${stage})`;
        return undefined;
      }
      throw new Failure("crash", `${stage}: ${describe(error)}`);
    }
  }
}

const FORMATS: readonly OutputFormat[] = ["infix", "parens", "sexpr"];

/** Printing `t` in every format and reading it back gives `t` again (the same hash-consed object). */
function checkRoundTrips(t: Term, theory: Theory, stages: Stages): void {
  for (const format of FORMATS) {
    const printed = stages.run(`print ${format}`, () => printTerm(t, { format, theory }));
    if (printed === undefined) continue;
    const from = format === "sexpr" ? "sexpr" : "infix";
    // Printed output that does not read back is a printer or parser bug, never a refusal.
    let back: Term;
    try {
      back = parseExpression(printed, { theory, from });
    } catch (error) {
      throw new Failure(
        "wrong-roundtrip",
        `${format} printed ${JSON.stringify(printed.slice(0, 300))}, which does not read back: ${describe(error)}`,
      );
    }
    if (back !== t) {
      throw new Failure(
        "wrong-roundtrip",
        `${format} printed ${JSON.stringify(printed.slice(0, 300))}, read back differently`,
      );
    }
    if (stages.run(`detect ${format}`, () => parseExpression(printed, { theory })) !== t) {
      throw new Failure(
        "wrong-roundtrip",
        `${format} printed ${JSON.stringify(printed.slice(0, 300))}, detected as another syntax`,
      );
    }
  }
}

const SPECIAL_VALUES = [0, 1, -1, 0.5, 2, -2.5, 1e-3, 100];

function point(random: Random, variables: readonly string[]): Record<string, number> {
  const env: Record<string, number> = {};
  for (const v of variables) {
    const value = random.chance(0.2)
      ? random.pick(SPECIAL_VALUES)
      : Math.round((random.float() * 6 - 3) * 1e6) / 1e6;
    // Not `env[v] = …`: a variable named __proto__ must become an own property.
    Object.defineProperty(env, v, { value, enumerable: true, writable: true });
  }
  return env;
}

function show(env: Readonly<Record<string, number>>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

/** A term for a failure report, cut short when long. */
function shown(term: Term, theory: Theory): string {
  const text = printTerm(term, { format: "infix", theory });
  return text.length > 3000 ? `${text.slice(0, 3000)}…` : text;
}

/** Where `term` is defined and reliable at `env`: its measured value; else undefined. */
function definedAt(term: Term, env: Readonly<Record<string, number>>, theory: Theory): Measured | undefined {
  const m = measure(term, env, theory);
  return m.reliable ? m : undefined;
}

/**
 * Two-step central differences of `term` in `variable` at `env`, combined by Richardson, with
 * an error estimate; undefined where the function is not smooth enough there to tell.
 */
function centralDifference(
  term: Term,
  env: Readonly<Record<string, number>>,
  variable: string,
  theory: Theory,
): { estimate: number; error: number } | undefined {
  const x = env[variable]!;
  const h = 1e-4 * Math.max(1, Math.abs(x));
  const at = (dx: number) => definedAt(term, { ...env, [variable]: x + dx }, theory);
  const values = [at(h), at(-h), at(h / 2), at(-h / 2)];
  if (values.some((v) => v === undefined)) return undefined;
  const [p, m, p2, m2] = values as Measured[];
  const coarse = (p!.value - m!.value) / (2 * h);
  const fine = (p2!.value - m2!.value) / h;
  const estimate = (4 * fine - coarse) / 3;
  const noise = Math.max(...[p!, m!, p2!, m2!].map((v) => 1e-5 * v.spread + 10 * v.roundoff)) / h;
  const error = Math.abs(fine - coarse) + noise;
  if (error > 1e-3 * (1 + Math.abs(estimate))) return undefined;
  return { estimate, error };
}

interface Context {
  readonly theory: Theory;
  readonly random: Random;
  readonly stages: Stages;
}

/** Numeric laws at one point for an input term `t` (defined there: `reference`). */
function checkPoint(
  t: Term,
  derived: Derived,
  env: Record<string, number>,
  ctx: Context,
  reference: Measured,
): void {
  const { theory, stages } = ctx;
  const where = `at ${show(env)}`;
  if (derived.simplified !== undefined) {
    const s = stages.run("evaluate simplified", () => measure(derived.simplified!, env, theory));
    if (s !== undefined && contradicts(reference, s)) {
      throw new Failure(
        "wrong-number",
        `simplified ${where}: ${s.value}, input ${reference.value}; simplified: ${shown(derived.simplified, theory)}`,
      );
    }
  }
  if (derived.compiled !== undefined) {
    const value = derived.compiled(...derived.variables.map((v) => env[v]!));
    const range = measure(derived.compiled.term, env, theory).range;
    if (
      !close(reference, { value, spread: 0, roundoff: 0, reliable: true, range }) &&
      range !== "intermediate"
    ) {
      throw new Failure("wrong-number", `compile(t) ${where}: ${value}, evaluate(t) ${reference.value}`);
    }
  }
  if (derived.raw === undefined) return;
  const raw = stages.run("evaluate raw derivative", () => measure(derived.raw!, env, theory));
  const simplified = derived.derivative === undefined ? undefined : measure(derived.derivative, env, theory);
  const cleaned = derived.cleaned === undefined ? undefined : measure(derived.cleaned, env, theory);
  if (raw?.reliable) {
    for (const [name, other] of [
      ["cleaned", cleaned],
      ["simplified", simplified],
    ] as const) {
      if (other !== undefined && contradicts(raw, other)) {
        const term = name === "cleaned" ? derived.cleaned! : derived.derivative!;
        throw new Failure(
          "wrong-number",
          `${name} derivative ${where}: ${other.value}, raw ${raw.value}; ${name}: ${shown(term, theory)}`,
        );
      }
    }
  }
  const exact = raw?.reliable ? raw : simplified?.reliable ? simplified : undefined;
  if (exact === undefined) return;
  const fd = centralDifference(t, env, derived.variable, theory);
  if (fd === undefined) return;
  const allowed = 10 * fd.error + 1e-5 * Math.abs(fd.estimate) + 1e-3 * exact.spread + 1e-9;
  if (Math.abs(exact.value - fd.estimate) > allowed) {
    throw new Failure(
      "wrong-number",
      `derivative ${where}: ${exact.value}, central difference ${fd.estimate} ± ${fd.error}`,
    );
  }
}

/** What the pipeline made of one input term. */
interface Derived {
  readonly variables: readonly string[];
  readonly variable: string;
  readonly simplified: Term | undefined;
  readonly compiled: CompiledFunction | undefined;
  readonly raw: Term | undefined;
  readonly cleaned: Term | undefined;
  readonly derivative: Term | undefined;
}

/** The laws for one parsed expression in the default theory. */
function checkTerm(t: Term, ctx: Context): void {
  const { theory, random, stages } = ctx;
  checkRoundTrips(t, theory, stages);
  const variables = symbolsOf(t);
  const variable = variables[0] ?? "x";
  const raw = stages.run("diff raw", () => diff(t, variable, { theory, raw: true }));
  const cleaned = raw === undefined ? undefined : stages.run("diff", () => diff(t, variable, { theory }));
  const derived: Derived = {
    variables,
    variable,
    simplified: stages.run("simplify", () => simplify(t, { theory }).term),
    // compile(t) with its default simplification, on every fourth input (it simplifies again).
    compiled: random.chance(0.25)
      ? stages.run("compile", () => compile(t, variables, { theory }))
      : undefined,
    raw,
    cleaned,
    derivative:
      cleaned === undefined
        ? undefined
        : stages.run("simplify derivative", () => simplify(cleaned, { theory }).term),
  };
  // compile without simplification computes exactly what evaluate computes, for each term made.
  for (const term of [t, derived.simplified, derived.derivative]) {
    if (term === undefined) continue;
    const fn = stages.run("compile unsimplified", () =>
      compile(term, variables, { theory, simplify: false }),
    );
    if (fn === undefined) break;
    for (let i = 0; i < 2; i++) {
      const env = point(random, variables);
      const expected = stages.run("evaluate", () => evaluate(term, env, { theory }));
      const got = fn(...variables.map((v) => env[v]!));
      if (expected !== undefined && !sameNumber(expected, got)) {
        throw new Failure(
          "wrong-number",
          `compile(t, {simplify: false}) at ${show(env)}: ${got}, evaluate ${expected}`,
        );
      }
    }
  }
  for (let i = 0; i < 3; i++) {
    const env = point(random, variables);
    const reference = stages.run("evaluate", () => measure(t, env, theory));
    if (reference === undefined) break;
    if (reference.reliable) checkPoint(t, derived, env, ctx, reference);
  }
}

/** The exit codes of the README's table; 70, an internal error, is not one of them. */
const DOCUMENTED_EXIT_CODES: ReadonlySet<number> = new Set(
  Object.values(ExitCode).filter((code) => code !== ExitCode.internal),
);

/** CLI runs must end with a documented exit code and one message, never a stack trace. */
async function checkCli(text: string, random: Random, variables: readonly string[]): Promise<void> {
  const command = random.pick(["parse", "eval", "diff", "simplify", "compile"]);
  const argv = [command, text];
  if (command === "eval") argv.push(...variables.map((v, i) => `${v}=${i + 1}`));
  if (command === "diff") argv.push(variables[0] ?? "x");
  let stderr = "";
  const code = await main(argv, { stdout: () => {}, stderr: (line) => (stderr += `${line}\n`) });
  if (!DOCUMENTED_EXIT_CODES.has(code)) {
    throw new Failure("crash", `dsat ${command}: exit ${code}: ${stderr.slice(0, 500)}`);
  }
  if (/\n\s+at .+:\d+:\d+/.test(stderr))
    throw new Failure("crash", `dsat ${command} printed a stack trace: ${stderr.slice(0, 500)}`);
  if (code !== 0 && stderr.trim() === "")
    throw new Failure("crash", `dsat ${command}: exit ${code} without a message`);
}

/** A rules file: it loads or is refused with a typed error; what it declares is then usable. */
function checkRulesFile(input: FuzzInput & { kind: "rules" }, ctx: Context): void {
  const { stages, random } = ctx;
  const contents = stages.run("load rules", () =>
    parseRuleFile(input.text, { theory: ctx.theory, file: "fuzz.rules" }),
  );
  if (contents === undefined) return;
  const theory = stages.run("apply rules", () => applyRuleFile(ctx.theory, contents));
  if (theory === undefined) return;
  const t = stages.run("parse", () => parseExpression(input.expression, { theory, from: "sexpr" }));
  if (t === undefined) return;
  // The same round trips as for expressions: user operators print so that they read back.
  checkRoundTrips(t, theory, stages);
  const variables = symbolsOf(t);
  stages.run("diff", () => diff(t, variables[0] ?? "x", { theory, fuel: 20_000 }));
  stages.run("simplify", () => simplify(t, { theory, nodeLimit: 200, timeLimitMs: 200 }));
  stages.run("evaluate", () => evaluate(t, point(random, variables), { theory }));
  if (random.chance(0.1)) {
    stages.run("check", () =>
      checkRules(theory, rulesOf(theory, ["fuzz.rules"]), { runs: 3, seed: random.next(), maxDepth: 2 }),
    );
  }
}

/** Runs every check on `input`; the outcome names the first failure, or the first typed error. */
export async function checkInput(input: FuzzInput, theory: Theory, random: Random): Promise<Outcome> {
  const stages = new Stages();
  const ctx: Context = { theory, random, stages };
  try {
    if (input.kind === "rules") {
      checkRulesFile(input, ctx);
    } else {
      const from = random.chance(0.8) ? "auto" : input.kind;
      const t = stages.run("parse", () => parseExpression(input.text, { theory, from }));
      if (t !== undefined) checkTerm(t, ctx);
      if (random.chance(0.1)) await checkCli(input.text, random, t === undefined ? ["x"] : symbolsOf(t));
    }
  } catch (error) {
    if (error instanceof Failure) return { kind: error.kind, detail: error.message };
    return { kind: "crash", detail: `checker: ${describe(error)}` };
  }
  if (stages.firstTypedError !== undefined) return { kind: "typed-error", detail: stages.firstTypedError };
  return { kind: "ok", detail: "" };
}
