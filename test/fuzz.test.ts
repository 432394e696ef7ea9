import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { parseExpression } from "../src/syntax/parse.js";
import { checkInput } from "./fuzz/check.js";
import { close, measure } from "./fuzz/numeric.js";
import { runFuzz } from "./fuzz/pool.js";
import { Random } from "./fuzz/random.js";
import { inputAt } from "./fuzz/run-one.js";

/**
 * The fuzzer (test/fuzz/, docs/reliability.md): a fixed-seed run of 5,000 generated inputs
 * must end without a crash, a hang, a memory blow-up or a wrong number; and the fuzzer's own
 * machinery must catch each of those when it happens. Needs the build (`npm test` runs tsc first).
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });

describe("the fixed-seed fuzz run", () => {
  it("5,000 inputs: only documented typed errors, every call bounded, every number right", async () => {
    const summary = await runFuzz({ seed: 20261203, count: 5000, workers: 2 });
    const failures = summary.failures.map(
      (f) => `#${f.index} ${f.kind}: ${f.detail}\n  ${JSON.stringify(f.text.slice(0, 300))}`,
    );
    expect(failures).toEqual([]);
    // The run exercised every path: most inputs went all the way through, and each kind of refusal occurred.
    expect(summary.counts.ok).toBeGreaterThan(3000);
    for (const refusal of [
      "ParseError (parse)",
      "UnknownOperatorError (parse)",
      "ArityError (parse)",
      "RuleFileError (load rules)",
    ]) {
      expect(summary.typedErrors[refusal]).toBeGreaterThan(10);
    }
  }, 240_000);
});

describe("the fuzzer's machinery", () => {
  it("input `index` of a seed is the same text every time, and other indices differ", () => {
    expect(inputAt(5, 17).input).toEqual(inputAt(5, 17).input);
    const texts = new Set(Array.from({ length: 50 }, (_, i) => inputAt(5, i).input.text));
    expect(texts.size).toBeGreaterThan(45);
  });

  it("a worker that hangs is killed at the time bound, one that exhausts memory is stopped, one that dies is a crash; the run goes on", async () => {
    const summary = await runFuzz({
      seed: 1,
      count: 10,
      workers: 1,
      timeoutMs: 1500,
      heapMb: 64,
      env: { DSAT_FUZZ_SELFTEST: "hang:2,oom:5,crash:7" },
    });
    expect(summary.failures.map((f) => [f.index, f.kind])).toEqual([
      [2, "hang"],
      [5, "memory"],
      [7, "crash"],
    ]);
    expect(summary.counts.ok + summary.counts["typed-error"] + summary.counts.known).toBe(7);
  }, 60_000);

  it("reports a wrong simplification (issue 14 item 2: 1100*log(2) simplified to log of a 332-digit number)", async () => {
    // Once that item is fixed this input passes; the law is shown on a wrong term below as well.
    const outcome = await checkInput({ kind: "infix", text: "1100*log(2) + x" }, theory, new Random(1));
    expect(["ok", "wrong-number"]).toContain(outcome.kind);
    const env = { x: 0.5 };
    expect(close(measure(parse("sin(x)"), env, theory), measure(parse("sin(x) + 1e-6"), env, theory))).toBe(
      false,
    );
    expect(
      close(measure(parse("log(2)*1100"), env, theory), measure(parse("log(2^1100)"), env, theory)),
    ).toBe(false);
  });

  it("scales the tolerance by the input's conditioning, and skips points where floating point cannot judge", () => {
    const env = { x: 0.5 };
    // (x + 1e20) - 1e20 is 0 in floating point: cancellation, so x is within its rounding.
    const cancelling = measure(parse("(x + 1e20) - 1e20"), env, theory);
    expect(cancelling.value).toBe(0);
    expect(cancelling.reliable).toBe(false);
    expect(close(measure(parse("(x + 1) - 1"), env, theory), measure(parse("x"), env, theory))).toBe(true);
    // exp(-800)*1e300*1e300 underflows to 0; its exact value is about 1e252.
    expect(measure(parse("exp(-800)*1e300*1e300"), env, theory).reliable).toBe(false);
    expect(measure(parse("1e-400*x"), env, theory).reliable).toBe(false);
    expect(measure(parse("sin(x)*2"), env, theory).reliable).toBe(true);
    // Nudged, asin(sign(-3*x)) leaves asin's domain: that says nothing about rounding (seed 20261203, #1898).
    const edge = measure(parse("asin(sign(-3*x))"), { x: 2.7 }, theory);
    expect(edge.reliable).toBe(false);
    expect(close(measure(parse("asin(-1)"), env, theory), edge)).toBe(true);
  });

  it("a typed error is a good outcome, an untyped exception a crash", async () => {
    expect((await checkInput({ kind: "infix", text: "x +* y" }, theory, new Random(1))).kind).toBe(
      "typed-error",
    );
    expect((await checkInput({ kind: "infix", text: "foo(x)" }, theory, new Random(1))).detail).toMatch(
      /UnknownOperatorError/,
    );
    expect((await checkInput({ kind: "infix", text: "x^2*sin(x)" }, theory, new Random(1))).kind).toBe("ok");
  });
});
