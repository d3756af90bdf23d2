/** Run statuses as MLflow numbers them (RUNNING = 1 ... KILLED = 5). */
export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
/** One of {@link RUN_STATUSES}. */
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Statuses that end a run. */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ["FINISHED", "FAILED", "KILLED"];

/** Whether an experiment or run is deleted (soft delete; `restore*` brings it back). */
export const LIFECYCLE_STAGES = ["active", "deleted"] as const;
/** One of {@link LIFECYCLE_STAGES}. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Which runs or experiments a search returns, by lifecycle stage. */
export const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;
/** One of {@link VIEW_TYPES}. */
export type ViewType = (typeof VIEW_TYPES)[number];

/** A key/value tag of a run or experiment. */
export interface RunTag {
  readonly key: string;
  readonly value: string;
}
/** A tag of an experiment. */
export type ExperimentTag = RunTag;

/** A run parameter; once logged its value never changes. */
export interface Param {
  readonly key: string;
  readonly value: string;
}

/** One logged metric value. */
export interface Metric {
  readonly key: string;
  /** Any double, NaN and ±Infinity included. */
  readonly value: number;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** Training step; 0 when not given. */
  readonly step: number;
}

/** An experiment: a named group of runs. */
export interface Experiment {
  /** Opaque id; the SQL store counts "0" (Default), "1", "2"... */
  readonly experimentId: string;
  readonly name: string;
  /** Where runs of this experiment put artifacts (a `file://` URI for local artifacts). */
  readonly artifactLocation: string;
  readonly lifecycleStage: LifecycleStage;
  readonly tags: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch. */
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

/** A run's identity and state. */
export interface RunInfo {
  /** 32 lower-case hex characters. */
  readonly runId: string;
  readonly experimentId: string;
  readonly runName: string;
  readonly status: RunStatus;
  readonly startTime: number;
  /** `null` while the run has not ended. */
  readonly endTime: number | null;
  readonly artifactUri: string;
  readonly lifecycleStage: LifecycleStage;
  readonly userId: string;
}

/** What a run logged: the latest value of each metric, its params and tags. */
export interface RunData {
  /** Latest value per key (max by step, then timestamp, then value), sorted by key. */
  readonly metrics: readonly Metric[];
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** A data set a run used (MLflow's `Dataset`): identified within an experiment by name and digest. */
export interface Dataset {
  readonly name: string;
  /** A short content hash (at most 36 characters). */
  readonly digest: string;
  /** Kind of source, e.g. "local", "http", "code". */
  readonly sourceType: string;
  /** Where the data comes from, usually JSON such as `{"uri": "..."}`. */
  readonly source: string;
  /** JSON schema of the data, when known. */
  readonly schema?: string;
  /** JSON summary (row count, ...), when known. */
  readonly profile?: string;
}

/** A data set used by a run, with tags of that use (e.g. `mlflow.data.context` = "training"). */
export interface DatasetInput {
  readonly dataset: Dataset;
  readonly tags: readonly RunTag[];
}

/** What a run consumed (MLflow's `RunInputs`). */
export interface RunInputs {
  readonly datasetInputs: readonly DatasetInput[];
  /** Logged models the run used, by id. */
  readonly modelInputs: readonly { readonly modelId: string }[];
}

/** A run as stores return it: a snapshot that later writes never change. */
export interface Run {
  readonly info: RunInfo;
  readonly data: RunData;
  /** Inputs logged with `logInputs`; absent or empty when none (or the store keeps none). */
  readonly inputs?: RunInputs;
}

/** A file or folder in a run's artifacts. */
export interface FileInfo {
  /** Relative to the run's artifact root, `/`-separated. */
  readonly path: string;
  readonly isDir: boolean;
  /** Bytes; absent for folders. */
  readonly fileSize?: number;
}

/** One page of results and the token for the next page (absent on the last page). */
export interface PagedList<T> {
  readonly items: T[];
  readonly nextPageToken?: string;
}

/** Tag keys MLflow's clients and UI give a meaning to. */
export const SYSTEM_TAGS = {
  runName: "mlflow.runName",
  parentRunId: "mlflow.parentRunId",
  user: "mlflow.user",
  sourceName: "mlflow.source.name",
  sourceType: "mlflow.source.type",
  note: "mlflow.note.content",
} as const;
