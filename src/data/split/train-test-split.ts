import { DataArgumentError } from "../errors.js";
import { encodeLabels, rowCount } from "./checks.js";
import { NumpyRandomState, randomSeed } from "./numpy-random-state.js";
import type { Fold, Labels } from "./splitter.js";

/** Options of {@link trainTestSplit}; sizes as scikit-learn's `train_test_split`. */
export interface TrainTestSplitOptions {
  /** Share (0..1, exclusive) or count of test rows. Default 0.25 (the complement of `trainSize` when that is given). */
  testSize?: number;
  /** Share (0..1, exclusive) or count of train rows. Default: all rows not in the test set. */
  trainSize?: number;
  /** Shuffle before splitting. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffle; the same seed gives scikit-learn's split for `random_state=seed`. Default: random. */
  seed?: number;
  /** Class labels to stratify on (scikit-learn's `stratify=y`); needs `shuffle`. */
  stratify?: Labels;
}

/**
 * Splits rows into one train and one test set, as scikit-learn's `train_test_split` (through
 * `ShuffleSplit`, or `StratifiedShuffleSplit` with `stratify`): the test set has
 * `ceil(testSize * n)` rows, the train set `floor(trainSize * n)` or the rest. The returned
 * positions are in scikit-learn's order (the shuffled order), not sorted.
 *
 * @example
 * ```ts
 * import { trainTestSplit } from "tunelab/data";
 * const { train, test } = trainTestSplit(100, { testSize: 0.2, seed: 42 });
 * train.length; // 80
 * // table.rows(train), table.rows(test)
 * ```
 */
export function trainTestSplit(
  rows: number | { readonly nRows: number },
  options: TrainTestSplitOptions = {},
): Fold {
  const where = "trainTestSplit()";
  const n = rowCount(rows, where);
  const { shuffle = true, stratify } = options;
  if (
    options.seed !== undefined &&
    (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff)
  )
    throw new DataArgumentError(`${where}: seed must be an integer in [0, 2^32 - 1], got ${options.seed}`);
  const [nTrain, nTest] = splitSizes(n, options.testSize, options.trainSize, where);
  if (!shuffle) {
    if (stratify !== undefined)
      throw new DataArgumentError(`${where}: stratify needs shuffle: true (scikit-learn rejects it too)`);
    const train = new Uint32Array(nTrain);
    const test = new Uint32Array(nTest);
    for (let i = 0; i < nTrain; i++) train[i] = i;
    for (let i = 0; i < nTest; i++) test[i] = nTrain + i;
    return { train, test };
  }
  const rng = new NumpyRandomState(options.seed ?? randomSeed());
  if (stratify === undefined) {
    const perm = rng.permutation(n);
    return { test: perm.slice(0, nTest), train: perm.slice(nTest, nTest + nTrain) };
  }
  return stratifiedShuffleSplit(n, stratify, nTrain, nTest, rng, where);
}

function splitSizes(
  n: number,
  testSize: number | undefined,
  trainSize: number | undefined,
  where: string,
): [number, number] {
  const check = (name: string, v: number | undefined) => {
    if (v === undefined) return;
    const ok = Number.isInteger(v) ? v > 0 && v < n : v > 0 && v < 1;
    if (!ok)
      throw new DataArgumentError(
        `${where}: ${name} must be a share in (0, 1) or a row count in [1, ${n - 1}] for ${n} rows, got ${v}`,
      );
  };
  check("testSize", testSize);
  check("trainSize", trainSize);
  const size = (v: number, round: (x: number) => number) => (Number.isInteger(v) ? v : round(v * n));
  let nTest = testSize === undefined ? undefined : size(testSize, Math.ceil);
  let nTrain = trainSize === undefined ? undefined : size(trainSize, Math.floor);
  if (nTest === undefined && nTrain === undefined) nTest = Math.ceil(0.25 * n);
  if (nTrain === undefined) nTrain = n - (nTest as number);
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n)
    throw new DataArgumentError(`${where}: train (${nTrain}) and test (${nTest}) rows exceed the ${n} rows`);
  if (nTrain === 0) throw new DataArgumentError(`${where}: the train set would be empty (${n} rows)`);
  return [nTrain, nTest];
}

/** scikit-learn's `StratifiedShuffleSplit`, first split. */
function stratifiedShuffleSplit(
  n: number,
  y: Labels,
  nTrain: number,
  nTest: number,
  rng: NumpyRandomState,
  where: string,
): Fold {
  const { codes, sortedIds, nClasses } = encodeLabels(y, n, where);
  const counts = new Array<number>(nClasses).fill(0);
  // Classes indexed in sorted label order, as numpy.unique returns them.
  const cls = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    cls[i] = sortedIds[codes[i]];
    counts[cls[i]]++;
  }
  if (Math.min(...counts) < 2)
    throw new DataArgumentError(
      `${where}: the least populated class in stratify has only 1 member; each class needs 2`,
    );
  if (nTrain < nClasses || nTest < nClasses)
    throw new DataArgumentError(
      `${where}: the train (${nTrain}) and test (${nTest}) sizes must be at least the number of classes (${nClasses})`,
    );
  const classRows: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < n; i++) classRows[cls[i]].push(i);
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(
    counts.map((c, k) => c - nI[k]),
    nTest,
    rng,
  );
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k < nClasses; k++) {
    const perm = rng.permutation(counts[k]);
    for (let j = 0; j < nI[k]; j++) train.push(classRows[k][perm[j]]);
    for (let j = nI[k]; j < nI[k] + tI[k]; j++) test.push(classRows[k][perm[j]]);
  }
  return { train: rng.shuffle(Uint32Array.from(train)), test: rng.shuffle(Uint32Array.from(test)) };
}

/**
 * scikit-learn's `_approximate_mode`: the most likely class counts of `nDraws` draws without
 * replacement; the rounding remainder goes to the classes with the largest fractional parts,
 * ties broken at random.
 */
function approximateMode(counts: number[], nDraws: number, rng: NumpyRandomState): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = Math.trunc(nDraws - floored.reduce((a, b) => a + b, 0));
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, needToAdd);
      const chosen = rng.permutation(inds.length).slice(0, addNow);
      for (const c of chosen) floored[inds[c]]++;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}
