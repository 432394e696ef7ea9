import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One seed for every property test, so a run is reproducible (see test/support/test-seed.ts).
    setupFiles: ["test/support/test-seed.ts"],
    testTimeout: 60_000,
  },
});
