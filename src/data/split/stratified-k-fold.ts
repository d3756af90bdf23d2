import { DataArgumentError } from "../errors.js";
import { checkSplitOptions, encodeLabels, rowCount } from "./checks.js";
import { NumpyRandomState, randomSeed } from "./numpy-random-state.js";
import type { Fold, Splitter, SplitterOptions } from "./splitter.js";

/** Options of {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions extends SplitterOptions {}

/**
 * Stratified k-fold, as scikit-learn's `StratifiedKFold` (since 0.22): each fold holds about the
 * same share of every class. Classes (in order of first appearance) are dealt round-robin over the folds
 * to fix how many rows of each class every fold gets; the rows of a class are then assigned to
 * folds in blocks, in row order (the block labels shuffled per class when `shuffle`). With the same
 * `seed` the folds equal scikit-learn's.
 *
 * @throws {@link DataArgumentError} when every class has fewer rows than `nSplits`.
 *
 * @example
 * ```ts
 * import { stratifiedKFold } from "tunelab/data";
 * const y = [0, 0, 0, 1, 1, 1];
 * stratifiedKFold({ nSplits: 3 }).split(y.length, y).map((f) => [...f.test]); // [[0, 3], [1, 4], [2, 5]]
 * ```
 */
export function stratifiedKFold(options: StratifiedKFoldOptions = {}): Splitter {
  const { nSplits = 5, shuffle = false } = options;
  checkSplitOptions("stratifiedKFold()", nSplits, shuffle, options.seed);
  const seed = shuffle ? (options.seed ?? randomSeed()) : undefined;
  return {
    nSplits,
    split(rows, y) {
      const where = "stratifiedKFold().split()";
      const n = rowCount(rows, where);
      const { codes, nClasses } = encodeLabels(y, n, where);
      const counts = new Int32Array(nClasses);
      for (let i = 0; i < n; i++) counts[codes[i]]++;
      if (counts.every((c) => c < nSplits))
        throw new DataArgumentError(
          `${where}: nSplits=${nSplits} cannot be greater than the number of members in each class (largest class has ${Math.max(...counts)})`,
        );
      if (nSplits > n)
        throw new DataArgumentError(`${where}: nSplits=${nSplits} is greater than the number of rows ${n}`);
      // allocation[f][k]: rows of class k in fold f, from dealing the class-sorted rows round-robin.
      const allocation = Array.from({ length: nSplits }, () => new Int32Array(nClasses));
      let pos = 0;
      for (let k = 0; k < nClasses; k++)
        for (let j = 0; j < counts[k]; j++, pos++) allocation[pos % nSplits][k]++;
      const rng = seed === undefined ? null : new NumpyRandomState(seed);
      const testFold = new Int32Array(n);
      const rowsOfClass: number[][] = Array.from({ length: nClasses }, () => []);
      for (let i = 0; i < n; i++) rowsOfClass[codes[i]].push(i);
      for (let k = 0; k < nClasses; k++) {
        const blocks = new Int32Array(counts[k]);
        let b = 0;
        for (let f = 0; f < nSplits; f++) for (let j = 0; j < allocation[f][k]; j++) blocks[b++] = f;
        if (rng) rng.shuffle(blocks);
        rowsOfClass[k].forEach((row, j) => {
          testFold[row] = blocks[j];
        });
      }
      const folds: Fold[] = [];
      for (let f = 0; f < nSplits; f++) {
        const test: number[] = [];
        const train: number[] = [];
        for (let i = 0; i < n; i++) (testFold[i] === f ? test : train).push(i);
        folds.push({ train: Uint32Array.from(train), test: Uint32Array.from(test) });
      }
      return folds;
    },
  };
}
