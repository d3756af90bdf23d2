import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactRepositoryFor } from "./artifacts/local-artifact-repository.js";
import type {
  Experiment,
  FileInfo,
  Metric,
  PagedList,
  Param,
  Run,
  RunInfo,
  RunStatus,
  RunTag,
  ViewType,
} from "./entities.js";
import type { LogBatchInput, TrackingStore } from "./store/store.js";
import { defaultTrackingUri, openTrackingStore } from "./store/tracking-uri.js";
import { TRACKING_LIMITS } from "./validation.js";

/** Options of {@link TrackingClient.searchRuns}. */
export interface ClientSearchRunsOptions {
  filter?: string;
  runViewType?: ViewType;
  maxResults?: number;
  orderBy?: readonly string[];
  pageToken?: string;
}

/** Options of {@link TrackingClient.searchExperiments}. */
export interface ClientSearchExperimentsOptions {
  viewType?: ViewType;
  maxResults?: number;
  filter?: string;
  orderBy?: readonly string[];
  pageToken?: string;
}

const toTags = (tags?: Readonly<Record<string, unknown>> | readonly RunTag[]): RunTag[] =>
  !tags
    ? []
    : Array.isArray(tags)
      ? [...tags]
      : Object.entries(tags).map(([key, value]) => ({ key, value: String(value) }));

/**
 * MLflow's `MlflowClient` for TypeScript: the full tracking API over a {@link TrackingStore}.
 *
 * The tracking URI is a folder (default `mlruns`, or `$MLFLOW_TRACKING_URI`) holding
 * `tunelab.db` and `artifacts/`, `sqlite:///path.db`, `postgresql://...`, or a store object.
 * The store opens on first use; call {@link close} when done.
 *
 * @example
 * const client = new TrackingClient("mlruns");
 * const expId = await client.createExperiment("house-prices");
 * const run = await client.createRun(expId, { runName: "baseline" });
 * await client.logParam(run.info.runId, "depth", 6);
 * await client.logMetric(run.info.runId, "rmse", 0.13);
 * await client.setTerminated(run.info.runId);
 * await client.close();
 */
export class TrackingClient {
  /** The URI the client was made with (undefined when given a store object). */
  readonly trackingUri: string | undefined;
  private storePromise: Promise<TrackingStore> | undefined;

  constructor(trackingUri?: string | TrackingStore) {
    if (typeof trackingUri === "object") {
      this.trackingUri = undefined;
      this.storePromise = Promise.resolve(trackingUri);
    } else this.trackingUri = trackingUri ?? defaultTrackingUri();
  }

  /** The underlying store (opened on first call). */
  store(): Promise<TrackingStore> {
    this.storePromise ??= openTrackingStore(this.trackingUri);
    return this.storePromise;
  }

  /** Closes the store's connections. */
  async close(): Promise<void> {
    if (!this.storePromise) return;
    const s = await this.storePromise.catch(() => undefined);
    this.storePromise = undefined;
    await s?.close?.();
  }

  // experiments
  /** Creates an experiment; returns its id. */
  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Readonly<Record<string, unknown>> } = {},
  ): Promise<string> {
    return (await this.store()).createExperiment(name, {
      ...(options.artifactLocation === undefined ? {} : { artifactLocation: options.artifactLocation }),
      tags: toTags(options.tags),
    });
  }
  async getExperiment(experimentId: string): Promise<Experiment> {
    return (await this.store()).getExperiment(experimentId);
  }
  /** The experiment named `name`, or null. */
  async getExperimentByName(name: string): Promise<Experiment | null> {
    return (await this.store()).getExperimentByName(name);
  }
  async searchExperiments(options: ClientSearchExperimentsOptions = {}): Promise<PagedList<Experiment>> {
    return (await this.store()).searchExperiments(options);
  }
  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    return (await this.store()).renameExperiment(experimentId, newName);
  }
  /** REST's experiments/update: renames the experiment. */
  async updateExperiment(experimentId: string, newName: string): Promise<void> {
    return this.renameExperiment(experimentId, newName);
  }
  async deleteExperiment(experimentId: string): Promise<void> {
    return (await this.store()).deleteExperiment(experimentId);
  }
  async restoreExperiment(experimentId: string): Promise<void> {
    return (await this.store()).restoreExperiment(experimentId);
  }
  async setExperimentTag(experimentId: string, key: string, value: unknown): Promise<void> {
    return (await this.store()).setExperimentTag(experimentId, { key, value: String(value) });
  }
  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    return (await this.store()).deleteExperimentTag(experimentId, key);
  }

  // runs
  /** Creates a RUNNING run in the experiment. */
  async createRun(
    experimentId: string,
    options: {
      startTime?: number;
      tags?: Readonly<Record<string, unknown>> | readonly RunTag[];
      runName?: string;
      userId?: string;
    } = {},
  ): Promise<Run> {
    return (await this.store()).createRun({
      experimentId,
      tags: toTags(options.tags),
      ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
      ...(options.runName === undefined ? {} : { runName: options.runName }),
      ...(options.userId === undefined ? {} : { userId: options.userId }),
    });
  }
  async getRun(runId: string): Promise<Run> {
    return (await this.store()).getRun(runId);
  }
  /** Updates status, end time or name of a run. */
  async updateRun(
    runId: string,
    options: { status?: RunStatus; endTime?: number; name?: string },
  ): Promise<RunInfo> {
    return (await this.store()).updateRunInfo(runId, {
      ...(options.status === undefined ? {} : { status: options.status }),
      ...(options.endTime === undefined ? {} : { endTime: options.endTime }),
      ...(options.name === undefined ? {} : { runName: options.name }),
    });
  }
  /** Ends a run: status (default FINISHED) and end time (default now). */
  async setTerminated(runId: string, status: RunStatus = "FINISHED", endTime = Date.now()): Promise<RunInfo> {
    return (await this.store()).updateRunInfo(runId, { status, endTime });
  }
  async deleteRun(runId: string): Promise<void> {
    return (await this.store()).deleteRun(runId);
  }
  async restoreRun(runId: string): Promise<void> {
    return (await this.store()).restoreRun(runId);
  }
  /** One page of runs of the experiments matching `filter`, ordered by `orderBy`. */
  async searchRuns(
    experimentIds: readonly string[] | string,
    options: ClientSearchRunsOptions = {},
  ): Promise<PagedList<Run>> {
    return (await this.store()).searchRuns({
      experimentIds: typeof experimentIds === "string" ? [experimentIds] : experimentIds,
      ...options,
    });
  }

  // logging
  /** Logs a param (its value as a string); the same value again is fine, a different one throws. */
  async logParam(runId: string, key: string, value: unknown): Promise<void> {
    return (await this.store()).logParam(runId, { key, value: String(value) });
  }
  /** Logs a metric value; timestamp defaults to now, step to 0. */
  async logMetric(
    runId: string,
    key: string,
    value: number,
    options: { timestamp?: number; step?: number } = {},
  ): Promise<void> {
    return (await this.store()).logMetric(runId, {
      key,
      value,
      timestamp: options.timestamp ?? Date.now(),
      step: options.step ?? 0,
    });
  }
  async setTag(runId: string, key: string, value: unknown): Promise<void> {
    return (await this.store()).setTag(runId, { key, value: String(value) });
  }
  async deleteTag(runId: string, key: string): Promise<void> {
    return (await this.store()).deleteTag(runId, key);
  }
  /**
   * Logs metrics, params and tags. Inputs beyond MLflow's per-request limits are split into
   * several atomic batches, as MLflow's client does (each batch is all or nothing).
   */
  async logBatch(
    runId: string,
    batch: { metrics?: readonly Metric[]; params?: readonly Param[]; tags?: readonly RunTag[] },
  ): Promise<void> {
    const store = await this.store();
    const L = TRACKING_LIMITS;
    const params = [...(batch.params ?? [])];
    const tags = [...(batch.tags ?? [])];
    const metrics = [...(batch.metrics ?? [])];
    do {
      const chunk: LogBatchInput = {
        params: params.splice(0, L.maxParamsTagsPerBatch),
        tags: tags.splice(0, L.maxParamsTagsPerBatch),
      };
      const room = L.maxEntitiesPerBatch - chunk.params!.length - chunk.tags!.length;
      await store.logBatch(runId, {
        ...chunk,
        metrics: metrics.splice(0, Math.min(room, L.maxMetricsPerBatch)),
      });
    } while (params.length || tags.length || metrics.length);
  }
  /** Every value logged for a metric, by step then timestamp. */
  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return (await (await this.store()).getMetricHistory(runId, key)).items;
  }

  // artifacts
  /** Copies a local file into the run's artifacts (under `artifactPath`). */
  async logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void> {
    return artifactRepositoryFor((await this.getRun(runId)).info.artifactUri).logArtifact(
      localPath,
      artifactPath,
    );
  }
  /** Copies a local folder's contents into the run's artifacts (under `artifactPath`). */
  async logArtifacts(runId: string, localDir: string, artifactPath?: string): Promise<void> {
    return artifactRepositoryFor((await this.getRun(runId)).info.artifactUri).logArtifacts(
      localDir,
      artifactPath,
    );
  }
  /** Writes text to the artifact file `artifactFile` (e.g. "notes/summary.txt"). */
  async logText(runId: string, text: string, artifactFile: string): Promise<void> {
    return artifactRepositoryFor((await this.getRun(runId)).info.artifactUri).writeArtifact(
      artifactFile,
      text,
    );
  }
  /** Writes a value as JSON to the artifact file `artifactFile`. */
  async logDict(runId: string, value: unknown, artifactFile: string): Promise<void> {
    return this.logText(runId, JSON.stringify(value, null, 2), artifactFile);
  }
  /** Files and folders directly under `path` of the run's artifacts. */
  async listArtifacts(runId: string, path?: string): Promise<FileInfo[]> {
    return artifactRepositoryFor((await this.getRun(runId)).info.artifactUri).listArtifacts(path);
  }
  /** Copies an artifact file or folder to `dstPath` (default: a new temporary folder); returns the local path. */
  async downloadArtifacts(runId: string, path: string, dstPath?: string): Promise<string> {
    const dst = dstPath ?? (await mkdtemp(join(tmpdir(), "tunelab-artifacts-")));
    return artifactRepositoryFor((await this.getRun(runId)).info.artifactUri).downloadArtifacts(path, dst);
  }
}
