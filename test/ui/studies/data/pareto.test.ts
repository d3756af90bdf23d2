import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paretoFront, paretoFrontIndices } from "../../../../ui/src/studies/data/pareto.js";
import { trial } from "./make-trial.js";

/** The definition, O(n²): a point is on the front when no other point dominates it. */
function bruteFront(points: number[][]): number[] {
  const dom = (q: number[], p: number[]) => q.every((v, k) => v <= p[k]) && q.some((v, k) => v < p[k]);
  return points.map((_, i) => i).filter((i) => !points.some((q) => dom(q, points[i])));
}

describe("paretoFrontIndices(points)", () => {
  it("keeps the non-dominated points of a hand-checked set", () => {
    expect(
      paretoFrontIndices([
        [1, 4],
        [2, 2],
        [3, 3],
        [4, 1],
        [2, 2],
      ]),
    ).toEqual([0, 1, 3, 4]);
  });

  it("agrees with the O(n²) definition on random 2- and 3-objective sets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((m) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: m, maxLength: m }), {
            maxLength: 40,
          }),
        ),
        (points) => {
          expect(paretoFrontIndices(points)).toEqual(bruteFront(points));
        },
      ),
    );
  });
});

describe("paretoFront(trials, directions)", () => {
  it("orients maximised objectives and splits COMPLETE trials into front and dominated", () => {
    const ts = [
      trial(0, { values: [1, 1] }),
      trial(1, { values: [2, 5] }),
      trial(2, { values: [3, 4] }),
      trial(3, { values: [0, 0] }),
      trial(4, { state: "PRUNED", values: [0, 100] }),
      trial(5, { values: [0, Number.NaN] }),
    ];
    const p = paretoFront(ts, ["minimize", "maximize"]);
    expect(p.front).toEqual([
      [0, 0, 3],
      [1, 1, 0],
      [2, 5, 1],
    ]);
    expect(p.dominated).toEqual([[3, 4, 2]]);
  });
});
