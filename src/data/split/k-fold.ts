import { DataArgumentError } from "../errors.js";
import { checkSplitOptions, complement, rowCount } from "./checks.js";
import { NumpyRandomState, randomSeed } from "./numpy-random-state.js";
import type { Fold, Splitter, SplitterOptions } from "./splitter.js";

/** Options of {@link kFold}. */
export interface KFoldOptions extends SplitterOptions {}

/**
 * K-fold cross-validation, as scikit-learn's `KFold`: the rows (shuffled when `shuffle`) are cut
 * into `nSplits` consecutive blocks, the first `n % nSplits` one row larger; each block is the
 * test set of one fold. With the same `seed` the folds equal scikit-learn's
 * `KFold(n_splits, shuffle=True, random_state=seed)` exactly.
 *
 * @example
 * ```ts
 * import { kFold } from "tunelab/data";
 * const folds = kFold({ nSplits: 5, shuffle: true, seed: 0 }).split(1460);
 * folds[0].test.length; // 292
 * ```
 */
export function kFold(options: KFoldOptions = {}): Splitter {
  const { nSplits = 5, shuffle = false } = options;
  checkSplitOptions("kFold()", nSplits, shuffle, options.seed);
  const seed = shuffle ? (options.seed ?? randomSeed()) : undefined;
  return {
    nSplits,
    split(rows) {
      const n = rowCount(rows, "kFold().split()");
      if (nSplits > n)
        throw new DataArgumentError(
          `kFold().split(): nSplits=${nSplits} is greater than the number of rows ${n}`,
        );
      const order = seed === undefined ? null : new NumpyRandomState(seed).permutation(n);
      const folds: Fold[] = [];
      let start = 0;
      for (let f = 0; f < nSplits; f++) {
        const size = Math.floor(n / nSplits) + (f < n % nSplits ? 1 : 0);
        const test = new Uint32Array(size);
        for (let i = 0; i < size; i++) test[i] = order ? order[start + i] : start + i;
        test.sort();
        folds.push({ train: complement(n, test), test });
        start += size;
      }
      return folds;
    },
  };
}
