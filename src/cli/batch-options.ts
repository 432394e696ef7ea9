import type { BatchTask } from "../batch/task.js";
import { integerOption, type OptionSpec, type ParsedArgs } from "./args.js";
import type { Output } from "./command.js";

/**
 * The `--batch` options of `diff`, `simplify`, `grad` and `eval`, light to load: the batch
 * machinery (worker threads, streams) is imported only when `--batch` is given.
 */

/** Options of the commands that run over a file of lines (`diff`, `simplify`, `grad`, `eval`). */
export const batchOptions: Record<string, OptionSpec> = {
  batch: { kind: "value" },
  jobs: { kind: "value" },
  "worker-memory": { kind: "value" },
  quiet: { kind: "flag" },
  "no-memo": { kind: "flag" },
};

/** The usage text of the batch options, shared by the commands' help. */
export const batchUsage = `--batch FILE (- for standard input) reads one expression per line and prints one output line
per input line, in order; a bad line prints \`error: <kind>: <message>\` (with --json, an object
with "ok": false and "error": {kind, exitCode, message}) and the run goes on. The exit status is
that of the first failed line, 0 when none failed. --jobs N spreads the lines over N worker
threads (default: the number of cores); --quiet turns off the progress bar that a terminal shows
on stderr. --worker-memory MB (default 160) is the heap a worker may fill before a fresh one
takes over, which keeps memory flat on inputs of any length. A worker computes a line it has
seen recently once (the same output); --no-memo computes every line (for timing).`;

/** The batch task the command line asks for; the positionals are the words of lines without a tab part. */
export function batchTaskFrom(operation: BatchTask["operation"], args: ParsedArgs): BatchTask {
  const limit = (name: string) => (args.values.has(name) ? integerOption(args, name, 1) : undefined);
  const task: BatchTask = {
    operation,
    words: args.positionals,
    rules: args.lists.get("rules") ?? [],
    from: (args.values.get("from") ?? "auto") as BatchTask["from"] & string,
    format: (args.values.get("format") ?? "infix") as NonNullable<BatchTask["format"]>,
    simplify: !args.flags.has("no-simplify"),
    raw: args.flags.has("raw"),
    saturate: !args.flags.has("no-saturation"),
    float: args.flags.has("float"),
    ...(args.flags.has("no-memo") ? { memo: false } : {}),
  };
  const limits = {
    nodeLimit: limit("node-limit"),
    iterLimit: limit("iter-limit"),
    timeLimitMs: limit("time-limit"),
  };
  return { ...task, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
}

/** Runs `operation` over the `--batch` input (see `runBatch`); returns the exit code. */
export async function runBatchCommand(
  command: string,
  operation: BatchTask["operation"],
  args: ParsedArgs,
  out: Output,
): Promise<number> {
  const { runBatch } = await import("./batch.js");
  return runBatch(command, args, batchTaskFrom(operation, args), out);
}
