import { readFileSync } from "node:fs";
import { batchErrorOf } from "../batch/task.js";
import { DsatError, ExitCode } from "../errors.js";
import type { Command, Output } from "./command.js";
import { checkCommand } from "./commands/check.js";
import { compileCommand } from "./commands/compile.js";
import { diffCommand } from "./commands/diff.js";
import { dotCommand } from "./commands/dot.js";
import { equalCommand } from "./commands/equal.js";
import { evalCommand } from "./commands/eval.js";
import { gradCommand } from "./commands/grad.js";
import { hessianCommand } from "./commands/hessian.js";
import { jacobianCommand } from "./commands/jacobian.js";
import { parseCommand } from "./commands/parse.js";
import { simplifyCommand } from "./commands/simplify.js";

/** Every subcommand, in the order `dsat --help` lists them. */
export const commands: readonly Command[] = [
  checkCommand,
  compileCommand,
  diffCommand,
  dotCommand,
  equalCommand,
  evalCommand,
  gradCommand,
  hessianCommand,
  jacobianCommand,
  parseCommand,
  simplifyCommand,
];

const processOutput: Output = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  drained: () =>
    process.stdout.writableNeedDrain
      ? new Promise((resolve) => process.stdout.once("drain", resolve))
      : Promise.resolve(),
  ...(process.stderr.isTTY ? { terminal: process.stderr } : {}),
};

let streamsGuarded = false;

/**
 * Write errors on the process's streams, which Node reports as uncaught 'error' events (a
 * stack trace and exit 1, the code for a syntax error). A reader that went away
 * (`dsat diff - x < big | head`) ends the run quietly with exit 0; anything else (a full disk)
 * is one message and exit 74.
 */
function guardProcessStreams(): void {
  if (streamsGuarded) return;
  streamsGuarded = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(ExitCode.ok);
    const reason = error.code === "ENOSPC" ? "no space left on device" : error.message;
    try {
      process.stderr.write(`dsat: cannot write the output: ${reason}\n`);
    } finally {
      process.exit(ExitCode.output);
    }
  });
  // Nowhere left to report to: stop.
  process.stderr.on("error", () => process.exit(ExitCode.output));
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
function help(name: string, out: Output): number {
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    out.stderr(`dsat help: unknown command '${name}'\n\n${overview()}`);
    return ExitCode.usage;
  }
  out.stdout(command.usage);
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
  if (out === processOutput) guardProcessStreams();
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
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    out.stderr(`dsat: unknown command '${name}'\n\n${overview()}`);
    return ExitCode.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out.stdout(command.usage);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, out);
  } catch (error) {
    // With --json the error is also an object on stdout, for programs; people read stderr.
    if (rest.includes("--json")) out.stdout(JSON.stringify({ ok: false, error: batchErrorOf(error) }));
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
