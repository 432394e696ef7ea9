import { readFileSync } from "node:fs";
import { isatty } from "node:tty";
import { DsatError, ExitCode, errorRecord } from "../errors.js";
import type { Command, Output } from "./command.js";

/** A subcommand as `dsat` knows it before it runs: its module is imported only when it is used. */
interface CommandEntry {
  readonly name: string;
  /** One line for `dsat --help`. */
  readonly summary: string;
  load(): Promise<Command>;
}

/**
 * Every subcommand, in the order `dsat --help` lists them. Loading them lazily keeps start-up
 * short: `dsat diff` never loads fast-check (check) or Graphviz (dot).
 */
export const commands: readonly CommandEntry[] = [
  {
    name: "check",
    summary: "test that rules are sound, by random testing",
    load: async () => (await import("./commands/check.js")).checkCommand,
  },
  {
    name: "compile",
    summary: "print the JavaScript an expression compiles to",
    load: async () => (await import("./commands/compile.js")).compileCommand,
  },
  {
    name: "diff",
    summary: "differentiate an expression",
    load: async () => (await import("./commands/diff.js")).diffCommand,
  },
  {
    name: "dot",
    summary: "draw the e-graph of an expression (Graphviz DOT or SVG)",
    load: async () => (await import("./commands/dot.js")).dotCommand,
  },
  {
    name: "equal",
    summary: "show two expressions equal by the rules (with a checked proof)",
    load: async () => (await import("./commands/equal.js")).equalCommand,
  },
  {
    name: "eval",
    summary: "evaluate an expression at a point",
    load: async () => (await import("./commands/eval.js")).evalCommand,
  },
  {
    name: "grad",
    summary: "gradient of an expression: [df/dx, df/dy, …]",
    load: async () => (await import("./commands/grad.js")).gradCommand,
  },
  {
    name: "hessian",
    summary: "Hessian of an expression: [[d2f/dx2, d2f/dxdy], …]",
    load: async () => (await import("./commands/hessian.js")).hessianCommand,
  },
  {
    name: "jacobian",
    summary: "Jacobian of a vector of expressions: [[df1/dx, df1/dy], …]",
    load: async () => (await import("./commands/jacobian.js")).jacobianCommand,
  },
  {
    name: "parse",
    summary: "read an expression and print it in another syntax",
    load: async () => (await import("./commands/parse.js")).parseCommand,
  },
  {
    name: "simplify",
    summary: "simplify an expression (equality saturation)",
    load: async () => (await import("./commands/simplify.js")).simplifyCommand,
  },
];

const processOutput: Output = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => standardError().write(`${text}\n`),
  drained: () =>
    process.stdout.writableNeedDrain
      ? new Promise((resolve) => process.stdout.once("drain", resolve))
      : Promise.resolve(),
};
// Asked of the file descriptor: making the stderr stream to ask it is a few ms of every start.
if (isatty(2)) Object.defineProperty(processOutput, "terminal", { get: standardError, enumerable: true });

let stdoutGuarded = false;
let stderrGuarded = false;

/**
 * Write errors on the process's streams, which Node reports as uncaught 'error' events (a
 * stack trace and exit 1, the code for a syntax error). A reader that went away
 * (`dsat diff - x < big | head`) ends the run quietly with exit 0; anything else (a full disk)
 * is one message and exit 74.
 */
function guardStandardOutput(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(ExitCode.ok);
    const reason = error.code === "ENOSPC" ? "no space left on device" : error.message;
    try {
      standardError().write(`dsat: cannot write the output: ${reason}\n`);
    } finally {
      process.exit(ExitCode.output);
    }
  });
}

/** `process.stderr`, made (and guarded) when first used rather than at every start. */
function standardError(): NodeJS.WriteStream {
  if (!stderrGuarded) {
    stderrGuarded = true;
    // Nowhere left to report to: stop.
    process.stderr.on("error", () => process.exit(ExitCode.output));
  }
  return process.stderr;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "dsat: symbolic differentiation by rewrite rules, simplification by equality saturation",
    "",
    "usage: dsat <command> [arguments] (dsat help <command> for details; dsat --version)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "exit codes: 0 ok, 1 syntax error, 2 bad usage, 3 rules file error, 4 unknown operator,",
    "5 wrong arity, 6 unbound variable, 7 division by zero, 8 limit reached,",
    "9 unresolved derivative, 10 outside the domain, 11 unsound rule, 70 internal error,",
    "74 output not written (a full disk)",
  ].join("\n");
}

/** `dsat help <command>`: that command's usage. */
async function help(name: string, out: Output): Promise<number> {
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    out.stderr(`dsat help: unknown command '${name}'\n\n${overview()}`);
    return ExitCode.usage;
  }
  out.stdout((await entry.load()).usage);
  return ExitCode.ok;
}

/** The version in the package's package.json (two folders up from src/, three from dist/src/). */
function packageVersion(): string {
  for (const path of ["../../package.json", "../../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
      if (manifest.name === "dsat") return String(manifest.version);
    } catch {
      // not this one
    }
  }
  return "unknown";
}

/**
 * Runs `dsat` with `argv` (the words after the program name) and returns the exit code.
 * Errors become one readable message on stderr; a stack trace only with DSAT_DEBUG=1.
 */
export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  if (out === processOutput) guardStandardOutput();
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V") {
    out.stdout(packageVersion());
    return ExitCode.ok;
  }
  if (name === "help" && rest.length > 0) return help(rest[0]!, out);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? out.stderr : out.stdout)(overview());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    out.stderr(`dsat: unknown command '${name}'\n\n${overview()}`);
    return ExitCode.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) return help(name, out);
  try {
    return await (await entry.load()).run(rest, out);
  } catch (error) {
    // With --json the error is also an object on stdout, for programs; people read stderr.
    if (rest.includes("--json")) out.stdout(JSON.stringify({ ok: false, error: errorRecord(error) }));
    if (error instanceof DsatError) {
      out.stderr(`dsat ${name}: ${error.message}`);
      if (process.env.DSAT_DEBUG) out.stderr(error.stack ?? "");
      return error.exitCode;
    }
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      if (process.env.DSAT_DEBUG) out.stderr(error.stack ?? "");
      out.stderr(
        `dsat ${name}: internal error: the input is nested too deeply for a recursive step (please report)`,
      );
      return ExitCode.internal;
    }
    const message = error instanceof Error ? error.message : String(error);
    out.stderr(
      `dsat ${name}: internal error: ${message} (this is a bug; rerun with DSAT_DEBUG=1 for details)`,
    );
    if (process.env.DSAT_DEBUG && error instanceof Error) out.stderr(error.stack ?? "");
    return ExitCode.internal;
  }
}
