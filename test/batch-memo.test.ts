import { describe, expect, it } from "vitest";
import { type BatchSuccess, lineRunner } from "../src/batch/task.js";

/** A worker's line runner remembers the records of lines it has seen (src/batch/task.ts). */
describe("lineRunner's memory of lines", () => {
  it("gives a repeated line the first one's record under its own line number", () => {
    const run = lineRunner({ operation: "diff" });
    const first = run("x^3 + sin(x)\tx", 1) as BatchSuccess;
    const again = run("x^3 + sin(x)\tx", 7) as BatchSuccess;
    expect(first.text).toBe("3*x^2 + cos(x)");
    expect(again).toEqual({ ...first, line: 7 });
    // Taken from memory, not computed again: the very same report objects.
    expect(again.reports).toBe(first.reports);
    const other = run("x^3 + sin(x)\ty", 8) as BatchSuccess;
    expect(other.text).toBe("0");
  });

  it("computes every line with memo: false", () => {
    const run = lineRunner({ operation: "diff", memo: false });
    const first = run("x^3 + sin(x)\tx", 1) as BatchSuccess;
    const again = run("x^3 + sin(x)\tx", 2) as BatchSuccess;
    expect(again.text).toBe(first.text);
    expect(again.reports).not.toBe(first.reports);
  });

  it("remembers failures too, and each keeps its line number", () => {
    const run = lineRunner({ operation: "diff", words: ["x"] });
    expect(run("x +", 1)).toMatchObject({ line: 1, ok: false, error: { kind: "syntax" } });
    expect(run("x +", 2)).toMatchObject({ line: 2, ok: false, error: { kind: "syntax" } });
  });

  it("does not remember a line whose saturation stopped at the time limit: a rerun may differ", () => {
    const run = lineRunner({ operation: "simplify", timeLimitMs: 0 });
    const first = run("(x + 1)^2 - x^2", 1) as BatchSuccess;
    expect(first.reports?.[0]?.stopReason).toBe("time-limit");
    const again = run("(x + 1)^2 - x^2", 2) as BatchSuccess;
    expect(again.reports).not.toBe(first.reports);
  });
});
