import { InvalidArgumentError } from "../errors.js";
import { createTrial, type FrozenTrial, type JsonValue } from "../frozen-trial.js";
import type { Storage } from "./storage.js";

/**
 * Called by a storage with heartbeats (`RDBStorage.open(uri, {heartbeatInterval})`) after it
 * marked a RUNNING trial FAIL because the trial's heartbeat went stale (its worker died).
 */
export type StaleTrialCallback = (
  storage: Storage,
  studyId: number,
  trial: FrozenTrial,
) => Promise<void> | void;

/** Options of {@link retryFailedTrialCallback}. */
export interface RetryFailedTrialOptions {
  /** Retries of one original trial at most; default: no limit. */
  maxRetry?: number;
  /** Copy the failed trial's intermediate values into the retry. Default false. */
  inheritIntermediateValues?: boolean;
}

/**
 * Optuna's `RetryFailedTrialCallback`: re-enqueues a stale trial as a WAITING trial with the same
 * parameters, so the next worker runs it again. The retry's system attributes record the number
 * of the original trial (`failed_trial`) and every attempt before it (`retry_history`), the
 * same keys Optuna writes, so the history survives in the database.
 *
 * @example
 * const storage = await RDBStorage.open("sqlite:///studies.db", {
 *   heartbeatInterval: 10,
 *   staleTrialCallback: retryFailedTrialCallback({ maxRetry: 2 }),
 * });
 */
export function retryFailedTrialCallback(options: RetryFailedTrialOptions = {}): StaleTrialCallback {
  const { maxRetry, inheritIntermediateValues = false } = options;
  if (maxRetry !== undefined && (!Number.isInteger(maxRetry) || maxRetry < 0))
    throw new InvalidArgumentError(
      `retryFailedTrialCallback: maxRetry must be an integer >= 0, got ${maxRetry}`,
    );
  return async (storage, studyId, trial) => {
    const history = [...retryHistory(trial), trial.number];
    if (maxRetry !== undefined && history.length > maxRetry) return;
    const systemAttrs: Record<string, JsonValue> = {
      ...trial.systemAttrs,
      failed_trial: retriedTrialNumber(trial) ?? trial.number,
      retry_history: history,
    };
    delete systemAttrs.fail_reason;
    await storage.createNewTrial(
      studyId,
      createTrial({
        state: "WAITING",
        params: trial.params,
        distributions: trial.distributions,
        userAttrs: trial.userAttrs,
        systemAttrs,
        intermediateValues: inheritIntermediateValues ? new Map(trial.intermediateValues) : undefined,
      }),
    );
  };
}

/** The number of the original trial that `trial` retries, or null when it is not a retry. */
export function retriedTrialNumber(trial: FrozenTrial): number | null {
  const n = trial.systemAttrs.failed_trial;
  return typeof n === "number" ? n : null;
}

/** Numbers of the earlier attempts of `trial`, oldest first (empty when it is not a retry). */
export function retryHistory(trial: FrozenTrial): number[] {
  const h = trial.systemAttrs.retry_history;
  return Array.isArray(h) ? (h as number[]) : [];
}
