import { runOne } from "./run-one.js";

/**
 * A fuzzer worker: a child process that checks the inputs its parent sends, one at a time,
 * saying when it starts each so the parent can kill it at the time bound. Started by pool.ts.
 *
 * For the pool's own tests, DSAT_FUZZ_SELFTEST="hang:3,oom:5,crash:7" makes it misbehave on
 * those indices (loop forever, allocate without end, exit abruptly) instead of checking them.
 */

export interface WorkRequest {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export type WorkerMessage =
  | { readonly type: "start"; readonly index: number }
  | {
      readonly type: "done";
      readonly index: number;
      readonly kind: string;
      readonly detail: string;
      /** The input's text, only for outcomes other than `ok`. */
      readonly text?: string;
      readonly ms: number;
    }
  | { readonly type: "finished" };

const selftest = new Map(
  (process.env.DSAT_FUZZ_SELFTEST ?? "")
    .split(",")
    .filter((entry) => entry.includes(":"))
    .map((entry) => {
      const [what, index] = entry.split(":");
      return [Number(index), what!] as const;
    }),
);

function misbehave(what: string): void {
  if (what === "hang") for (;;);
  if (what === "oom") {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1e6).fill(hog.length));
  }
  if (what === "crash") process.exit(3);
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

process.on("message", async (request: WorkRequest) => {
  for (let index = request.from; index < request.to; index++) {
    await send({ type: "start", index });
    const misbehaviour = selftest.get(index);
    if (misbehaviour !== undefined) misbehave(misbehaviour);
    const started = performance.now();
    const { input, outcome } = await runOne(request.seed, index);
    const ms = performance.now() - started;
    await send({
      type: "done",
      index,
      kind: outcome.kind,
      detail: outcome.detail,
      ...(outcome.kind === "ok" ? {} : { text: input.text }),
      ms,
    });
  }
  await send({ type: "finished" });
  process.disconnect();
});
