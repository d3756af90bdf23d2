import { InvalidDataError, InvalidParameterError } from "./errors.js";
import { Rng } from "./rng.js";

/** Train and test row indices of one fold. */
export interface Fold {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** A fold given by the caller: its test rows (the rest train), or both lists. */
export type FoldInput =
  | ArrayLike<number>
  | { readonly train: ArrayLike<number>; readonly test: ArrayLike<number> };

/**
 * K folds over `n` rows: optionally shuffled (seeded), optionally stratified by label (each class
 * spread round-robin over the folds). Fold sizes differ by at most one.
 */
export function makeFolds(
  n: number,
  nfold: number,
  opts: { shuffle: boolean; seed: number; stratifyBy?: Float64Array },
): Fold[] {
  if (!Number.isInteger(nfold) || nfold < 2)
    throw new InvalidParameterError("nfold", `nfold must be an integer >= 2, got ${nfold}`);
  if (nfold > n) throw new InvalidDataError(`nfold ${nfold} is larger than the number of rows (${n})`);
  const order = opts.shuffle
    ? new Rng(opts.seed).permutation(n)
    : Uint32Array.from({ length: n }, (_, i) => i);
  const foldOf = new Int32Array(n);
  if (opts.stratifyBy) {
    const byClass = new Map<number, number[]>();
    for (const i of order) {
      const y = opts.stratifyBy[i];
      const list = byClass.get(y);
      if (list) list.push(i);
      else byClass.set(y, [i]);
    }
    let next = 0;
    for (const y of [...byClass.keys()].sort((a, b) => a - b)) {
      for (const i of byClass.get(y)!) foldOf[i] = next++ % nfold;
    }
  } else {
    // contiguous blocks of the (shuffled) order, as scikit-learn's KFold
    for (let f = 0, start = 0; f < nfold; f++) {
      const size = Math.floor(n / nfold) + (f < n % nfold ? 1 : 0);
      for (let j = start; j < start + size; j++) foldOf[order[j]] = f;
      start += size;
    }
  }
  return Array.from({ length: nfold }, (_, f) => split(n, (i) => foldOf[i] === f));
}

function split(n: number, isTest: (i: number) => boolean): Fold {
  const test: number[] = [];
  const train: number[] = [];
  for (let i = 0; i < n; i++) (isTest(i) ? test : train).push(i);
  return { train: Uint32Array.from(train), test: Uint32Array.from(test) };
}

/** Checks folds given by the caller and fills in the training rows. */
export function foldsFromInput(n: number, folds: readonly FoldInput[]): Fold[] {
  if (folds.length < 2)
    throw new InvalidParameterError("folds", `cv() needs at least 2 folds, got ${folds.length}`);
  return folds.map((f, k) => {
    const check = (rows: ArrayLike<number>, what: string) => {
      const out = new Uint32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        if (!Number.isInteger(r) || r < 0 || r >= n)
          throw new InvalidDataError(
            `fold ${k} ${what} row ${r} is not a row index of the pool (0..${n - 1})`,
          );
        out[i] = r;
      }
      if (out.length === 0) throw new InvalidDataError(`fold ${k} has no ${what} rows`);
      return out;
    };
    if ("test" in f && "train" in f && !Array.isArray(f) && !ArrayBuffer.isView(f))
      return { train: check(f.train, "train"), test: check(f.test, "test") };
    const test = check(f as ArrayLike<number>, "test");
    const isTest = new Uint8Array(n);
    for (const r of test) isTest[r] = 1;
    return { train: check(split(n, (i) => isTest[i] === 1).train, "train"), test };
  });
}
