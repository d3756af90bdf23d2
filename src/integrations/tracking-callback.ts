import { userInfo } from "node:os";
import {
  type Metric,
  type Param,
  ResourceAlreadyExistsError,
  type RunTag,
  SYSTEM_TAGS,
  TRACKING_LIMITS,
  TrackingClient,
} from "../track/index.js";
import {
  type FrozenTrial,
  InvalidArgumentError,
  type Objective,
  type OptimizeCallback,
  type Study,
  type Trial,
} from "../tune/index.js";
import { pyDatetimeStr, pyDistributionStr, pyParamStr, pyStr } from "./py-str.js";

/** Trial system attribute holding the id of the run `trackInObjective` opened (Optuna's name). */
export const MLFLOW_RUN_ID_ATTR = "mlflow_run_id";

/** Options of {@link trackingCallback}; names follow Optuna's `MLflowCallback`. */
export interface TrackingCallbackOptions {
  /** A tracking URI (folder, `sqlite:///`, `postgresql://`, `http(s)://`) or a client. Default `"mlruns"`. */
  trackingUri?: string | TrackingClient;
  /**
   * Metric name, or one name per objective. A single name on a multi-objective study is suffixed
   * `_0`, `_1`, ... Default `"value"`.
   */
  metricName?: string | readonly string[];
  /** Experiment the runs go to. Default: the study's name. */
  experimentName?: string;
  /**
   * Create the experiment when it does not exist (default true). When false the runs go to
   * `experimentId`, or to the Default experiment (`"0"`).
   */
  createExperiment?: boolean;
  /** Experiment id used when `createExperiment` is false. */
  experimentId?: string;
  /**
   * Put the trial runs under a parent run: `true` opens one parent run named after the study on
   * the first trial (end it with `close()`); a string is the id of an existing parent run.
   */
  nested?: boolean | string;
  /** Tag each run with the study's user attrs (they win over trial attrs). Default false. */
  tagStudyUserAttrs?: boolean;
  /** Tag each run with the trial's user attrs. Default true. */
  tagTrialUserAttrs?: boolean;
  /** Also log the trial's intermediate values as the metric's history (step = reported step). Default true. */
  logIntermediateValues?: boolean;
  /** Extra tags on every run at creation. */
  tags?: Readonly<Record<string, string>>;
}

/** What {@link TrackingCallback.trackInObjective} hands the objective besides the trial. */
export interface TrialRun {
  /** The run of this trial (the callback completes it after the trial). */
  readonly runId: string;
  /** The client to log with, e.g. `client.logMetric(runId, "fold-rmse", v, { step })`. */
  readonly client: TrackingClient;
}

/** An `optimize` callback that records each finished trial as a tracked run. */
export interface TrackingCallback extends OptimizeCallback {
  /** The tracking client the runs are written with. */
  readonly client: TrackingClient;
  /** Id of the parent run (with `nested`), once it exists. */
  readonly parentRunId: string | undefined;
  /**
   * Wraps an objective so that its trial's run exists while it runs: the objective gets the run
   * and may log its own metrics, params, tags or artifacts into it (Optuna's `track_in_mlflow`).
   */
  trackInObjective(
    study: Study,
    objective: (trial: Trial, run: TrialRun) => ReturnType<Objective>,
  ): Objective;
  /** Ends the parent run (if this callback opened it) and closes a client it opened itself. */
  close(): Promise<void>;
}

/**
 * Optuna's `MLflowCallback` for tunelab: after each finished trial (COMPLETE, PRUNED or FAIL) one
 * run named after the trial number, with the trial's start and end times, its params (as Python's
 * `str()`), its value(s) as metric(s) and the tags Optuna writes (`number`, `datetime_start`,
 * `datetime_complete`, `state`, `direction`, `<param>_distribution`, user attrs), so scripts and
 * dashboards written for Optuna + MLflow read these runs unchanged. Unlike Optuna it also logs the
 * intermediate values (`trial.report`) as the metric's history; the final value is logged at the
 * last reported step (step 0 without reports) and later, so it is the run's latest metric value.
 * As in Optuna, a trial without values (FAIL) logs no metric, and a PRUNED trial logs the value
 * Optuna stores for it (its last reported value).
 *
 * @example
 * const cb = trackingCallback({ trackingUri: "mlruns", metricName: "RMSLE" });
 * await study.optimize(objective, { nTrials: 50, callbacks: [cb] });
 * await cb.close();
 */
export function trackingCallback(options: TrackingCallbackOptions = {}): TrackingCallback {
  const {
    trackingUri = "mlruns",
    metricName = "value",
    experimentName,
    createExperiment = true,
    experimentId: fixedExperimentId,
    nested = false,
    tagStudyUserAttrs = false,
    tagTrialUserAttrs = true,
    logIntermediateValues = true,
    tags: extraTags = {},
  } = options;
  if (Array.isArray(metricName) && metricName.length === 0)
    throw new InvalidArgumentError("trackingCallback(): metricName must not be an empty list");
  const ownsClient = !(trackingUri instanceof TrackingClient);
  const client = trackingUri instanceof TrackingClient ? trackingUri : new TrackingClient(trackingUri);
  const experiments = new Map<string, string>();
  let parentRunId: string | undefined = typeof nested === "string" ? nested : undefined;
  let ownsParent = false;
  // serialise store writes: experiment creation must not race between concurrent trials
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <R>(fn: () => Promise<R>): Promise<R> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const experimentFor = async (study: Study): Promise<string> => {
    if (!createExperiment) return fixedExperimentId ?? "0";
    const name = experimentName ?? study.studyName;
    const known = experiments.get(name);
    if (known !== undefined) return known;
    let exp = await client.getExperimentByName(name);
    if (exp === null) {
      try {
        await client.createExperiment(name);
      } catch (e) {
        if (!(e instanceof ResourceAlreadyExistsError)) throw e; // another worker made it first
      }
      exp = await client.getExperimentByName(name);
    }
    if (exp === null) throw new InvalidArgumentError(`trackingCallback(): experiment "${name}" not found`);
    if (exp.lifecycleStage === "deleted")
      throw new InvalidArgumentError(
        `trackingCallback(): experiment "${name}" is deleted; restore it or choose another experimentName`,
      );
    experiments.set(name, exp.experimentId);
    return exp.experimentId;
  };

  const creationTags = (): Record<string, string> => ({
    [SYSTEM_TAGS.user]: safeUser(),
    [SYSTEM_TAGS.sourceName]: process.argv[1] ?? "node", // the script path, as MLflow records it
    [SYSTEM_TAGS.sourceType]: "LOCAL",
    ...extraTags,
  });

  const parentFor = async (study: Study, experimentId: string): Promise<string | undefined> => {
    if (nested === false) return undefined;
    if (parentRunId === undefined) {
      const run = await client.createRun(experimentId, {
        runName: study.studyName,
        userId: safeUser(),
        tags: creationTags(),
      });
      parentRunId = run.info.runId;
      ownsParent = true;
    }
    return parentRunId;
  };

  const openRun = async (study: Study, number: number, startTime: number): Promise<string> => {
    const experimentId = await experimentFor(study);
    const parent = await parentFor(study, experimentId);
    const run = await client.createRun(experimentId, {
      runName: String(number),
      userId: safeUser(),
      startTime,
      tags: { ...creationTags(), ...(parent === undefined ? {} : { [SYSTEM_TAGS.parentRunId]: parent }) },
    });
    return run.info.runId;
  };

  const record = async (study: Study, trial: FrozenTrial): Promise<void> => {
    const start = trial.datetimeStart?.getTime() ?? Date.now();
    const existing = trial.systemAttrs[MLFLOW_RUN_ID_ATTR];
    const runId = typeof existing === "string" ? existing : await openRun(study, trial.number, start);
    if (typeof existing === "string") await client.updateRun(runId, { status: "RUNNING" });
    const names = metricNames(metricName, study.directions.length);
    const metrics: Metric[] = [];
    let lastStep = 0;
    if (logIntermediateValues) {
      const key = names[0];
      for (const [step, value] of trial.intermediateValues) {
        metrics.push({ key, value, timestamp: start, step });
        lastStep = Math.max(lastStep, step);
      }
    }
    if (trial.values !== null) {
      if (trial.values.length !== names.length)
        throw new InvalidArgumentError(
          `trackingCallback(): ${names.length} metric names (${names.join(", ")}) for ${trial.values.length} objective values`,
        );
      const timestamp = Math.max(Date.now(), start + 1);
      trial.values.forEach((value, i) => {
        metrics.push({ key: names[i], value, timestamp, step: lastStep });
      });
    }
    const params: Param[] = Object.entries(trial.params).map(([key, value]) => ({
      key,
      value: pyParamStr(value, trial.distributions[key]),
    }));
    const tags = new Map<string, string>([
      ["number", String(trial.number)],
      ["datetime_start", pyDatetimeStr(trial.datetimeStart)],
      ["datetime_complete", pyDatetimeStr(trial.datetimeComplete)],
      ["state", trial.state],
      [
        "direction",
        study.directions.length === 1
          ? study.directions[0].toUpperCase()
          : `[${study.directions.map((d) => `'${d.toUpperCase()}'`).join(", ")}]`,
      ],
    ]);
    for (const [key, d] of Object.entries(trial.distributions))
      tags.set(`${key}_distribution`, pyDistributionStr(d));
    if (tagTrialUserAttrs) for (const [k, v] of Object.entries(trial.userAttrs)) tags.set(k, pyStr(v));
    if (tagStudyUserAttrs) for (const [k, v] of Object.entries(study.userAttrs)) tags.set(k, pyStr(v));
    const runTags: RunTag[] = [...tags].map(([key, value]) => ({ key, value: truncate(value) }));
    // three batches in Optuna's order: metrics, params, tags
    if (metrics.length > 0) await client.logBatch(runId, { metrics });
    if (params.length > 0) await client.logBatch(runId, { params });
    await client.logBatch(runId, { tags: runTags });
    await client.setTerminated(runId, "FINISHED", trial.datetimeComplete?.getTime() ?? Date.now());
  };

  const callback = ((study: Study, trial: FrozenTrial) =>
    serial(() => record(study, trial))) as TrackingCallback;
  Object.defineProperties(callback, {
    client: { value: client, enumerable: true },
    parentRunId: { get: () => parentRunId, enumerable: true },
  });
  callback.trackInObjective = (
    study: Study,
    objective: (trial: Trial, run: TrialRun) => ReturnType<Objective>,
  ): Objective => {
    return async (trial: Trial) => {
      const runId = await serial(() =>
        openRun(study, trial.number, trial.datetimeStart?.getTime() ?? Date.now()),
      );
      trial.setSystemAttr(MLFLOW_RUN_ID_ATTR, runId);
      return objective(trial, { runId, client });
    };
  };
  callback.close = async () => {
    await queue;
    if (ownsParent && parentRunId !== undefined) await client.setTerminated(parentRunId, "FINISHED");
    ownsParent = false;
    if (ownsClient) await client.close();
  };
  return callback;
}

/** Metric key per objective, as Optuna names them. */
function metricNames(metricName: string | readonly string[], nObjectives: number): string[] {
  if (typeof metricName !== "string") return [...metricName];
  if (nObjectives === 1) return [metricName];
  return Array.from({ length: nObjectives }, (_, i) => `${metricName}_${i}`);
}

/** Optuna cuts long tag values to MLflow's limit, ending them with `...`. */
function truncate(value: string): string {
  const max = TRACKING_LIMITS.maxTagValueLength;
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
