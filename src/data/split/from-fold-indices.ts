import { DataArgumentError } from "../errors.js";
import { complement, rowCount } from "./checks.js";
import type { Fold, Splitter } from "./splitter.js";

/** The test rows of each fold, or an object holding them as `folds` (the format of `folds-5-seed0.json`). */
export type FoldIndices = readonly (readonly number[])[] | { readonly folds: readonly (readonly number[])[] };

/**
 * Replays an exact fold assignment: each list holds the 0-based test rows of one fold, and a
 * fold's train rows are all the others. Accepts the parsed JSON of a file such as
 * `house-prices/folds-5-seed0.json` (`{ "folds": [[...], ...] }`) or the bare list.
 * The folds must be disjoint, and `split(n)` checks that together they cover rows `0..n-1`.
 *
 * @throws {@link DataArgumentError} for a negative or non-integer row, a row in two folds, fewer
 *   than 2 folds, or (in `split`) rows the folds do not cover.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { fromFoldIndices } from "tunelab/data";
 * const splitter = fromFoldIndices(JSON.parse(readFileSync("folds-5-seed0.json", "utf8")));
 * const folds = splitter.split(1460); // 5 folds, test sets as in the file
 * ```
 */
export function fromFoldIndices(folds: FoldIndices): Splitter {
  const where = "fromFoldIndices()";
  const lists = Array.isArray(folds) ? folds : (folds as { folds?: unknown })?.folds;
  if (!Array.isArray(lists))
    throw new DataArgumentError(
      `${where}: expected an array of folds or an object with "folds", got ${typeof folds}`,
    );
  if (lists.length < 2) throw new DataArgumentError(`${where}: need at least 2 folds, got ${lists.length}`);
  const owner = new Map<number, number>();
  const tests = lists.map((list: unknown, f: number) => {
    if (!Array.isArray(list)) throw new DataArgumentError(`${where}: fold ${f} is not an array`);
    const test = new Uint32Array(list.length);
    list.forEach((r: unknown, i: number) => {
      if (typeof r !== "number" || !Number.isInteger(r) || r < 0 || r > 0xffffffff)
        throw new DataArgumentError(
          `${where}: fold ${f} position ${i} is not a row index: ${JSON.stringify(r)}`,
        );
      const prev = owner.get(r);
      if (prev !== undefined)
        throw new DataArgumentError(`${where}: row ${r} is in fold ${prev} and fold ${f}`);
      owner.set(r, f);
      test[i] = r;
    });
    return test;
  });
  let maxRow = -1;
  for (const r of owner.keys()) if (r > maxRow) maxRow = r;
  return {
    nSplits: tests.length,
    split(rows) {
      const n = rowCount(rows, `${where}.split()`);
      if (maxRow >= n)
        throw new DataArgumentError(
          `${where}.split(): the folds name row ${maxRow}, there are only ${n} rows`,
        );
      if (owner.size !== n) {
        let missing = 0;
        while (owner.has(missing)) missing++;
        throw new DataArgumentError(
          `${where}.split(): the folds cover ${owner.size} of ${n} rows (row ${missing} is in no fold)`,
        );
      }
      return tests.map((test): Fold => ({ train: complement(n, test), test: test.slice() }));
    },
  };
}
