import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isSequelTitle, loadMovies } from "../../examples/demo/movies.js";
import { Model } from "../../src/gbdt/index.js";
import { TrackingClient } from "../../src/track/index.js";
import { HOUSE_CSV, hasHouseData, REPO } from "../data/paths.js";
import { run } from "../helpers/processes.js";
import { describeIf } from "../helpers/requires.js";

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
    expect(x.shape).toEqual([2988, 17]);
    expect(y.every((v) => v >= 1 && v <= 10)).toBe(true);
    expect(x.textColumns().sort()).toEqual(
      ["Creative Type", "Director", "Distributor", "MPAA Rating", "Major Genre", "Source"].sort(),
    );
    const derived = ["votes_per_gross", "sequel_title"];
    let missing = 0;
    for (const name of x.columns.filter((c) => !derived.includes(c))) {
      const col = x.column(name);
      for (const v of col) if (v === null || (typeof v === "number" && Number.isNaN(v))) missing++;
    }
    expect(missing).toBe(7965); // ../shared/anchors/gbdt/RESULTS.md, movies.json
  });

  it("the demo's derived columns: votes per dollar grossed (missing without a gross) and sequel-like titles", () => {
    const { x } = loadMovies();
    const votes = x.numericColumn("IMDB Votes");
    const gross = x.numericColumn("Worldwide Gross");
    const perGross = x.numericColumn("votes_per_gross");
    for (let i = 0; i < perGross.length; i++) {
      if (gross[i] > 0) expect(perGross[i]).toBeCloseTo(votes[i] / gross[i], 12);
      else expect(perGross[i]).toBeNaN();
    }
    const sequel = x.numericColumn("sequel_title");
    expect(new Set(sequel)).toEqual(new Set([0, 1]));
    expect(sequel.reduce((a, b) => a + b, 0)).toBe(254); // Python's re counts the same titles
    for (const t of ["Die Hard 2", "The Godfather: Part II", "Mission: Impossible", "Rocky III"])
      expect(isSequelTitle(t)).toBe(true);
    for (const t of ["Titanic", "Se7en", "The 13th Warrior", "Apollo 13", "Ice Age"])
      expect(isSequelTitle(t)).toBe(false);
  });
});

describeIf(hasHouseData, `${HOUSE_CSV} (set TUNELAB_SHARED to the shared folder)`)(
  "examples/house-prices/main.ts end to end",
  () => {
    it("`npm run example:house-prices -- --data <120 rows> --trials 2` prints the best trial, saves the model and writes 2 runs", async () => {
      const dir = mkdtempSync(join(tmpdir(), "tunelab-example-"));
      try {
        const csv = join(dir, "train.csv");
        writeFileSync(csv, `${readFileSync(HOUSE_CSV, "utf8").split("\n").slice(0, 121).join("\n")}\n`);
        const model = join(dir, "model.json");
        const mlruns = join(dir, "mlruns");
        const r = await run(process.execPath, [
          ...["--import", "tsx", resolve(REPO, "examples/house-prices/main.ts")],
          ...["--data", csv, "--trials", "2", "--tracking-uri", mlruns, "--model-out", model],
        ]);
        expect(r.stderr).not.toMatch(/error/i); // stderr has the progress bar
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^120 rows, 75 features$/m);
        const best = /best trial #(\d+): RMSLE (\d+\.\d+)/.exec(r.stdout);
        expect(best).not.toBeNull();
        for (const p of ["max_depth", "learning_rate", "subsample", "l2_leaf_reg"])
          expect(r.stdout).toMatch(new RegExp(`^  ${p} = `, "m"));
        const trees = Number(/model \((\d+) trees\) saved/.exec(r.stdout)![1]);
        expect(Model.load(model).treeCount).toBe(trees);

        const client = new TrackingClient(mlruns);
        try {
          const exp = await client.getExperimentByName("house_price_prediction");
          const runs = (await client.searchRuns(exp!.experimentId, { maxResults: 10 })).items;
          expect(runs).toHaveLength(2);
          const bestRun = runs.find((x) => x.info.runName === best![1])!;
          expect(bestRun.data.metrics.find((m) => m.key === "RMSLE")!.value.toFixed(5)).toBe(best![2]);
        } finally {
          await client.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600_000); // ~30 s on a quiet machine; 260 s were seen at load average 40
  },
);
