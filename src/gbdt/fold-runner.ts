import { Booster } from "./booster.js";
import { buildFeatures } from "./features.js";
import type { Fold } from "./folds.js";
import type { GbdtParams } from "./params.js";
import type { Pool } from "./pool.js";
import { lossAndMetrics } from "./train.js";

/** Everything a fold runner needs: plain data that can cross to a worker thread. */
export interface FoldJob {
  readonly pool: Pool;
  readonly params: GbdtParams;
  readonly folds: readonly Fold[];
}

/** Runs a set of folds one batch of iterations at a time. */
export interface FoldRunner {
  /** Runs `count` more iterations of every fold; returns [iteration][fold] = [learn metrics, test metrics]. */
  steps(count: number): Promise<Float64Array[][][]>;
  close(): Promise<void>;
}

/** Folds trained in this thread. */
export function localRunner(job: FoldJob): FoldRunner {
  const { pool, params } = job;
  const label = pool.label!;
  const { loss, metrics } = lossAndMetrics(params, label);
  const boosters = job.folds.map((fold) => {
    const learnLabel = Float64Array.from(fold.train, (r) => label[r]);
    const w = pool.weight;
    const features = buildFeatures(pool, fold.train, learnLabel, [{ pool, rows: fold.test }], params, loss);
    return new Booster(
      {
        features,
        label: learnLabel,
        weight: w ? Float64Array.from(fold.train, (r) => w[r]) : null,
        evals: [
          {
            label: Float64Array.from(fold.test, (r) => label[r]),
            weight: w ? Float64Array.from(fold.test, (r) => w[r]) : null,
          },
        ],
      },
      params,
      loss,
      metrics,
    );
  });
  return {
    async steps(count) {
      const out: Float64Array[][][] = [];
      for (let k = 0; k < count; k++) {
        out.push(
          boosters.map((b) => {
            const r = b.step();
            return [r.learn, r.evals[0]];
          }),
        );
      }
      return out;
    },
    async close() {},
  };
}
