import { InvalidArgumentError, TrialPruned } from "../tune/index.js";

/** The part of a trial the pruning callback uses (a tunelab `Trial` fits). */
export interface PrunableTrial {
  readonly number: number;
  report(value: number, step: number): void;
  shouldPrune(): boolean;
}

/** Options of {@link gbdtPruningCallback}. */
export interface GbdtPruningCallbackOptions {
  /** Report (and ask the pruner) every `interval` iterations: iterations 0, k, 2k, ... Default 1. */
  interval?: number;
  /**
   * What happens when the pruner says prune. `true` (default): the hook throws `TrialPruned`;
   * `cv` / `train` stop (cv closes its fold workers first) and the error reaches `optimize`, which
   * marks the trial PRUNED. `false`: the hook returns `false`, the fit stops and returns normally,
   * and the objective calls `checkPruned()` (CatBoost's integration works this way).
   */
  throwOnPrune?: boolean;
}

/** The `onIteration` hook returned by {@link gbdtPruningCallback}. */
export interface GbdtPruningCallback {
  (iteration: number, metrics: Readonly<Record<string, number>>): boolean | undefined;
  /** Whether the pruner asked to stop. */
  readonly pruned: boolean;
  /** The iteration at which the fit was stopped, or null. */
  readonly prunedAt: number | null;
  /** Throws `TrialPruned` if the fit was stopped by the pruner (for `throwOnPrune: false`). */
  checkPruned(): void;
}

/**
 * Optuna's `XGBoostPruningCallback` / `CatBoostPruningCallback` for tunelab's GBDT: pass it as
 * `onIteration` to `cv` (metric `test-RMSE-mean`, ...) or `train` (`validation-RMSE`, ...). Each
 * reported iteration's value goes to `trial.report(value, iteration)`, so Median, Successive
 * Halving and Hyperband pruners decide during the fit, and the fit stops as soon as they prune.
 *
 * @example
 * const res = await cv(pool, params, {
 *   nfold: 5, earlyStoppingRounds: 30,
 *   onIteration: gbdtPruningCallback(trial, "test-RMSE-mean"),
 * }); // throws TrialPruned when the pruner stops the trial
 */
export function gbdtPruningCallback(
  trial: PrunableTrial,
  metric: string,
  options: GbdtPruningCallbackOptions = {},
): GbdtPruningCallback {
  const { interval = 1, throwOnPrune = true } = options;
  if (!Number.isInteger(interval) || interval < 1)
    throw new InvalidArgumentError(
      `gbdtPruningCallback(): interval must be an integer >= 1, got ${interval}`,
    );
  let prunedAt: number | null = null;
  const prunedError = () =>
    new TrialPruned(`trial ${trial.number} pruned at iteration ${prunedAt} (${metric})`);
  const hook = ((iteration: number, metrics: Readonly<Record<string, number>>) => {
    if (iteration % interval !== 0) return undefined;
    const value = metrics[metric];
    if (value === undefined)
      throw new InvalidArgumentError(
        `gbdtPruningCallback(): metric "${metric}" is not reported; available: ${Object.keys(metrics).join(", ")}`,
      );
    trial.report(value, iteration);
    if (!trial.shouldPrune()) return undefined;
    prunedAt = iteration;
    if (throwOnPrune) throw prunedError();
    return false;
  }) as GbdtPruningCallback;
  Object.defineProperties(hook, {
    pruned: { get: () => prunedAt !== null },
    prunedAt: { get: () => prunedAt },
  });
  hook.checkPruned = () => {
    if (prunedAt !== null) throw prunedError();
  };
  return hook;
}
