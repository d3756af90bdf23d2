import { describe, expect, it } from "vitest";
import {
  fromColumns,
  MinMaxScaler,
  Pipeline,
  SimpleImputer,
  StandardScaler,
} from "../../../src/data/index.js";

describe("Pipeline", () => {
  it("Pipeline names unnamed steps after their class and exposes the fitted steps", () => {
    const p = new Pipeline([new SimpleImputer(), new SimpleImputer(), "passthrough", new StandardScaler()]);
    p.fit(fromColumns({ x: [1, null, 3] }));
    expect(Object.keys(p.namedSteps)).toEqual([
      "simpleimputer",
      "simpleimputer-2",
      "passthrough",
      "standardscaler",
    ]);
    expect(() => new Pipeline([])).toThrowError(/non-empty array/);
    expect(
      () =>
        new Pipeline([
          ["a", new MinMaxScaler()],
          ["a", new MinMaxScaler()],
        ]),
    ).toThrowError(/"a" is used twice/);
  });
});
