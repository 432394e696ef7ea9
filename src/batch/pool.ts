import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DsatError } from "../errors.js";
import { DEFAULT_MAX_LINE_LENGTH, OverlongLine } from "./lines.js";
import type { BatchError, BatchRecord, BatchTask } from "./task.js";

/** Options of {@link batchLines} and {@link batchArray}. */
export interface BatchOptions {
  /** Worker threads (default: the number of cores). Output order never depends on it. */
  readonly jobs?: number;
  /**
   * Most lines sent to a worker at once (default 64); fewer while workers are idle. Small
   * enough that the last chunks leave no worker idle for long, large enough that sending them
   * costs little.
   */
  readonly chunkSize?: number;
  /**
   * Megabytes of heap a worker may use before a fresh one replaces it (default 160): the term
   * store never shrinks, so this keeps memory flat however long the input.
   */
  readonly workerMemoryMb?: number;
  /** Length in characters over which a line is an error rather than read (default 1,000,000). */
  readonly maxLineLength?: number;
  /** Called as results come in, with the number of lines done so far. */
  readonly onProgress?: (linesDone: number) => void;
}

/** What the pool sends a worker when it starts. */
export interface WorkerData {
  readonly task: BatchTask;
  readonly workerMemoryMb: number;
  readonly maxLineLength: number;
}
/** A chunk of lines; a number stands for a line over the length limit (its length). */
export interface WorkerRequest {
  readonly first: number;
  readonly lines: readonly (string | number)[];
}
export type WorkerReply =
  | { readonly records: BatchRecord[]; readonly retire: boolean }
  | { readonly fatal: BatchError };

/** A worker could not prepare the task (a bad rules file): the error it reported. */
export class BatchStartError extends DsatError {
  constructor(
    message: string,
    override readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * The compiled worker script beside this module: `worker.js` in dist/src, `worker.cjs` in the
 * CLI bundle (dist/cli). Under the test runner this module is TypeScript source, which a worker
 * thread cannot load, so the compiled copy `npm test` builds first is used.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return new URL("../../dist/src/batch/worker.js", here);
  return new URL(here.endsWith(".cjs") ? "./worker.cjs" : "./worker.js", here);
}

interface Job {
  readonly request: WorkerRequest;
  resolve(records: BatchRecord[]): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
}

/** Worker threads taking chunks from one queue; a worker that asks to retire is replaced. */
class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private failure: unknown;
  private closed = false;

  constructor(
    private readonly data: WorkerData,
    jobs: number,
    private readonly onIdle: () => void,
  ) {
    for (let i = 0; i < jobs; i++) this.slots.push(this.spawn());
  }

  get hasIdleWorker(): boolean {
    return this.queue.length === 0 && this.slots.some((s) => s.job === undefined);
  }

  submit(request: WorkerRequest): Promise<BatchRecord[]> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      this.queue.push({ request, resolve, reject });
      const idle = this.slots.find((s) => s.job === undefined);
      if (idle) this.next(idle);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: this.start(), job: undefined };
    this.listen(slot);
    return slot;
  }

  private start(): Worker {
    return new Worker(workerUrl(), { workerData: this.data });
  }

  private listen(slot: Slot): void {
    const worker = slot.worker;
    worker.on("message", (reply: WorkerReply) => {
      if ("fatal" in reply) return this.fail(new BatchStartError(reply.fatal.message, reply.fatal.exitCode));
      const job = slot.job!;
      slot.job = undefined;
      if (reply.retire && !this.closed) {
        void worker.terminate();
        slot.worker = this.start();
        this.listen(slot);
      }
      job.resolve(reply.records);
      this.next(slot);
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      // Only a worker still in service that stops on its own is a failure.
      if (!this.closed && slot.worker === worker)
        this.fail(new Error(`a batch worker stopped (exit code ${code})`));
    });
  }

  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job === undefined) {
      this.onIdle();
      return;
    }
    slot.job = job;
    slot.worker.postMessage(job.request);
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (const slot of this.slots) slot.job?.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}

/**
 * Runs `task` on every line of `lines` over worker threads and yields one record per line, in
 * input order, as results come in: a bad line yields a failure record and the run goes on.
 * Lines are read only as fast as results are taken, so memory stays flat on endless input.
 * `lines` may be an array, any iterable, or an async iterable such as {@link linesOf} of a stream.
 *
 * @example
 * ```ts
 * for await (const r of batchLines(["x^2\tx", "sin(x)\tx"], { operation: "diff" })) console.log(r.text);
 * ```
 */
export async function* batchLines(
  lines: AsyncIterable<string | OverlongLine> | Iterable<string | OverlongLine>,
  task: BatchTask,
  options: BatchOptions = {},
): AsyncGenerator<BatchRecord> {
  for await (const records of batchChunks(lines, task, options)) yield* records;
}

/**
 * {@link batchLines} a chunk of records at a time, as the workers return them (in input order):
 * the command line writes each chunk's output lines in one write.
 */
export async function* batchChunks(
  lines: AsyncIterable<string | OverlongLine> | Iterable<string | OverlongLine>,
  task: BatchTask,
  options: BatchOptions = {},
): AsyncGenerator<readonly BatchRecord[]> {
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const chunkSize = Math.max(1, options.chunkSize ?? 64);
  // Chunks sent or done but not yet yielded: bounds the memory between input and output.
  const maxInFlight = jobs * 4;
  const ready = new Map<number, BatchRecord[]>();
  let sent = 0;
  let yielded = 0;
  let lineNumber = 0;
  let done = 0;
  let inputDone = false;
  let stopped = false;
  let failure: unknown;
  let chunk: (string | number)[] = [];
  let chunkFirst = 1;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  const signal = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };

  const flush = () => {
    if (chunk.length === 0 || failure !== undefined) return;
    const seq = sent++;
    pool.submit({ first: chunkFirst, lines: chunk }).then(
      (records) => {
        ready.set(seq, records);
        signal();
      },
      (error) => {
        failure ??= error;
        signal();
      },
    );
    chunk = [];
    chunkFirst = lineNumber + 1;
  };
  const pool = new WorkerPool(
    {
      task,
      workerMemoryMb: options.workerMemoryMb ?? 160,
      maxLineLength: options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
    },
    jobs,
    // A worker with nothing queued takes the partial chunk, so output keeps up with slow input.
    () => {
      if (sent - yielded < maxInFlight) flush();
    },
  );

  const feed = async () => {
    for await (const line of lines) {
      if (stopped) break;
      lineNumber++;
      chunk.push(line instanceof OverlongLine ? line.length : line);
      if (chunk.length >= chunkSize || pool.hasIdleWorker) flush();
      while (sent - yielded >= maxInFlight && !stopped) await new Promise<void>((r) => (wakeProducer = r));
    }
    flush();
    inputDone = true;
    signal();
  };
  feed().catch((error) => {
    failure ??= error;
    signal();
  });

  try {
    for (;;) {
      const records = ready.get(yielded);
      if (records !== undefined) {
        ready.delete(yielded);
        yielded++;
        wakeProducer?.();
        wakeProducer = undefined;
        done += records.length;
        options.onProgress?.(done);
        yield records;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (inputDone && yielded === sent) return;
      await new Promise<void>((r) => (wakeConsumer = r));
    }
  } finally {
    stopped = true;
    wakeProducer?.();
    await pool.close();
  }
}

/**
 * {@link batchLines} over an array: the records of all the lines, in order.
 *
 * @example
 * ```ts
 * const records = await batchArray(["x^2", "x*y"], { operation: "diff", words: ["x"] }, { jobs: 2 });
 * records.map((r) => r.text); // ["2*x", "y"]
 * ```
 */
export async function batchArray(
  lines: readonly string[],
  task: BatchTask,
  options: BatchOptions = {},
): Promise<BatchRecord[]> {
  const records: BatchRecord[] = [];
  for await (const record of batchLines(lines, task, options)) records.push(record);
  return records;
}
