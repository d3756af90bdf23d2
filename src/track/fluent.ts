import { AsyncLocalStorage } from "node:async_hooks";
import { userInfo } from "node:os";
import { TrackingClient } from "./client.js";
import { type Experiment, type Run, type RunStatus, SYSTEM_TAGS } from "./entities.js";
import { InvalidParameterValueError, ResourceDoesNotExistError } from "./errors.js";
import { defaultTrackingUri } from "./store/tracking-uri.js";

/**
 * MLflow's fluent API (`mlflow.start_run`, `mlflow.log_metric`, ...): module-level state holding
 * the tracking URI, the active experiment and a stack of active runs. Inside {@link withRun} the
 * stack belongs to that async call chain (AsyncLocalStorage), so concurrent `withRun` calls (for
 * example parallel tuning trials) each have their own active run.
 */

let uri: string | undefined;
let client: TrackingClient | undefined;
let experimentId: string | undefined;
const globalStack: Run[] = [];
const scoped = new AsyncLocalStorage<Run[]>();

const stack = (): Run[] => scoped.getStore() ?? globalStack;

function currentClient(): TrackingClient {
  client ??= new TrackingClient(uri ?? defaultTrackingUri());
  return client;
}

/** Sets the tracking URI of the fluent API (closes the previous client). */
export async function setTrackingUri(trackingUri: string): Promise<void> {
  if (client) await client.close();
  client = undefined;
  uri = trackingUri;
}

/** The fluent API's tracking URI (default `$MLFLOW_TRACKING_URI` or `mlruns`). */
export function getTrackingUri(): string {
  return uri ?? defaultTrackingUri();
}

/** The client the fluent API uses (to call the full API on the same store). */
export function getTrackingClient(): TrackingClient {
  return currentClient();
}

/**
 * Makes an experiment active for later runs, creating it when no experiment has that name.
 * A deleted experiment of that name is an error (restore it first).
 */
export async function setExperiment(
  nameOrOptions: string | { experimentName?: string; experimentId?: string },
): Promise<Experiment> {
  const opts = typeof nameOrOptions === "string" ? { experimentName: nameOrOptions } : nameOrOptions;
  const c = currentClient();
  let exp: Experiment | null;
  if (opts.experimentId !== undefined) exp = await c.getExperiment(opts.experimentId);
  else if (opts.experimentName !== undefined) {
    exp = await c.getExperimentByName(opts.experimentName);
    if (!exp) {
      try {
        exp = await c.getExperiment(await c.createExperiment(opts.experimentName));
      } catch (err) {
        // another process created it meanwhile
        exp = await c.getExperimentByName(opts.experimentName);
        if (!exp) throw err;
      }
    }
  } else throw new InvalidParameterValueError("setExperiment() needs an experiment name or id");
  if (exp.lifecycleStage === "deleted")
    throw new InvalidParameterValueError(
      `Cannot set a deleted experiment '${exp.name}' as the active experiment. Restore it first or use another name.`,
    );
  experimentId = exp.experimentId;
  return exp;
}

/** Options of {@link startRun}. */
export interface StartRunOptions {
  /** Resume an existing run (sets it RUNNING again) instead of creating one. */
  runId?: string;
  /** Default: the active experiment, `$MLFLOW_EXPERIMENT_ID`, `$MLFLOW_EXPERIMENT_NAME`, else "0". */
  experimentId?: string;
  runName?: string;
  /** Start a child of the active run (tag `mlflow.parentRunId`); without it an active run is an error. */
  nested?: boolean;
  tags?: Readonly<Record<string, unknown>>;
  /** Run description (tag `mlflow.note.content`). */
  description?: string;
}

async function resolveExperimentId(given?: string): Promise<string> {
  if (given !== undefined) return given;
  if (experimentId !== undefined) return experimentId;
  if (process.env.MLFLOW_EXPERIMENT_ID) return process.env.MLFLOW_EXPERIMENT_ID;
  if (process.env.MLFLOW_EXPERIMENT_NAME)
    return (await setExperiment(process.env.MLFLOW_EXPERIMENT_NAME)).experimentId;
  return "0";
}

/** Starts (or resumes) a run and makes it the active one; returns it. */
export async function startRun(options: StartRunOptions = {}): Promise<Run> {
  const s = stack();
  const parent = s[s.length - 1];
  if (parent && !options.nested)
    throw new InvalidParameterValueError(
      `Run with UUID ${parent.info.runId} is already active. To start a nested run, call startRun({ nested: true }); ` +
        "to start a new run, end the active one with endRun() first.",
    );
  const c = currentClient();
  let run: Run;
  if (options.runId !== undefined) {
    await c.updateRun(options.runId, { status: "RUNNING" });
    run = await c.getRun(options.runId);
  } else {
    const tags: Record<string, unknown> = {
      [SYSTEM_TAGS.user]: safeUser(),
      [SYSTEM_TAGS.sourceName]: process.argv[1] ?? "",
      [SYSTEM_TAGS.sourceType]: "LOCAL",
      ...(options.tags ?? {}),
    };
    if (parent) tags[SYSTEM_TAGS.parentRunId] = parent.info.runId;
    if (options.description !== undefined) tags[SYSTEM_TAGS.note] = options.description;
    run = await c.createRun(await resolveExperimentId(options.experimentId), {
      tags,
      userId: safeUser(),
      ...(options.runName === undefined ? {} : { runName: options.runName }),
    });
  }
  s.push(run);
  return run;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

/** The active run (innermost), or undefined. */
export function activeRun(): Run | undefined {
  const s = stack();
  return s[s.length - 1];
}

function requireRunId(): string {
  const run = activeRun();
  if (run) return run.info.runId;
  throw new ResourceDoesNotExistError("No active run: call startRun() (or use withRun) first");
}

/** Ends the active run with `status` (default FINISHED); does nothing without one. */
export async function endRun(status: RunStatus = "FINISHED"): Promise<void> {
  const s = stack();
  const run = s[s.length - 1];
  if (!run) return;
  await currentClient().setTerminated(run.info.runId, status);
  s.pop();
}

/**
 * Runs `fn` inside a new run and ends it: FINISHED when `fn` resolves, FAILED when it throws
 * (the error is re-thrown). Nested when a run is already active. The run is active only within
 * `fn`'s own async call chain, so concurrent `withRun` calls do not see each other's runs.
 *
 * @example
 * await withRun({ runName: "trial-0" }, async () => {
 *   await logParam("depth", 6);
 *   await logMetric("rmse", 0.13);
 * });
 */
export async function withRun<T>(options: StartRunOptions, fn: (run: Run) => Promise<T> | T): Promise<T> {
  const outer = stack();
  const local: Run[] = [...outer];
  return scoped.run(local, async () => {
    const run = await startRun({ ...options, nested: options.nested ?? local.length > 0 });
    let result: T;
    try {
      result = await fn(run);
    } catch (err) {
      await currentClient().setTerminated(run.info.runId, "FAILED");
      local.pop();
      throw err;
    }
    await endRun("FINISHED");
    return result;
  });
}

/** Logs a param on the active run. */
export async function logParam(key: string, value: unknown): Promise<void> {
  await currentClient().logParam(requireRunId(), key, value);
}
/** Logs several params on the active run in one batch. */
export async function logParams(params: Readonly<Record<string, unknown>>): Promise<void> {
  await currentClient().logBatch(requireRunId(), {
    params: Object.entries(params).map(([key, value]) => ({ key, value: String(value) })),
  });
}
/** Logs a metric on the active run; timestamp defaults to now, step to 0. */
export async function logMetric(
  key: string,
  value: number,
  options: { step?: number; timestamp?: number } = {},
): Promise<void> {
  await currentClient().logMetric(requireRunId(), key, value, options);
}
/** Logs several metrics (same step and timestamp) on the active run in one batch. */
export async function logMetrics(
  metrics: Readonly<Record<string, number>>,
  options: { step?: number; timestamp?: number } = {},
): Promise<void> {
  const timestamp = options.timestamp ?? Date.now();
  const step = options.step ?? 0;
  await currentClient().logBatch(requireRunId(), {
    metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, timestamp, step })),
  });
}
/** Sets a tag on the active run. */
export async function setTag(key: string, value: unknown): Promise<void> {
  await currentClient().setTag(requireRunId(), key, value);
}
/** Sets several tags on the active run in one batch. */
export async function setTags(tags: Readonly<Record<string, unknown>>): Promise<void> {
  await currentClient().logBatch(requireRunId(), {
    tags: Object.entries(tags).map(([key, value]) => ({ key, value: String(value) })),
  });
}
/** Copies a local file into the active run's artifacts. */
export async function logArtifact(localPath: string, artifactPath?: string): Promise<void> {
  await currentClient().logArtifact(requireRunId(), localPath, artifactPath);
}
/** Copies a local folder's contents into the active run's artifacts. */
export async function logArtifacts(localDir: string, artifactPath?: string): Promise<void> {
  await currentClient().logArtifacts(requireRunId(), localDir, artifactPath);
}
