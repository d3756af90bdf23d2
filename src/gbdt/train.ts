import { Booster } from "./booster.js";
import { InvalidDataError, InvalidParameterError } from "./errors.js";
import { buildFeatures } from "./features.js";
import type { Loss } from "./losses/loss.js";
import { createLoss } from "./losses/registry.js";
import type { Metric } from "./metrics/metric.js";
import { createMetric } from "./metrics/metrics.js";
import type { EvalsResult, Model } from "./model.js";
import { type GbdtParams, type GbdtParamsInput, resolveParams } from "./params.js";
import { Pool } from "./pool.js";
import { toModel } from "./to-model.js";

/**
 * Called after every iteration with the metric values of that iteration, keyed
 * `learn-<Metric>` and `validation-<Metric>` (train) or `test-<Metric>-mean`, `train-<Metric>-mean`
 * (cv). Returning `false` stops training after this iteration; the result is then what was
 * trained so far. This is the hook pruning integrations attach to.
 */
export type IterationCallback = (iteration: number, metrics: Readonly<Record<string, number>>) => StopSignal;

/** What an iteration callback returns: `false` stops, anything else (or nothing) goes on. */
// biome-ignore lint/suspicious/noConfusingVoidType: a callback may return nothing
export type StopSignal = boolean | void;

/** Options of {@link train}. */
export interface TrainOptions {
  /** Data to evaluate on after every iteration (labelled, same columns as the pool). */
  evalSet?: Pool;
  /** Stop when the eval metric has not improved for this many iterations (needs `evalSet`). */
  earlyStoppingRounds?: number;
  /** Print metrics every iteration (`true`) or every N iterations. Default: silent. */
  verbose?: boolean | number;
  /** See {@link IterationCallback}. */
  onIteration?: IterationCallback;
}

/** The loss and the metrics a run computes, checked against the labels. */
export function lossAndMetrics(params: GbdtParams, label: Float64Array): { loss: Loss; metrics: Metric[] } {
  const loss = createLoss(params.lossFunction, { label, classesCount: params.classesCount });
  loss.validateLabels(label);
  const names = [params.evalMetric ?? loss.defaultMetric, ...params.customMetric];
  const metrics: Metric[] = [];
  for (const n of names) {
    const m = createMetric(n);
    if (!metrics.some((x) => x.name === m.name)) metrics.push(m);
  }
  return { loss, metrics };
}

/** Checks that `evalSet` has the pool's features (names and kinds, in order) and a label. */
export function checkCompatible(pool: Pool, other: Pool, what: string): void {
  if (other.features.length !== pool.features.length)
    throw new InvalidDataError(
      `${what} has ${other.features.length} feature columns, the training pool has ${pool.features.length}`,
    );
  pool.features.forEach((f, i) => {
    const o = other.features[i];
    if (o.name !== f.name || o.kind !== f.kind)
      throw new InvalidDataError(
        `${what} column ${i} is ${o.kind} "${o.name}", the training pool has ${f.kind} "${f.name}" there`,
        o.name,
      );
  });
}

/**
 * Trains a model of symmetric trees by plain gradient boosting (CatBoost semantics: quantised
 * features, ordered target statistics for categorical features, Cosine split scores, Newton leaves).
 *
 * @throws InvalidParameterError for bad parameters; InvalidDataError for bad data, both before
 *   any training.
 *
 * @example
 * const pool = new Pool({ x: Float64Array.from([1, 2, 3, 4]) }, { label: [1, 2, 3, 4] });
 * const model = train(pool, { iterations: 100, depth: 2, learningRate: 0.1 });
 * model.predict({ x: Float64Array.of(2.5) });
 */
export function train(pool: Pool, params: GbdtParamsInput = {}, options: TrainOptions = {}): Model {
  const p = resolveParams(params);
  if (!(pool instanceof Pool)) throw new InvalidDataError("train() needs a Pool as its first argument");
  if (!pool.label) throw new InvalidDataError("train() needs a pool with a label");
  const { evalSet, earlyStoppingRounds } = options;
  if (evalSet !== undefined) {
    if (!(evalSet instanceof Pool)) throw new InvalidDataError("train() option evalSet must be a Pool");
    if (!evalSet.label) throw new InvalidDataError("train() option evalSet needs a label");
    checkCompatible(pool, evalSet, "evalSet");
  }
  if (earlyStoppingRounds !== undefined) {
    if (!Number.isInteger(earlyStoppingRounds) || earlyStoppingRounds < 1)
      throw new InvalidParameterError(
        "earlyStoppingRounds",
        `earlyStoppingRounds must be an integer >= 1, got ${earlyStoppingRounds}`,
      );
    if (!evalSet)
      throw new InvalidParameterError("earlyStoppingRounds", "earlyStoppingRounds needs an evalSet");
  }
  const { loss, metrics } = lossAndMetrics(p, pool.label);
  if (evalSet) loss.validateLabels(evalSet.label!);
  const features = buildFeatures(
    pool,
    null,
    pool.label,
    evalSet ? [{ pool: evalSet, rows: null }] : [],
    p,
    loss,
  );
  const booster = new Booster(
    {
      features,
      label: pool.label,
      weight: pool.weight,
      evals: evalSet ? [{ label: evalSet.label!, weight: evalSet.weight }] : [],
    },
    p,
    loss,
    metrics,
  );
  const evalsResult: EvalsResult = {
    learn: Object.fromEntries(metrics.map((m) => [m.name, [] as number[]])),
  };
  if (evalSet) evalsResult.validation = Object.fromEntries(metrics.map((m) => [m.name, [] as number[]]));
  const main = metrics[0];
  let best = Number.NaN;
  let bestIteration = -1;
  const every = options.verbose === true ? 1 : typeof options.verbose === "number" ? options.verbose : 0;
  for (let it = 0; it < p.iterations; it++) {
    const r = booster.step();
    const report: Record<string, number> = {};
    metrics.forEach((m, j) => {
      evalsResult.learn[m.name].push(r.learn[j]);
      report[`learn-${m.name}`] = r.learn[j];
      if (evalSet) {
        evalsResult.validation[m.name].push(r.evals[0][j]);
        report[`validation-${m.name}`] = r.evals[0][j];
      }
    });
    if (evalSet) {
      const v = r.evals[0][0];
      if (bestIteration < 0 || (main.higherIsBetter ? v > best : v < best)) {
        best = v;
        bestIteration = it;
      }
    }
    if (every > 0 && (it % every === 0 || it === p.iterations - 1))
      process.stdout.write(
        `${it}:\t${Object.entries(report)
          .map(([k, v]) => `${k}=${v.toPrecision(6)}`)
          .join("\t")}\n`,
      );
    if (options.onIteration?.(it, report) === false) break;
    if (earlyStoppingRounds !== undefined && it - bestIteration >= earlyStoppingRounds) break;
  }
  const useBest = p.useBestModel ?? evalSet !== undefined;
  if (useBest && bestIteration >= 0) booster.truncate(bestIteration + 1);
  return toModel(
    pool,
    features,
    booster.trees,
    booster.bias,
    p,
    loss,
    bestIteration >= 0 ? bestIteration : null,
    evalsResult,
  );
}
