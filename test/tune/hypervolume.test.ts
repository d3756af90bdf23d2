import { describe, expect, it } from "vitest";
import {
  createStudy,
  createTrial,
  FloatDistribution,
  hypervolume,
  hypervolumeHistory,
  InvalidArgumentError,
  Rng,
} from "../../src/tune/index.js";

/** Monte Carlo estimate of the dominated volume inside [0, ref]. */
function monteCarlo(points: number[][], ref: number[], samples: number, rng: Rng): number {
  let hit = 0;
  for (let s = 0; s < samples; s++) {
    const q = ref.map((r) => rng.random() * r);
    if (points.some((p) => p.every((v, i) => v <= q[i]))) hit++;
  }
  return (hit / samples) * ref.reduce((a, b) => a * b, 1);
}

describe("hypervolume", () => {
  it("2-D: the area of a staircase checked by hand", () => {
    // ref (4, 4); points (1, 3), (2, 2), (3, 1): 3·1 + 2·1 + 1·1 = 6
    expect(
      hypervolume(
        [
          [1, 3],
          [2, 2],
          [3, 1],
        ],
        [4, 4],
      ),
    ).toBe(6);
    // A dominated point and a point outside the reference change nothing.
    expect(
      hypervolume(
        [
          [1, 3],
          [2, 2],
          [3, 1],
          [3, 3],
          [5, 0],
        ],
        [4, 4],
      ),
    ).toBe(6);
  });

  it("3-D: boxes checked by hand", () => {
    expect(hypervolume([[0, 0, 0]], [1, 2, 3])).toBe(6);
    // Two boxes [0,2]x[0,1]x[0,1] and [0,1]x[0,2]x[0,1] (ref 2,2,1 shifted): union = 2 + 2 − 1 = 3
    expect(
      hypervolume(
        [
          [0, 1, 0],
          [1, 0, 0],
        ],
        [2, 2, 1],
      ),
    ).toBeCloseTo(3, 12);
  });

  it("4-D: agrees with a Monte Carlo estimate (tolerance 3 %)", () => {
    const rng = new Rng(5);
    const pts = Array.from({ length: 12 }, () => [0, 0, 0, 0].map(() => rng.random()));
    const ref = [1.1, 1.1, 1.1, 1.1];
    const exact = hypervolume(pts, ref);
    const mc = monteCarlo(pts, ref, 100_000, rng);
    expect(Math.abs(exact - mc) / exact).toBeLessThan(0.03);
  });
});

describe("hypervolumeHistory", () => {
  it("is non-decreasing, counts only feasible COMPLETE trials and honours maximize directions", async () => {
    const study = await createStudy({ directions: ["minimize", "maximize"] });
    const d = { x: new FloatDistribution(0, 1) };
    const add = (values: number[], state: "COMPLETE" | "FAIL" = "COMPLETE", constraint = 0) =>
      study.addTrial(
        createTrial({
          state,
          values: state === "COMPLETE" ? values : undefined,
          params: { x: 0.5 },
          distributions: d,
          systemAttrs: { "constraints:c": constraint },
        }),
      );
    await add([1, 3]); // box (4−1)·(3−0) = 9 for ref (4, 0) in (minimize, maximize)
    await add([0, 1], "COMPLETE", 1); // infeasible: ignored
    await add([2, 4]); // adds (4−2)·(4−3) = 2
    await add([0, 0], "FAIL");
    await study.refresh();
    expect(hypervolumeHistory(study.trials, study.directions, [4, 0])).toEqual([9, 9, 11, 11]);
    expect(() => hypervolumeHistory(study.trials, study.directions, [1])).toThrow(InvalidArgumentError);
  });
});
