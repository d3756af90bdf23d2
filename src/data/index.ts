/**
 * tunelab/data: tables (CSV / JSON loading with pandas' missing-value and type rules),
 * preprocessing with scikit-learn's fit / transform semantics, and cross-validation splitters
 * that reproduce scikit-learn's folds for the same seed.
 *
 * @example
 * ```ts
 * import { kFold, MinMaxScaler, readCsv, SimpleImputer, Pipeline } from "tunelab/data";
 * const table = readCsv("../shared/data/house-prices/train.csv");
 * for (const { train, test } of kFold({ nSplits: 5, shuffle: true, seed: 0 }).split(table)) {
 *   const prep = new Pipeline([new SimpleImputer({ strategy: "mostFrequent" }), new MinMaxScaler()]);
 *   const x = table.select(table.numericColumns());
 *   const xTrain = prep.fitTransform(x.rows(train)); // fitted on the training rows only
 *   const xTest = prep.transform(x.rows(test));
 * }
 * ```
 * @module
 */
export {
  ColumnNotFoundError,
  ColumnTypeError,
  CsvParseError,
  DATA_ERROR_CODES,
  DataArgumentError,
  NotFittedError,
  TunelabError,
  UnknownCategoryError,
} from "./errors.js";
export { type FromRecordsOptions, fromRecords } from "./from-records.js";
export { type NaValues, PANDAS_NA_VALUES } from "./na-values.js";
export { parseNumber } from "./parse-number.js";
export type { Category } from "./preprocessing/categories.js";
export {
  type ColumnSelector,
  type ColumnSelectorOptions,
  columnSelector,
} from "./preprocessing/column-selector.js";
export {
  type ColumnStep,
  ColumnTransformer,
  type ColumnTransformerOptions,
  type ColumnTransformerSpec,
} from "./preprocessing/column-transformer.js";
export { MinMaxScaler, type MinMaxScalerOptions } from "./preprocessing/min-max-scaler.js";
export {
  ONE_HOT_DROP,
  ONE_HOT_HANDLE_UNKNOWN,
  OneHotEncoder,
  type OneHotEncoderOptions,
} from "./preprocessing/one-hot-encoder.js";
export {
  ORDINAL_HANDLE_UNKNOWN,
  OrdinalEncoder,
  type OrdinalEncoderOptions,
} from "./preprocessing/ordinal-encoder.js";
export { Pipeline, type PipelineStep } from "./preprocessing/pipeline.js";
export {
  IMPUTER_STRATEGIES,
  type ImputerStrategy,
  SimpleImputer,
  type SimpleImputerOptions,
} from "./preprocessing/simple-imputer.js";
export { StandardScaler, type StandardScalerOptions } from "./preprocessing/standard-scaler.js";
export { type Transformer, TransformerBase } from "./preprocessing/transformer.js";
export { parseCsv, type ReadCsvOptions, readCsv } from "./read-csv.js";
export { readJson } from "./read-json.js";
export { type FoldIndices, fromFoldIndices } from "./split/from-fold-indices.js";
export { type KFoldOptions, kFold } from "./split/k-fold.js";
export { NumpyRandomState } from "./split/numpy-random-state.js";
export type { Fold, Labels, Splitter, SplitterOptions } from "./split/splitter.js";
export { type StratifiedKFoldOptions, stratifiedKFold } from "./split/stratified-k-fold.js";
export { type TrainTestSplitOptions, trainTestSplit } from "./split/train-test-split.js";
export {
  COLUMN_KINDS,
  type Column,
  type ColumnInput,
  type ColumnKind,
  fromColumns,
  isNumericColumn,
  type NumericColumn,
  Table,
  type TableRecord,
  type TextColumn,
} from "./table.js";
export { type ToCsvOptions, toCsv } from "./to-csv.js";
