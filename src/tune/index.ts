/**
 * tunelab/tune: hyperparameter optimisation with Optuna's concepts in TypeScript.
 * @module
 */
export { maxTrialsCallback } from "./callbacks.js";
export {
  type CategoricalChoice,
  CategoricalDistribution,
  checkDistributionCompatibility,
  type Distribution,
  distributionsEqual,
  distributionToJson,
  FloatDistribution,
  IntDistribution,
  jsonToDistribution,
  type ParamValue,
} from "./distributions.js";
export {
  DuplicatedStudyError,
  IncompatibleStorageError,
  InvalidArgumentError,
  InvalidStateError,
  StorageInternalError,
  StudyNotFoundError,
  TrialNotFoundError,
  TrialPruned,
  TUNE_ERROR_CODES,
  TunelabError,
  UpdateFinishedTrialError,
} from "./errors.js";
export { FixedTrial } from "./fixed-trial.js";
export {
  type CreateTrialOptions,
  createTrial,
  FrozenTrial,
  type FrozenTrialInit,
  isFinished,
  type JsonValue,
  TRIAL_STATES,
  type TrialState,
} from "./frozen-trial.js";
export { hypervolume } from "./hypervolume.js";
export type { ImportanceEvaluator } from "./importance/evaluator.js";
export { FanovaImportanceEvaluator, type FanovaImportanceEvaluatorOptions } from "./importance/fanova.js";
export {
  getParamImportances,
  type ImportanceStudy,
  type ParamImportancesOptions,
} from "./importance/param-importances.js";
export {
  PedAnovaImportanceEvaluator,
  type PedAnovaImportanceEvaluatorOptions,
} from "./importance/ped-anova.js";
export { getVerbosity, LOG_LEVELS, type LogLevel, setVerbosity, warningCounts } from "./logging.js";
export {
  dominates,
  hypervolumeHistory,
  isFeasible,
  paretoFront,
  toMinimization,
} from "./multi-objective.js";
export type { ErrorClass, OptimizeCallback, OptimizeOptions } from "./optimize.js";
export { HyperbandPruner, type HyperbandPrunerOptions } from "./pruners/hyperband.js";
export { MedianPruner, type MedianPrunerOptions } from "./pruners/median.js";
export { NopPruner } from "./pruners/nop.js";
export { PatientPruner } from "./pruners/patient.js";
export { PercentilePruner, type PercentilePrunerOptions } from "./pruners/percentile.js";
export type { Pruner } from "./pruners/pruner.js";
export {
  SuccessiveHalvingPruner,
  type SuccessiveHalvingPrunerOptions,
} from "./pruners/successive-halving.js";
export { ThresholdPruner, type ThresholdPrunerOptions } from "./pruners/threshold.js";
export { PyFloat, pyFloatRepr, pyJsonDumps, pyJsonParse } from "./py-json.js";
export { Rng } from "./rng.js";
export { BruteForceSampler, type BruteForceSamplerOptions } from "./samplers/brute-force.js";
export {
  CMA_RESTART_STRATEGIES,
  CmaEsSampler,
  type CmaEsSamplerOptions,
  type CmaRestartStrategy,
} from "./samplers/cmaes/cmaes-sampler.js";
export { GPSampler, type GPSamplerOptions } from "./samplers/gp/gp-sampler.js";
export { GridSampler, type GridSamplerOptions } from "./samplers/grid.js";
export {
  NSGA2_CROSSOVERS,
  NSGAIISampler,
  type NSGAIISamplerOptions,
  type Nsga2Crossover,
} from "./samplers/nsga2/nsga2-sampler.js";
export { PartialFixedSampler } from "./samplers/partial-fixed.js";
export { QMC_TYPES, QMCSampler, type QMCSamplerOptions, type QmcType } from "./samplers/qmc/qmc-sampler.js";
export { RandomSampler, type RandomSamplerOptions } from "./samplers/random.js";
export { RelativeSamplerBase, type RelativeSamplerOptions } from "./samplers/relative-sampler-base.js";
export type { Sampler, SamplerOptions } from "./samplers/sampler.js";
export { SamplerBase } from "./samplers/sampler-base.js";
export { TPESampler, type TPESamplerOptions } from "./samplers/tpe/tpe-sampler.js";
export { groupDecomposedSearchSpace, intersectionSearchSpace } from "./search-space.js";
export { CachedStorage, type IncrementalTrialReader } from "./storage/cached.js";
export {
  type RetryFailedTrialOptions,
  retriedTrialNumber,
  retryFailedTrialCallback,
  retryHistory,
  type StaleTrialCallback,
} from "./storage/heartbeat.js";
export { InMemoryStorage } from "./storage/memory.js";
export { resolveStorage, type StorageFactory } from "./storage/resolve.js";
export { RDBStorage, type RDBStorageOptions } from "./storage/sql/rdb-storage.js";
export {
  type FrozenStudy,
  STUDY_DIRECTIONS,
  type Storage,
  type StorageOp,
  type StudyDirection,
  type SyncedWrite,
  type SyncWork,
  type TrialChanges,
} from "./storage/storage.js";
export {
  type CreateStudyOptions,
  createStudy,
  deleteStudy,
  getAllStudySummaries,
  type LoadStudyOptions,
  loadStudy,
  type Objective,
  Study,
  type StudySummary,
  type TellOptions,
  type TrialRecord,
} from "./study.js";
export type { StudyView } from "./study-view.js";
export { BestValueStagnationEvaluator } from "./terminator/best-value-stagnation.js";
export {
  CrossValidationErrorEvaluator,
  CV_SCORES_ATTR,
  reportCrossValidationScores,
  StaticErrorEvaluator,
} from "./terminator/cross-validation-error.js";
export type { ErrorEvaluator, ImprovementEvaluator } from "./terminator/evaluator.js";
export {
  GpNoiseErrorEvaluator,
  RegretBoundEvaluator,
  type RegretBoundEvaluatorOptions,
} from "./terminator/regret-bound.js";
export {
  Terminator,
  type TerminatorOptions,
  type TerminatorStudy,
  terminatorCallback,
} from "./terminator/terminator.js";
export { type SuggestFloatOptions, type SuggestIntOptions, Trial, type TrialLike } from "./trial.js";
