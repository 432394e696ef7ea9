import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCount } from "../src/format-count.js";

/** formatCount writes counts as Intl does in en-US, without loading Intl (see the module). */
describe("formatCount", () => {
  const intl = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

  it("separates thousands as toLocaleString('en-US') does, for every safe integer", () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (n) => formatCount(n) === intl(n)));
  });

  it("rounds a nonnegative fraction to the nearest integer as Intl does", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e12, noNaN: true }), (x) => formatCount(x) === intl(x)));
  });

  it("writes the examples of the messages", () => {
    expect(formatCount(50_002_500)).toBe("50,002,500");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1000)).toBe("1,000");
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });
});
