import { defineConfig } from "vitest/config";

/** `npm run test:conformance`: real MLflow clients and servers from the Python venv. */
export default defineConfig({
  test: {
    include: ["test/conformance/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
