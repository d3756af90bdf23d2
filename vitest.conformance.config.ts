import { defineConfig } from "vitest/config";

/** Conformance tests against real peers (Python Optuna): `npm run test:conformance`. */
export default defineConfig({
  test: {
    include: ["test/conformance/**/*.test.ts"],
    testTimeout: 120_000,
    pool: "forks",
  },
});
