import { runFoldsInWorkers } from "./cv-workers.js";
import { InvalidDataError, InvalidParameterError } from "./errors.js";
import { localRunner } from "./fold-runner.js";
import { type FoldInput, foldsFromInput, makeFolds } from "./folds.js";
import { type GbdtParams, type GbdtParamsInput, resolveParams } from "./params.js";
import { Pool } from "./pool.js";
import { lossAndMetrics, type StopSignal } from "./train.js";

/**
 * Called after every cv iteration with the fold means (`test-RMSE-mean`, `train-RMSE-mean`, ...).
 * Returning `false` (or a promise of it) stops cv after this iteration.
 */
export type CvIterationCallback = (
  iteration: number,
  means: Readonly<Record<string, number>>,
) => StopSignal | Promise<StopSignal>;

/** Options of {@link cv}. */
export interface CvOptions {
  /** Number of folds when `folds` is not given (default 3, as catboost.cv). */
  nfold?: number;
  /** Exact folds: test row indices per fold, or `{ train, test }` pairs. */
  folds?: readonly FoldInput[];
  /** Seed of the fold shuffle (default: params seed). */
  seed?: number;
  /** Shuffle rows before cutting folds (default true). */
  shuffle?: boolean;
  /** Keep class shares equal across folds (default: true for classification losses). */
  stratified?: boolean;
  /** Overrides `params.iterations`. */
  iterations?: number;
  /** Stop when the mean test metric has not improved for this many iterations. */
  earlyStoppingRounds?: number;
  /** See {@link CvIterationCallback}. */
  onIteration?: CvIterationCallback;
}

/** What {@link cv} returns, with catboost.cv's column names. */
export interface CvResult {
  /**
   * Per-iteration columns: `iterations`, `test-<Metric>-mean`, `test-<Metric>-std`,
   * `train-<Metric>-mean`, `train-<Metric>-std` for every metric (std over folds, n - 1).
   */
  readonly results: Readonly<Record<string, number[]>>;
  /** Iteration (0-based) with the best mean test value of the first metric. */
  readonly bestIteration: number;
  /** That best mean test value. */
  readonly bestScore: number;
  /** Name of the first metric (the one early stopping watches). */
  readonly metric: string;
  /** Whether `onIteration` stopped the run. */
  readonly stoppedByCallback: boolean;
}

/**
 * K-fold cross-validation as catboost.cv: all folds advance together, and after every iteration
 * the fold means and standard deviations of every metric are recorded (and passed to
 * `onIteration`); early stopping watches the mean test value of the first metric.
 *
 * With `threadCount` > 1 (or -1) the folds train in worker threads, which report every few
 * iterations; results are identical to the single-thread run.
 *
 * @example
 * const r = await cv(pool, { depth: 6, learningRate: 0.05 }, { folds, earlyStoppingRounds: 30 });
 * r.results["test-RMSE-mean"][r.bestIteration];
 */
export async function cv(
  pool: Pool,
  params: GbdtParamsInput = {},
  options: CvOptions = {},
): Promise<CvResult> {
  const base = resolveParams(params);
  if (!(pool instanceof Pool)) throw new InvalidDataError("cv() needs a Pool as its first argument");
  if (!pool.label) throw new InvalidDataError("cv() needs a pool with a label");
  const p: GbdtParams =
    options.iterations === undefined ? base : resolveParams({ ...base, iterations: options.iterations });
  const { loss, metrics } = lossAndMetrics(p, pool.label);
  const es = options.earlyStoppingRounds;
  if (es !== undefined && (!Number.isInteger(es) || es < 1))
    throw new InvalidParameterError(
      "earlyStoppingRounds",
      `earlyStoppingRounds must be an integer >= 1, got ${es}`,
    );
  const folds = options.folds
    ? foldsFromInput(pool.nRows, options.folds)
    : makeFolds(pool.nRows, options.nfold ?? 3, {
        shuffle: options.shuffle ?? true,
        seed: options.seed ?? p.seed,
        stratifyBy: (options.stratified ?? loss.isClassification) ? pool.label : undefined,
      });
  const threads = p.threadCount === -1 ? (await import("node:os")).availableParallelism() : p.threadCount;
  const runner =
    threads > 1 && folds.length > 1
      ? await runFoldsInWorkers({ pool, params: p, folds }, Math.min(threads, folds.length))
      : localRunner({ pool, params: p, folds });
  const results: Record<string, number[]> = { iterations: [] };
  for (const m of metrics)
    for (const c of [
      `test-${m.name}-mean`,
      `test-${m.name}-std`,
      `train-${m.name}-mean`,
      `train-${m.name}-std`,
    ])
      results[c] = [];
  const main = metrics[0];
  let best = Number.NaN;
  let bestIteration = -1;
  let stoppedByCallback = false;
  // workers report in batches; a batch never runs past where early stopping could end the run
  const batch = threads > 1 ? 10 : 1;
  try {
    let it = 0;
    outer: while (it < p.iterations) {
      const count = Math.min(
        batch,
        p.iterations - it,
        es === undefined ? Infinity : Math.max(1, bestIteration + es + 1 - it),
      );
      const steps = await runner.steps(count);
      for (const perFold of steps) {
        results.iterations.push(it);
        const means: Record<string, number> = {};
        metrics.forEach((m, j) => {
          for (const [side, s] of [
            ["test", 1],
            ["train", 0],
          ] as const) {
            const vals = perFold.map((f) => f[s][j]);
            const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
            const sd =
              vals.length > 1
                ? Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / (vals.length - 1))
                : 0;
            results[`${side}-${m.name}-mean`].push(mean);
            results[`${side}-${m.name}-std`].push(sd);
            means[`${side}-${m.name}-mean`] = mean;
          }
        });
        const v = means[`test-${main.name}-mean`];
        if (bestIteration < 0 || (main.higherIsBetter ? v > best : v < best)) {
          best = v;
          bestIteration = it;
        }
        if (options.onIteration && (await options.onIteration(it, means)) === false) {
          stoppedByCallback = true;
          break outer;
        }
        it++;
        if (es !== undefined && it - 1 - bestIteration >= es) break outer;
      }
    }
  } finally {
    await runner.close();
  }
  return { results, bestIteration, bestScore: best, metric: main.name, stoppedByCallback };
}
