/** One train/validation split: 0-based row positions. */
export interface Fold {
  /** Rows to fit on (ascending for the k-fold splitters; in scikit-learn's shuffled order for trainTestSplit). */
  readonly train: Uint32Array;
  /** Rows to evaluate on (ascending for kFold and stratifiedKFold; as given for fromFoldIndices). */
  readonly test: Uint32Array;
}

/** Labels for stratified splitting: one class per row (numbers or strings, no missing values). */
export type Labels = ArrayLike<number | string | null | undefined>;

/**
 * A cross-validation splitter (scikit-learn's `KFold`, `StratifiedKFold`, `PredefinedSplit`).
 * `split` is a pure function of its arguments and the splitter's options: calling it twice gives
 * the same folds (a splitter built without a seed draws one at construction).
 */
export interface Splitter {
  /** Number of folds `split` returns. */
  readonly nSplits: number;
  /**
   * The folds over `rows` rows (a count, or anything with `nRows` such as a {@link Table}).
   * Stratified splitters need `y`; the others ignore it.
   * @throws {@link DataArgumentError} when there are fewer rows than folds, `y` is missing or of
   *   the wrong length, or (for {@link fromFoldIndices}) the folds do not cover the rows.
   */
  split(rows: number | { readonly nRows: number }, y?: Labels): Fold[];
}

/** Options shared by the splitters. */
export interface SplitterOptions {
  /** Number of folds, at least 2. Default 5. */
  nSplits?: number;
  /** Shuffle rows before splitting. Default false. */
  shuffle?: boolean;
  /**
   * Seed of the shuffle: the same seed gives the same folds as scikit-learn's
   * `random_state=seed` (NumPy's `RandomState`). Only allowed with `shuffle: true`. Default: random.
   */
  seed?: number;
}
