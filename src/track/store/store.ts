import type {
  DatasetInput,
  Experiment,
  ExperimentTag,
  Metric,
  PagedList,
  Param,
  Run,
  RunInfo,
  RunStatus,
  RunTag,
  ViewType,
} from "../entities.js";
import { InvalidParameterValueError } from "../errors.js";

/** Arguments of {@link TrackingStore.createRun}. */
export interface CreateRunOptions {
  readonly experimentId: string;
  /** Default "" (the fluent API fills in the OS user). */
  readonly userId?: string;
  /** Milliseconds since the epoch; default now. */
  readonly startTime?: number;
  readonly tags?: readonly RunTag[];
  /** Default: tag `mlflow.runName` if given, else a random "adjective-noun-123". */
  readonly runName?: string;
}

/** Arguments of {@link TrackingStore.updateRunInfo}; absent fields are left unchanged. */
export interface UpdateRunOptions {
  readonly status?: RunStatus;
  readonly endTime?: number | null;
  readonly runName?: string;
}

/** Arguments of {@link TrackingStore.searchRuns}. */
export interface SearchRunsOptions {
  /** Experiments to search; an empty list finds nothing. */
  readonly experimentIds: readonly string[];
  /** MLflow filter string (see `parseFilter`); empty matches every run. */
  readonly filter?: string;
  /** Default ACTIVE_ONLY. */
  readonly runViewType?: ViewType;
  /** 1..50000, default 1000. */
  readonly maxResults?: number;
  /** Order-by strings, most significant first; ties end with start_time DESC, run_id ASC. */
  readonly orderBy?: readonly string[];
  readonly pageToken?: string;
}

/** Arguments of {@link TrackingStore.searchExperiments}. */
export interface SearchExperimentsOptions {
  /** Default ACTIVE_ONLY. */
  readonly viewType?: ViewType;
  /** 1..50000, default 1000. */
  readonly maxResults?: number;
  readonly filter?: string;
  /** Default creation_time DESC; ties end with experiment_id ASC. */
  readonly orderBy?: readonly string[];
  readonly pageToken?: string;
}

/** Arguments of {@link TrackingStore.getMetricHistory}. */
export interface MetricHistoryOptions {
  /** Page size; default: the whole history in one page. */
  readonly maxResults?: number;
  readonly pageToken?: string;
}

/** What {@link TrackingStore.logBatch} writes. */
export interface LogBatchInput {
  readonly metrics?: readonly Metric[];
  readonly params?: readonly Param[];
  readonly tags?: readonly RunTag[];
}

/** What {@link TrackingStore.logInputs} records. */
export interface LogInputsInput {
  /** Data sets the run used; a data set is stored once per experiment by (name, digest). */
  readonly datasets?: readonly DatasetInput[];
  /** Logged models the run used, by id. */
  readonly models?: readonly { readonly modelId: string }[];
}

/** A complete run written with its own id and history (see {@link TrackingStore.importRun}). */
export interface ImportedRun {
  readonly runId: string;
  readonly experimentId: string;
  readonly runName: string;
  readonly userId: string;
  readonly status: RunStatus;
  readonly startTime: number;
  readonly endTime: number | null;
  readonly lifecycleStage: "active" | "deleted";
  readonly deletedTime?: number | null;
  readonly artifactUri: string;
  /** Every logged value; the latest per key is computed from them. */
  readonly metrics: readonly Metric[];
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Where experiments and runs live (MLflow's tracking store). `TrackingClient` calls it after
 * resolving defaults; servers call it per request. Implementations: the SQL store (SQLite file,
 * PostgreSQL) here, the REST store in the server issue.
 *
 * Invariants every implementation keeps (the contract suite `test/contracts/tracking-store.contract.ts`
 * checks them):
 * - ids: experiment ids are strings, "0" is the "Default" experiment and exists from the start;
 *   run ids are 32 lower-case hex characters; neither is ever reused;
 * - snapshots: returned objects never change after later writes;
 * - names: experiment names are unique among active and deleted experiments
 *   (`RESOURCE_ALREADY_EXISTS`);
 * - deletes are soft: `delete*` sets lifecycleStage "deleted", `restore*` undoes it; deleting an
 *   experiment deletes its active runs and restoring it restores them;
 * - params are immutable: logging a different value for a logged key throws
 *   INVALID_PARAMETER_VALUE, the same value again is a no-op; a new param on a finished run
 *   (FINISHED / FAILED / KILLED) throws INVALID_STATE;
 * - writes to a deleted run throw INVALID_PARAMETER_VALUE; a run cannot be created in a deleted
 *   experiment (INVALID_STATE);
 * - the latest value of a metric is the one with the greatest (step, timestamp, value);
 * - logBatch is all or nothing: it validates everything, then writes in one transaction;
 * - unknown experiments, runs and tags throw RESOURCE_DOES_NOT_EXIST; invalid input throws
 *   INVALID_PARAMETER_VALUE naming the bad value.
 */
export interface TrackingStore {
  /** Creates an experiment; returns its id. Default artifact location: `<artifact root>/<id>`. */
  createExperiment(
    name: string,
    options?: { artifactLocation?: string; tags?: readonly ExperimentTag[] },
  ): Promise<string>;
  /** The experiment (deleted ones too). */
  getExperiment(experimentId: string): Promise<Experiment>;
  /** The experiment with that name (an active one if both exist), or null. */
  getExperimentByName(name: string): Promise<Experiment | null>;
  searchExperiments(options?: SearchExperimentsOptions): Promise<PagedList<Experiment>>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  deleteExperiment(experimentId: string): Promise<void>;
  restoreExperiment(experimentId: string): Promise<void>;
  setExperimentTag(experimentId: string, tag: ExperimentTag): Promise<void>;
  deleteExperimentTag(experimentId: string, key: string): Promise<void>;

  /** Creates a RUNNING run with tag `mlflow.runName`; returns it. */
  createRun(options: CreateRunOptions): Promise<Run>;
  getRun(runId: string): Promise<Run>;
  /** Changes status / end time / name (the name also rewrites tag `mlflow.runName`). */
  updateRunInfo(runId: string, options: UpdateRunOptions): Promise<RunInfo>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  logMetric(runId: string, metric: Metric): Promise<void>;
  logParam(runId: string, param: Param): Promise<void>;
  /** Sets (overwrites) a tag; `mlflow.runName` renames the run. */
  setTag(runId: string, tag: RunTag): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  /** Metrics, params and tags in one atomic write, within MLflow's batch limits. */
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  /** Every value logged for `key`, ordered by step, timestamp, then value; empty for an unknown key. */
  getMetricHistory(runId: string, key: string, options?: MetricHistoryOptions): Promise<PagedList<Metric>>;
  searchRuns(options: SearchRunsOptions): Promise<PagedList<Run>>;
  /**
   * Records a run's inputs as MLflow's `log_inputs` does: data sets are kept once per experiment
   * (by name and digest); a data set already logged to the run is not added again (its tags stay
   * as first logged); getRun returns them in `inputs`, searchRuns returns the data set inputs.
   * Throws INVALID_PARAMETER_VALUE for a deleted run or values over MLflow's limits (name 500,
   * digest 36, source 65535, schema 1048575, profile 16777215 characters; input tag keys 255,
   * values 500). Optional: stores without it throw (see {@link TrackingStoreBase}).
   */
  logInputs?(runId: string, inputs: LogInputsInput): Promise<void>;

  /**
   * Optional capability for importers (`tunelab import-mlflow`): writes a whole run, keeping its
   * id, times, status and full metric history, in one transaction. Values are stored as given
   * (no truncation: an import never loses data). Returns false, writing nothing, when a run
   * with that id exists already, so an import can be re-run.
   */
  importRun?(run: ImportedRun): Promise<boolean>;

  /** Releases connections. Optional. */
  close?(): Promise<void>;
}

/**
 * Defaults for optional behaviour, so a capability added later does not break other stores:
 * single-item writes go through {@link TrackingStore.logBatch}.
 */
export abstract class TrackingStoreBase implements TrackingStore {
  abstract createExperiment(
    name: string,
    options?: { artifactLocation?: string; tags?: readonly ExperimentTag[] },
  ): Promise<string>;
  abstract getExperiment(experimentId: string): Promise<Experiment>;
  abstract getExperimentByName(name: string): Promise<Experiment | null>;
  abstract searchExperiments(options?: SearchExperimentsOptions): Promise<PagedList<Experiment>>;
  abstract renameExperiment(experimentId: string, newName: string): Promise<void>;
  abstract deleteExperiment(experimentId: string): Promise<void>;
  abstract restoreExperiment(experimentId: string): Promise<void>;
  abstract setExperimentTag(experimentId: string, tag: ExperimentTag): Promise<void>;
  abstract deleteExperimentTag(experimentId: string, key: string): Promise<void>;
  abstract createRun(options: CreateRunOptions): Promise<Run>;
  abstract getRun(runId: string): Promise<Run>;
  abstract updateRunInfo(runId: string, options: UpdateRunOptions): Promise<RunInfo>;
  abstract deleteRun(runId: string): Promise<void>;
  abstract restoreRun(runId: string): Promise<void>;
  abstract deleteTag(runId: string, key: string): Promise<void>;
  abstract logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  abstract getMetricHistory(
    runId: string,
    key: string,
    options?: MetricHistoryOptions,
  ): Promise<PagedList<Metric>>;
  abstract searchRuns(options: SearchRunsOptions): Promise<PagedList<Run>>;

  logMetric(runId: string, metric: Metric): Promise<void> {
    return this.logBatch(runId, { metrics: [metric] });
  }
  logParam(runId: string, param: Param): Promise<void> {
    return this.logBatch(runId, { params: [param] });
  }
  setTag(runId: string, tag: RunTag): Promise<void> {
    return this.logBatch(runId, { tags: [tag] });
  }
  async close(): Promise<void> {}
  async logInputs(_runId: string, _inputs: LogInputsInput): Promise<void> {
    throw new InvalidParameterValueError(`${this.constructor.name} does not store run inputs`);
  }
}
