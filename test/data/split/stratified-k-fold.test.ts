import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stratifiedKFold } from "../../../src/data/index.js";
import { expectPartition } from "./partition.js";

describe("stratifiedKFold", () => {
  it("stratifiedKFold partitions the rows and spreads each class evenly (counts differ by at most 1)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 200 }),
        fc.boolean(),
        fc.nat(),
        (k, y, shuffle, seed) => {
          const counts = new Map<number, number>();
          for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
          fc.pre(Math.max(...counts.values()) >= k && y.length >= k);
          const folds = stratifiedKFold({ nSplits: k, shuffle, ...(shuffle ? { seed } : {}) }).split(
            y.length,
            y,
          );
          expectPartition(folds, y.length);
          for (const cls of counts.keys()) {
            const per = folds.map((f) => [...f.test].filter((r) => y[r] === cls).length);
            expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
