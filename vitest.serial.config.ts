import { defineConfig } from "vitest/config";

/** Tests that disturb shared services (restarting PostgreSQL): one file at a time, after the rest. */
export default defineConfig({
  test: {
    include: ["test/serial/**/*.test.ts"],
    testTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
