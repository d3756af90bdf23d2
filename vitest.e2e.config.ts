import { defineConfig } from "vitest/config";

// End-to-end tests of the web UI in a real browser (Debian's chromium via playwright-core).
// One file at a time: each starts a server and a browser, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
