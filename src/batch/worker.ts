import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { errorRecord, LimitError } from "../errors.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./pool.js";
import { type BatchRecord, failureRecord, lineRunner } from "./task.js";

/**
 * A batch worker thread: prepares the task once, then turns each chunk of lines it is sent into
 * records. It asks to be retired once its heap passes `workerMemoryMb`: the term store never
 * shrinks, and a fresh thread is the way to give that memory back.
 */
const port = parentPort!;
const { task, workerMemoryMb, maxLineLength } = workerData as WorkerData;

try {
  const run = lineRunner(task);
  port.on("message", ({ first, lines }: WorkerRequest) => {
    const records: BatchRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      records.push(
        typeof line === "string"
          ? run(line, first + i)
          : failureRecord(
              first + i,
              new LimitError(
                "size",
                `the line is ${line} characters long, over the limit of ${maxLineLength}`,
              ),
            ),
      );
    }
    const reply: WorkerReply = { records, retire: getHeapStatistics().used_heap_size > workerMemoryMb * 1e6 };
    port.postMessage(reply);
  });
} catch (error) {
  const reply: WorkerReply = { fatal: errorRecord(error) };
  port.postMessage(reply);
}
