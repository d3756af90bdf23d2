import { describe, expect, it } from "vitest";
import { timeline, timelineLines } from "../../../../ui/src/studies/data/timeline.js";
import { trial } from "./make-trial.js";

describe("timeline(trials, now)", () => {
  it("groups start-to-end bars by state; running trials end now, waiting ones are left out", () => {
    const ts = [
      trial(0, { start: 0, complete: 10 }),
      trial(1, { state: "PRUNED", start: 5, complete: 8 }),
      trial(2, { state: "RUNNING", start: 9, complete: null }),
      trial(3, { state: "WAITING", start: null, complete: null }),
      trial(4, { state: "FAIL", start: 12, complete: 13 }),
    ];
    const t = timeline(ts, 20);
    expect(t.byState).toEqual({
      COMPLETE: [[0, 0, 10]],
      PRUNED: [[1, 5, 8]],
      RUNNING: [[2, 9, 20]],
      FAIL: [[4, 12, 13]],
    });
    expect([t.min, t.max]).toEqual([0, 20]);
    expect(timeline([], 0).min).toBeNaN();
  });

  it("timelineLines: each bar as a two-point polyline at its trial's number, in ECharts' flat form", () => {
    const lines = timelineLines([
      [0, 1_700_000_000_000, 1_700_000_060_000],
      [7, 5, 8],
    ]);
    // Float64: epoch-ms times keep their milliseconds
    expect(lines).toBeInstanceOf(Float64Array);
    expect([...lines]).toEqual([2, 1_700_000_000_000, 0, 1_700_000_060_000, 0, 2, 5, 7, 8, 7]);
    expect(timelineLines([])).toHaveLength(0);
  });
});
