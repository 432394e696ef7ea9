import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DenseIdMap } from "../src/simplify/dense-id-map.js";

describe("DenseIdMap", () => {
  it("behaves like a Map from ids to values that clear empties", () => {
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant("set" as const),
        id: fc.nat({ max: 5000 }),
        value: fc.nat({ max: 1000 }),
      }),
      fc.record({ kind: fc.constant("get" as const), id: fc.nat({ max: 5000 }) }),
      fc.record({ kind: fc.constant("clear" as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const dense = new DenseIdMap();
        const reference = new Map<number, number>();
        for (const op of operations) {
          if (op.kind === "set") {
            dense.set(op.id, op.value);
            reference.set(op.id, op.value);
          } else if (op.kind === "get") expect(dense.get(op.id)).toBe(reference.get(op.id) ?? -1);
          else {
            dense.clear();
            reference.clear();
          }
        }
        for (const [id, value] of reference) expect(dense.get(id)).toBe(value);
      }),
    );
  });

  it("keeps entries when it grows past its first size", () => {
    const map = new DenseIdMap();
    map.set(3, 7);
    map.set(100_000, 1);
    expect(map.get(3)).toBe(7);
    expect(map.get(100_000)).toBe(1);
    expect(map.get(99_999)).toBe(-1);
  });
});
