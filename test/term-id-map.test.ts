import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TermIdMap } from "../src/term/term-id-map.js";

/** One operation on a map of ids, applied to a `TermIdMap` and to a `Map` side by side. */
type Operation =
  | { readonly kind: "set" | "add"; readonly id: number; readonly value: number }
  | { readonly kind: "get" | "has"; readonly id: number }
  | { readonly kind: "clear" };

// Ids from a narrow range (collisions, overwrites) and a wide one (like a big term store).
const ids = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }));
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom("set" as const, "add" as const),
      id: ids,
      value: fc.integer(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom("get" as const, "has" as const), id: ids }) },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
);

describe("TermIdMap", () => {
  it("behaves like a Map<number, V> through sets, adds, clears and growth", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const map = new TermIdMap<number>(4);
        const model = new Map<number, number>();
        for (const op of operations) {
          switch (op.kind) {
            case "set":
              map.set(op.id, op.value);
              model.set(op.id, op.value);
              break;
            case "add":
              expect(map.add(op.id, op.value)).toBe(!model.has(op.id));
              if (!model.has(op.id)) model.set(op.id, op.value);
              break;
            case "get":
              expect(map.get(op.id)).toBe(model.get(op.id));
              break;
            case "has":
              expect(map.has(op.id)).toBe(model.has(op.id));
              break;
            case "clear":
              map.clear();
              model.clear();
              break;
          }
          expect(map.size).toBe(model.size);
        }
        for (const [id, value] of model) expect(map.get(id)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps at most half of its slots full, and forgets everything on clear without shrinking", () => {
    const map = new TermIdMap<string>(16);
    for (let id = 0; id < 10_000; id++) map.set(id * 7919, `v${id}`);
    expect(map.size).toBe(10_000);
    expect(map.slots).toBeGreaterThanOrEqual(20_000);
    expect(map.get(9_999 * 7919)).toBe("v9999");
    const slots = map.slots;
    map.clear();
    expect(map.size).toBe(0);
    expect(map.slots).toBe(slots);
    for (let id = 0; id < 10_000; id++) expect(map.has(id * 7919)).toBe(false);
  });

  it("stays correct across many clears (generations)", () => {
    const map = new TermIdMap<number>();
    for (let round = 0; round < 5_000; round++) {
      expect(map.get(round - 1)).toBeUndefined();
      map.set(round, round);
      expect(map.get(round)).toBe(round);
      map.clear();
    }
  });
});
