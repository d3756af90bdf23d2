/**
 * tunelab/gbdt: CatBoost-style gradient boosting of symmetric trees in TypeScript.
 * @module
 */
export { type CvIterationCallback, type CvOptions, type CvResult, cv } from "./cv.js";
export {
  GBDT_ERROR_CODES,
  InvalidDataError,
  InvalidParameterError,
  ModelFormatError,
} from "./errors.js";
export type { FoldInput } from "./folds.js";
export type { Loss } from "./losses/loss.js";
export { LossBase } from "./losses/loss.js";
export { createLoss, LOSSES } from "./losses/registry.js";
export type { Metric } from "./metrics/metric.js";
export { createMetric, METRICS } from "./metrics/metrics.js";
export {
  type EvalsResult,
  MODEL_FORMAT,
  MODEL_VERSION,
  Model,
  type ModelData,
  type PredictOptions,
} from "./model.js";
export {
  type GbdtParams,
  type GbdtParamsInput,
  PARAM_SCHEMA,
  type ParamSpec,
  resolveParams,
} from "./params.js";
export { type ColumnData, type ColumnRecord, Pool, type PoolOptions, type TableLike } from "./pool.js";
export { type IterationCallback, type StopSignal, type TrainOptions, train } from "./train.js";
