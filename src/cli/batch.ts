import { createReadStream, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { linesOf } from "../batch/lines.js";
import { batchChunks } from "../batch/pool.js";
import type { BatchRecord, BatchTask } from "../batch/task.js";
import { ExitCode, readFailure, UsageError } from "../errors.js";
import { integerOption, type ParsedArgs } from "./args.js";
import type { Output } from "./command.js";

/** Options that print something besides the result, which one output line per input cannot hold. */
const SINGLE_ONLY = ["steps", "explain", "cse", "report", "save-egraph"];

/** Runs `task` over the `--batch` input and prints one line per input line; returns the exit code. */
export async function runBatch(
  command: string,
  args: ParsedArgs,
  task: BatchTask,
  out: Output,
): Promise<number> {
  for (const flag of SINGLE_ONLY) {
    if (args.flags.has(flag) || args.values.has(flag))
      throw new UsageError(`--${flag} does not go with --batch (try --json)`);
  }
  const path = args.values.get("batch")!;
  const jobs = integerOption(args, "jobs", 0) || undefined;
  const workerMemoryMb = integerOption(args, "worker-memory", 0) || undefined;
  const json = args.flags.has("json");
  const input = openInput(path);
  const progress =
    args.flags.has("quiet") || out.terminal === undefined
      ? undefined
      : await progressBar(out.terminal, input.size);
  // The bar shows the lines done, not the bytes read (reading runs far ahead of the work): the
  // end offset of each line handed out waits in `offsets` until that line is done. The pool
  // holds a bounded number of lines, so the queue stays short. Characters stand for bytes.
  const lines = linesOf(input.stream as AsyncIterable<Buffer>);
  const offsets: number[] = [];
  let next = 0; // the first offset whose line is not yet done
  let linesDone = 0;
  let bytesDone = 0;
  const counted = progress
    ? (async function* () {
        let offset = 0;
        for await (const line of lines) {
          offset += line.length + 1;
          offsets.push(offset);
          yield line;
        }
      })()
    : lines;
  const markDone = (done: number): number => {
    while (linesDone < done && next < offsets.length) {
      bytesDone = offsets[next++]!;
      linesDone++;
    }
    if (next > 4096) {
      offsets.splice(0, next);
      next = 0;
    }
    return bytesDone;
  };
  let failed = 0;
  let firstFailure: BatchRecord | undefined;
  let firstCode: number = ExitCode.ok;
  try {
    const chunks = batchChunks(
      counted,
      { ...task, details: json },
      {
        ...(jobs === undefined ? {} : { jobs }),
        ...(workerMemoryMb === undefined ? {} : { workerMemoryMb }),
        ...(progress ? { onProgress: (done: number) => progress.update(done, markDone(done)) } : {}),
      },
    );
    for await (const records of chunks) {
      const output: string[] = [];
      for (const record of records) {
        if (!record.ok && failed++ === 0) {
          firstFailure = record;
          firstCode = record.error.exitCode;
        }
        output.push(json ? JSON.stringify(record) : record.text);
      }
      // One write per chunk: a write per line was a seventh of a long run's main thread.
      out.stdout(output.join("\n"));
      if (out.drained) await out.drained();
    }
  } finally {
    progress?.stop();
    input.stream.destroy();
  }
  if (firstFailure && !args.flags.has("quiet")) {
    out.stderr(
      `dsat ${command}: ${failed} line${failed === 1 ? "" : "s"} failed (the first: line ${firstFailure.line})`,
    );
  }
  return firstCode;
}

function openInput(path: string): { stream: Readable; size: number | undefined } {
  if (path === "-") return { stream: process.stdin, size: undefined };
  let size: number;
  try {
    const stat = statSync(path);
    size = stat.isDirectory() ? Number.NaN : stat.size;
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${readFailure((error as NodeJS.ErrnoException).code)}`);
  }
  if (Number.isNaN(size)) throw new UsageError(`cannot read '${path}': ${readFailure("EISDIR")}`);
  return { stream: createReadStream(path), size: size > 0 ? size : undefined };
}

interface Progress {
  update(lines: number, bytes: number): void;
  stop(): void;
}

/**
 * A progress bar on the terminal: the share of the file read when its size is known, else the
 * lines done. cli-progress is loaded only here, so other runs do not pay for it.
 */
async function progressBar(stream: NodeJS.WriteStream, size: number | undefined): Promise<Progress> {
  const { SingleBar } = (await import("cli-progress")).default;
  const bar = new SingleBar({
    stream,
    format:
      size === undefined ? "{lines} lines done" : "{bar} {percentage}% | {lines} lines | eta {eta_formatted}",
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(size ?? 0, 0, { lines: 0 });
  return {
    update: (lines, bytes) => bar.update(size === undefined ? 0 : bytes, { lines }),
    stop: () => bar.stop(),
  };
}
