import { describe, it } from "vitest";

/**
 * Tests that need something a user's clone may lack (../shared data, PostgreSQL, Python) run
 * only when it is there; otherwise they skip with a one-line reason. CI sets TUNELAB_NO_SKIP=1,
 * which turns every such skip into a failure, so CI runs them all.
 */
export function describeIf(
  available: boolean,
  reason: string,
): typeof describe | ((name: string, fn: () => void) => void) {
  if (available) return describe;
  if (process.env.TUNELAB_NO_SKIP === "1")
    return (name: string) =>
      describe(name, () => {
        it(`requires ${reason}`, () => {
          throw new Error(`not available in CI (TUNELAB_NO_SKIP=1): ${reason}`);
        });
      });
  return (name: string, fn: () => void) => {
    process.stderr.write(`skipped "${name}": needs ${reason}\n`);
    describe.skip(name, fn);
  };
}
