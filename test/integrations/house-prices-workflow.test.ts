import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cvObjective } from "../../examples/house-prices/objective.js";
import { loadHousePrices } from "../../examples/house-prices/prepare.js";
import { cv, Pool } from "../../src/gbdt/index.js";
import { trackingCallback } from "../../src/integrations/index.js";
import { TrackingClient } from "../../src/track/index.js";
import { createStudy, FixedTrial, HyperbandPruner, TPESampler } from "../../src/tune/index.js";
import { HOUSE_CSV, hasHouseData } from "../data/paths.js";
import { describeIf } from "../helpers/requires.js";

describeIf(hasHouseData, `${HOUSE_CSV} (set TUNELAB_SHARED to the shared folder)`)(
  "the reference workflow on a slice of House Prices",
  () => {
    it("TPE + Hyperband + GBDT pruning: some trials pruned, every trial a run, best run = best trial", async () => {
      const dir = await mkdtemp(join(tmpdir(), "tunelab-workflow-"));
      const client = new TrackingClient(join(dir, "mlruns"));
      try {
        const { x, y } = loadHousePrices(HOUSE_CSV, { rows: 300 });
        const pool = new Pool(x, { label: y });
        const study = await createStudy({
          studyName: "house_price_prediction",
          sampler: new TPESampler({ seed: 0, nStartupTrials: 5 }),
          pruner: new HyperbandPruner({ minResource: 3, maxResource: 120, reductionFactor: 3 }),
        });
        const cb = trackingCallback({ trackingUri: client, metricName: "RMSLE" });
        let iterations = 0;
        await study.optimize(
          cvObjective(pool, {
            nfold: 3,
            iterations: 120,
            earlyStoppingRounds: 15,
            fixed: { borderCount: 32 },
            onIterations: (n) => (iterations += n),
          }),
          { nTrials: 14, callbacks: [cb] },
        );
        await cb.close();

        const states = study.trials.map((t) => t.state);
        expect(states.filter((s) => s === "PRUNED").length).toBeGreaterThan(0);
        expect(states.filter((s) => s === "COMPLETE").length).toBeGreaterThan(0);
        expect(iterations).toBeGreaterThan(0);
        // a pruned trial stopped before the iteration budget
        for (const t of study.trials.filter((t) => t.state === "PRUNED"))
          expect(t.lastStep!).toBeLessThan(119);

        const exp = await client.getExperimentByName("house_price_prediction");
        const runs = (await client.searchRuns(exp!.experimentId, { maxResults: 100 })).items;
        expect(runs).toHaveLength(study.trials.length);
        for (const t of study.trials) {
          const run = runs.find((r) => r.info.runName === String(t.number))!;
          expect(run.data.tags.state).toBe(t.state);
          expect(Object.keys(run.data.params).sort()).toEqual([
            "l2_leaf_reg",
            "learning_rate",
            "max_depth",
            "subsample",
          ]);
          expect(Number(run.data.params.max_depth)).toBe(t.params.max_depth);
          expect(Number(run.data.params.learning_rate)).toBe(t.params.learning_rate);
          const history = await client.getMetricHistory(run.info.runId, "RMSLE");
          expect(history.length).toBeGreaterThan(0); // every trial reported its cv curve
          if (t.state === "COMPLETE")
            expect(run.data.metrics.find((m) => m.key === "RMSLE")!.value).toBe(t.values![0]);
        }
        const best = await client.searchRuns(exp!.experimentId, {
          filter: "tags.state = 'COMPLETE'",
          orderBy: ["metrics.RMSLE ASC"],
          maxResults: 1,
        });
        const bestRun = best.items[0];
        expect(bestRun.data.metrics.find((m) => m.key === "RMSLE")!.value).toBe(study.bestValue);
        expect(bestRun.info.runName).toBe(String(study.bestTrial.number));
      } finally {
        await client.close();
        await rm(dir, { recursive: true, force: true });
      }
    }, 240_000);

    it("cvObjective cross-validates on the exact folds it is given", async () => {
      const { x, y } = loadHousePrices(HOUSE_CSV, { rows: 200 });
      const pool = new Pool(x, { label: y });
      // folds by row parity and by halves: different assignments give different scores
      const rows = Array.from({ length: 200 }, (_, i) => i);
      const parity = [rows.filter((i) => i % 2 === 0), rows.filter((i) => i % 2 === 1)];
      const halves = [rows.slice(0, 100), rows.slice(100)];
      const params = { max_depth: 4, learning_rate: 0.2, subsample: 1, l2_leaf_reg: 0.01 };
      const opts = { iterations: 40, earlyStoppingRounds: 10, pruning: false, fixed: { borderCount: 32 } };
      const byParity = await cvObjective(pool, { ...opts, folds: parity })(new FixedTrial(params));
      const byHalves = await cvObjective(pool, { ...opts, folds: halves })(new FixedTrial(params));
      const direct = await cv(
        pool,
        {
          lossFunction: "RMSE",
          depth: 4,
          learningRate: 0.2,
          subsample: 1,
          l2LeafReg: 0.01,
          iterations: 40,
          seed: 0,
          borderCount: 32,
        },
        { folds: parity, earlyStoppingRounds: 10 },
      );
      expect(byParity).toBe(direct.bestScore);
      expect(byHalves).not.toBe(byParity);
    }, 60_000);
  },
);
