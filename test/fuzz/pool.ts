import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FAILURE_KINDS, type OutcomeKind } from "./outcome.js";
import { inputAt } from "./run-one.js";
import type { WorkerMessage, WorkRequest } from "./worker.js";

/**
 * Runs fuzzer inputs in child processes, each input under a time bound (the worker is killed
 * when one input takes longer) and a memory bound (V8's heap limit, and the process's
 * resident size polled from /proc), and tallies the outcomes. A killed worker's input counts
 * as a hang or a memory failure and the run goes on with a fresh worker from the next input.
 */

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** The first index (default 0): inputs `start … start + count - 1` are run. */
  readonly start?: number;
  /** Worker processes at once; default the number of cores, at most 4. */
  readonly workers?: number;
  /**
   * Time bound per input; default 10 s. It is CPU time where /proc tells it, so that a busy
   * machine does not turn slow inputs into hangs; wall time past {@link WALL_FACTOR} times the
   * bound (a worker blocked, not computing) also counts.
   */
  readonly timeoutMs?: number;
  /** Heap limit of a worker (--max-old-space-size); default 1024 MB. */
  readonly heapMb?: number;
  /** Resident size limit of a worker; default 1536 MB. */
  readonly rssMb?: number;
  /** Inputs per worker process before a fresh one takes over (the term store never shrinks); default 500. */
  readonly chunk?: number;
  /** Extra environment for the workers (the pool's tests use it). */
  readonly env?: Readonly<Record<string, string>>;
  /** Called after each input, with the counts so far. */
  readonly onProgress?: (done: number, counts: Readonly<Record<OutcomeKind, number>>) => void;
  /** Called for each failure as it is found (a long run shows them before it ends). */
  readonly onFailure?: (failure: FuzzFailure) => void;
}

/** A failure, with what is needed to reproduce it. */
export interface FuzzFailure {
  readonly index: number;
  readonly kind: OutcomeKind;
  readonly detail: string;
  readonly text: string;
}

export interface FuzzSummary {
  readonly seed: number;
  readonly start: number;
  readonly count: number;
  /** Inputs per outcome. */
  readonly counts: Record<OutcomeKind, number>;
  /** Typed errors by class and stage (`ParseError (parse)`). */
  readonly typedErrors: Record<string, number>;
  /** The first few inputs of each kind of typed error, by index, to replay with `--index`. */
  readonly typedErrorExamples: Record<string, number[]>;
  /** Known failures (issue 14 items being fixed) by item. */
  readonly known: Record<string, number>;
  readonly failures: FuzzFailure[];
  /** The slowest input. */
  readonly slowest: { readonly index: number; readonly ms: number };
  readonly ms: number;
}

/** Inputs listed per kind of typed error. */
const EXAMPLES = 5;

/** A worker that spends this many times the time bound in wall time on one input is killed even if idle. */
const WALL_FACTOR = 12;

const here = fileURLToPath(import.meta.url);
/** The compiled worker (under dist/, built by `tsc`), whether this file runs from dist/ or from source. */
const workerPath = here.includes(`${"/"}dist${"/"}`)
  ? resolve(dirname(here), "worker.js")
  : resolve(dirname(here), "../../dist/test/fuzz/worker.js");

/** CPU time (user + system) a process has used, in ms, from /proc; undefined where there is none. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (in parentheses, which may hold blanks): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** Resident set size of a process in MB, from /proc (0 where there is none). */
function residentMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function tally<K extends string>(table: Record<K, number>, key: K): void {
  table[key] = (table[key] ?? 0) + 1;
}

/** Runs inputs `start … start + count - 1` of `seed` and sums up what they came to. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const start = options.start ?? 0;
  const end = start + options.count;
  const workers = options.workers ?? Math.max(1, Math.min(4, cpus().length));
  const chunk = options.chunk ?? 500;
  const counts = Object.fromEntries(
    ["ok", "typed-error", "known", ...FAILURE_KINDS].map((k) => [k, 0]),
  ) as Record<OutcomeKind, number>;
  const summary: FuzzSummary = {
    seed: options.seed,
    start,
    count: options.count,
    counts,
    typedErrors: {},
    typedErrorExamples: {},
    known: {},
    failures: [],
    slowest: { index: -1, ms: 0 },
    ms: 0,
  };
  let done = 0;
  const record = (index: number, kind: OutcomeKind, detail: string, text: string | undefined, ms: number) => {
    tally(counts, kind);
    if (kind === "typed-error") {
      tally(summary.typedErrors, detail);
      const examples = (summary.typedErrorExamples[detail] ??= []);
      if (examples.length < EXAMPLES) examples.push(index);
    }
    if (kind === "known") tally(summary.known, detail);
    if (FAILURE_KINDS.has(kind)) {
      const failure = { index, kind, detail, text: text ?? inputAt(options.seed, index).input.text };
      summary.failures.push(failure);
      options.onFailure?.(failure);
    }
    if (ms > summary.slowest.ms) Object.assign(summary, { slowest: { index, ms } });
    done++;
    options.onProgress?.(done, counts);
  };

  let next = start;
  const lane = async () => {
    while (next < end) {
      const from = next;
      const to = Math.min(end, from + chunk);
      next = to;
      for (let resume = from; resume < to; )
        resume = await runWorker({ seed: options.seed, from: resume, to }, options, record);
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  summary.failures.sort((a, b) => a.index - b.index);
  return { ...summary, ms: performance.now() - started };
}

type Record_ = (
  index: number,
  kind: OutcomeKind,
  detail: string,
  text: string | undefined,
  ms: number,
) => void;

/** One worker process over `request`; resolves with the index to resume from when it stops early. */
function runWorker(request: WorkRequest, options: FuzzOptions, record: Record_): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const rssMb = options.rssMb ?? 1536;
  return new Promise((settle, fail) => {
    const child: ChildProcess = fork(workerPath, [], {
      execArgv: [`--max-old-space-size=${options.heapMb ?? 1024}`],
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let resume = request.from;
    let current: number | undefined;
    let currentStart = 0;
    let cpuAtStart: number | undefined;
    let finished = false;
    let heard = false;
    let verdict: { kind: OutcomeKind; detail: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stderr = "";
    child.stderr!.on("data", (data: Buffer) => {
      stderr = (stderr + data.toString()).slice(-2000);
    });
    const kill = (kind: OutcomeKind, detail: string) => {
      verdict ??= { kind, detail };
      child.kill("SIGKILL");
    };
    const poll = setInterval(() => {
      const mb = residentMb(child.pid);
      if (mb > rssMb) kill("memory", `resident size ${Math.round(mb)} MB over the ${rssMb} MB bound`);
      if (current === undefined || cpuAtStart === undefined) return;
      const used = (cpuMs(child.pid) ?? cpuAtStart) - cpuAtStart;
      if (used > timeoutMs)
        kill("hang", `over ${timeoutMs} ms of CPU time on one input: the worker was killed`);
    }, 100);
    child.on("message", (message: WorkerMessage) => {
      heard = true;
      if (message.type === "start") {
        current = message.index;
        currentStart = performance.now();
        cpuAtStart = cpuMs(child.pid);
        const wall = cpuAtStart === undefined ? timeoutMs : timeoutMs * WALL_FACTOR;
        timer = setTimeout(() => kill("hang", `no answer within ${wall} ms: the worker was killed`), wall);
      } else if (message.type === "done") {
        clearTimeout(timer);
        current = undefined;
        resume = message.index + 1;
        record(message.index, message.kind as OutcomeKind, message.detail, message.text, message.ms);
      } else {
        finished = true;
      }
    });
    child.on("exit", (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (finished) return settle(request.to);
      // A worker that dies before it says anything could not start (a broken build or install):
      // that is no input's fault, and every worker after it would die the same way.
      if (!heard && verdict === undefined) {
        return fail(
          new Error(
            `a fuzzer worker could not start (code ${code}, signal ${signal}): ${stderr.trim().slice(-500)}`,
          ),
        );
      }
      // The worker died on input `current` (or between inputs: then the next one is blamed).
      const index = current ?? resume;
      const outOfMemory = /heap out of memory|Allocation failed/.test(stderr);
      const kind = verdict?.kind ?? (outOfMemory ? "memory" : "crash");
      const detail =
        verdict?.detail ??
        `worker exited (code ${code}, signal ${signal}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`;
      record(index, kind, detail, undefined, performance.now() - currentStart);
      settle(index + 1);
    });
    child.send(request);
  });
}
