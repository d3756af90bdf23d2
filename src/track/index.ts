/**
 * tunelab/track: experiment tracking with MLflow's data model, search syntax and limits.
 * `TrackingClient` is the full API; the fluent functions (`startRun`, `logMetric`, `withRun`,
 * ...) keep an active run as MLflow's `mlflow.*` functions do.
 * @module
 */
export type { ArtifactRepository } from "./artifacts/artifact-repository.js";
export {
  artifactRepositoryFor,
  LocalArtifactRepository,
  normalizeArtifactPath,
} from "./artifacts/local-artifact-repository.js";
export {
  type ClientSearchExperimentsOptions,
  type ClientSearchRunsOptions,
  TrackingClient,
} from "./client.js";
export {
  type Dataset,
  type DatasetInput,
  type Experiment,
  type ExperimentTag,
  type FileInfo,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  type Metric,
  type PagedList,
  type Param,
  RUN_STATUSES,
  type Run,
  type RunData,
  type RunInfo,
  type RunInputs,
  type RunStatus,
  type RunTag,
  SYSTEM_TAGS,
  TERMINAL_RUN_STATUSES,
  VIEW_TYPES,
  type ViewType,
} from "./entities.js";
export {
  InvalidParameterValueError,
  InvalidStateError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
  TRACKING_ERROR_CODES,
  TrackingError,
  type TrackingErrorCode,
} from "./errors.js";
export {
  activeRun,
  endRun,
  getTrackingClient,
  getTrackingUri,
  logArtifact,
  logArtifacts,
  logMetric,
  logMetrics,
  logParam,
  logParams,
  type StartRunOptions,
  setExperiment,
  setTag,
  setTags,
  setTrackingUri,
  startRun,
  withRun,
} from "./fluent.js";
export {
  type ImportMlflowOptions,
  type ImportMlflowReport,
  importMlflowFileStore,
  parseMetricLines,
} from "./import/mlflow-file-store.js";
export {
  type ClauseNode,
  type Comparator,
  type FilterEntity,
  type FilterNode,
  isBooleanNode,
  type OrderByClause,
  parseFilter,
  parseOrderBy,
  printFilter,
  printOrderBy,
} from "./search/index.js";
export { RestTrackingStore, type RestTrackingStoreOptions } from "./store/rest.js";
export { SqlTrackingStore, type SqlTrackingStoreOptions } from "./store/sql/sql-tracking-store.js";
export {
  type CreateRunOptions,
  type ImportedRun,
  type LogBatchInput,
  type LogInputsInput,
  type MetricHistoryOptions,
  type SearchExperimentsOptions,
  type SearchRunsOptions,
  type TrackingStore,
  TrackingStoreBase,
  type UpdateRunOptions,
} from "./store/store.js";
export {
  defaultTrackingUri,
  openTrackingStore,
  parseTrackingUri,
  type TrackingLocation,
} from "./store/tracking-uri.js";
export { TRACKING_LIMITS } from "./validation.js";
