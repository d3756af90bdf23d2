import { InvalidArgumentError, InvalidStateError, TrialPruned } from "./errors.js";
import type { FrozenTrial } from "./frozen-trial.js";
import { ProgressBar } from "./progress.js";
import type { Objective, Study, TellOptions } from "./study.js";
import type { Trial } from "./trial.js";

/** Called after every finished trial, with the study and the stored trial. */
export type OptimizeCallback = (study: Study, trial: FrozenTrial) => void | Promise<void>;

/** An error class, for `catch`. */
// biome-ignore lint/suspicious/noExplicitAny: error constructors take any arguments
export type ErrorClass = abstract new (...args: any[]) => Error;

/** Options of `study.optimize`. */
export interface OptimizeOptions {
  /** Trials this call runs. Default: unbounded (then give `timeout`, or call `study.stop()`). */
  nTrials?: number;
  /** Seconds after which no new trial starts (running ones finish). Default: none. */
  timeout?: number;
  /** Called after each finished trial. */
  callbacks?: readonly OptimizeCallback[];
  /** Errors that fail the trial but let the study go on; any other error stops it and is rethrown. */
  catch?: readonly ErrorClass[];
  /** Objectives running at once (async). Default 1. */
  concurrency?: number;
  /** Show a progress bar on stderr. Default false. */
  showProgressBar?: boolean;
}

/**
 * The run loop behind `study.optimize`: `concurrency` workers ask, run the objective and tell,
 * until the budget, the timeout or a stop request. An objective error not listed in `catch`
 * fails its trial, lets running trials finish, then propagates.
 */
export async function runOptimize(
  study: Study,
  objective: Objective,
  options: OptimizeOptions,
): Promise<void> {
  const { nTrials, timeout, callbacks = [], concurrency = 1, showProgressBar = false } = options;
  const catchable = options.catch ?? [];
  if (nTrials !== undefined && (!Number.isInteger(nTrials) || nTrials < 0))
    throw new InvalidArgumentError(`optimize(): nTrials must be an integer >= 0, got ${nTrials}`);
  if (timeout !== undefined && !(timeout > 0))
    throw new InvalidArgumentError(`optimize(): timeout must be > 0 seconds, got ${timeout}`);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidArgumentError(`optimize(): concurrency must be an integer >= 1, got ${concurrency}`);
  if (study.optimizing)
    throw new InvalidStateError(
      "optimize() is already running on this study (nested optimize is not allowed)",
    );

  study.optimizing = true;
  study.stopRequested = false;
  const deadline = timeout === undefined ? Infinity : Date.now() + timeout * 1000;
  const bar = showProgressBar ? new ProgressBar(nTrials, timeout) : null;
  let started = 0;
  let done = 0;
  let fatal: { error: unknown } | null = null;

  const more = () =>
    !study.stopRequested &&
    fatal === null &&
    (nTrials === undefined || started < nTrials) &&
    Date.now() < deadline;

  // Without callbacks (a callback may stop the study after a trial), a tell that knows another
  // trial will start creates it in the same storage transaction: one commit per trial instead of
  // two. That trial counts as started then, and runs even if the study is stopped meanwhile.
  const pipelined = callbacks.length === 0;

  const worker = async () => {
    let next: FrozenTrial | null = null;
    while (next !== null || more()) {
      if (next === null) started++;
      const trial: Trial = next === null ? await study.ask() : await study.askCreated(next);
      next = null;
      const tell = async (values: number | number[] | null, tellOptions?: TellOptions) => {
        if (!pipelined || fatal !== null || !more()) return study.tell(trial, values, tellOptions);
        started++;
        let created: FrozenTrial | null = null;
        try {
          const told = await study.tellThenCreate(trial, values, tellOptions);
          created = told.next;
          return told.finished;
        } finally {
          if (created === null) started--;
          next = created;
        }
      };
      let frozen: FrozenTrial;
      try {
        const result = await objective(trial);
        frozen = await tell(result as number | number[]);
      } catch (error) {
        if (error instanceof TrialPruned) frozen = await tell(null, { state: "PRUNED" });
        else {
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          if (!catchable.some((c) => error instanceof c)) fatal ??= { error };
          frozen = await tell(null, { state: "FAIL", failReason: reason });
        }
      }
      done++;
      for (const cb of callbacks) await cb(study, frozen);
      bar?.update(done, bestValueOrNull(study));
    }
  };

  try {
    const workers = [];
    // One shared sampler serves every worker: JS runs them on one thread, so a seeded run stays reproducible.
    for (let i = 0; i < concurrency; i++)
      workers.push(
        worker().catch((error) => {
          fatal ??= { error };
        }),
      );
    await Promise.all(workers);
  } finally {
    bar?.stop();
    study.optimizing = false;
  }
  if (fatal !== null) throw (fatal as { error: unknown }).error;
}

function bestValueOrNull(study: Study): number | null {
  if (study.directions.length > 1) return null;
  try {
    return study.bestValue;
  } catch {
    return null;
  }
}
