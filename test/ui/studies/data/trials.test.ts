import { describe, expect, it } from "vitest";
import { completeTrials, parseTrials } from "../../../../ui/src/studies/data/trials.js";
import { trial } from "./make-trial.js";

describe("parseTrials(rows)", () => {
  it("restores NaN and infinities, parses dates and keeps intermediate pairs", () => {
    const [t] = parseTrials([
      {
        trial_id: 7,
        number: 0,
        state: "COMPLETE",
        values: [1.5, "Infinity", "NaN"],
        datetime_start: "2026-01-01T00:00:00.000Z",
        datetime_complete: "2026-01-01T00:00:02.500Z",
        params: { x: 1, opt: "adam" },
        user_attrs: {},
        intermediate: [
          [0, 3],
          [1, "-Infinity"],
        ],
      },
    ]);
    expect(t.values).toEqual([1.5, Number.POSITIVE_INFINITY, Number.NaN]);
    expect(t.complete! - t.start!).toBe(2500);
    expect(t.intermediate).toEqual([
      [0, 3],
      [1, Number.NEGATIVE_INFINITY],
    ]);
    expect(
      parseTrials([{ trial_id: 1, number: 1, state: "WAITING", params: {}, user_attrs: {} }])[0],
    ).toMatchObject({ values: null, start: null, complete: null, intermediate: [] });
  });

  it("completeTrials(trials, k) keeps COMPLETE trials with a finite objective k", () => {
    const ts = [
      trial(0, { values: [1, 2] }),
      trial(1, { values: [Number.NaN, 2] }),
      trial(2, { state: "PRUNED", values: [0, 0] }),
      trial(3, { state: "FAIL" }),
    ];
    expect(completeTrials(ts, 0).map((t) => t.number)).toEqual([0]);
    expect(completeTrials(ts, 1).map((t) => t.number)).toEqual([0, 1]);
  });
});
