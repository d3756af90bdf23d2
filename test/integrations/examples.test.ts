import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMovies } from "../../examples/demo/movies.js";
import { REPO } from "../data/paths.js";

describe("examples", () => {
  it("house-prices without --data explains how to get train.csv from Kaggle and exits non-zero", () => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", resolve(REPO, "examples/house-prices/main.ts")],
      {
        cwd: REPO,
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/kaggle\.com\/competitions\/house-prices-advanced-regression-techniques/);
    expect(r.stderr).toMatch(/--data path\/to\/train\.csv/);
  }, 60_000);

  it("the demo's movies table: rated movies, numbers, categories and missing values as the anchors count them", () => {
    const { x, y } = loadMovies();
    expect(x.shape).toEqual([2988, 15]);
    expect(y.every((v) => v >= 1 && v <= 10)).toBe(true);
    expect(x.textColumns().sort()).toEqual(
      ["Creative Type", "Director", "Distributor", "MPAA Rating", "Major Genre", "Source"].sort(),
    );
    let missing = 0;
    for (const name of x.columns) {
      const col = x.column(name);
      for (const v of col) if (v === null || (typeof v === "number" && Number.isNaN(v))) missing++;
    }
    expect(missing).toBe(7965); // ../shared/anchors/gbdt/RESULTS.md, movies.json
  });
});
