import { describe, expect, it } from "vitest";
import { DEFAULT_SORT, formatSort, parseCols, parseSort } from "../../ui/src/experiments/sort-spec.js";

describe("runs table URL state", () => {
  it("round-trips a sort, keeping dots and colons in metric keys", () => {
    for (const s of [
      { id: "metrics.val:rmse", desc: true },
      { id: "params.lr", desc: false },
    ])
      expect(parseSort(formatSort(s))).toEqual(s);
    expect(parseSort(null)).toEqual(DEFAULT_SORT);
  });
  it("reads the column list; an empty value means no extra columns, a missing one the defaults", () => {
    expect(parseCols("metrics.rmse,params.depth")).toEqual(["metrics.rmse", "params.depth"]);
    expect(parseCols("")).toEqual([]);
    expect(parseCols(null)).toBeUndefined();
  });
});
