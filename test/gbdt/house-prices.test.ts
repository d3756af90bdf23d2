import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import { housePricesPaths, loadHousePrices } from "../../bench/gbdt/house-prices.js";
import { cv, Pool } from "../../src/gbdt/index.js";
import { describeIf } from "../helpers/requires.js";

const { csv } = housePricesPaths();

describeIf(existsSync(csv), `${csv} (set TUNELAB_SHARED to the shared folder)`)(
  "House Prices, reference workflow",
  () => {
    it("5-fold cv with the exact folds reaches XGBoost's anchor RMSE (0.1246)", async () => {
      const hp = loadHousePrices();
      expect(hp.folds.flat().length).toBe(1460);
      const pool = new Pool(hp.columns, { label: hp.label, catFeatures: hp.catFeatures });
      expect(pool.features).toHaveLength(75);
      // a faster configuration than the benchmark's (lr 0.15 instead of 0.05) keeps the test short
      const res = await cv(
        pool,
        { depth: 6, learningRate: 0.15, subsample: 0.8, l2LeafReg: 1, iterations: 1000 },
        { folds: hp.folds, earlyStoppingRounds: 30 },
      );
      expect(res.bestScore).toBeLessThan(0.1246);
      expect(res.bestScore).toBeGreaterThan(0.1);
    }, 120_000);
  },
);
