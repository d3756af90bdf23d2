import { DataArgumentError } from "../errors.js";
import type { Labels } from "./splitter.js";

/** The row count of `split()`'s first argument, validated. */
export function rowCount(rows: number | { readonly nRows: number }, where: string): number {
  const n = typeof rows === "number" ? rows : rows?.nRows;
  if (!Number.isInteger(n) || (n as number) < 0)
    throw new DataArgumentError(`${where}: rows must be a row count or a table, got ${String(rows)}`);
  return n as number;
}

/** Validates nSplits / shuffle / seed as scikit-learn does. */
export function checkSplitOptions(
  where: string,
  nSplits: number,
  shuffle: boolean,
  seed: number | undefined,
): void {
  if (!Number.isInteger(nSplits) || nSplits < 2)
    throw new DataArgumentError(`${where}: nSplits must be an integer >= 2, got ${nSplits}`);
  if (seed !== undefined && !shuffle)
    throw new DataArgumentError(
      `${where}: seed has no effect without shuffle: true (scikit-learn rejects it too)`,
    );
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff))
    throw new DataArgumentError(`${where}: seed must be an integer in [0, 2^32 - 1], got ${seed}`);
}

/**
 * Encodes labels as class ids. `sorted`: ids in sorted order of the labels (numpy.unique);
 * otherwise ids in order of first appearance.
 */
export function encodeLabels(
  y: Labels | undefined,
  n: number,
  where: string,
): { codes: Int32Array; sortedIds: Int32Array; nClasses: number } {
  if (y === undefined || y === null) throw new DataArgumentError(`${where}: labels y are required`);
  if (y.length !== n) throw new DataArgumentError(`${where}: y has ${y.length} labels, there are ${n} rows`);
  const firstSeen = new Map<number | string, number>();
  const codes = new Int32Array(n);
  let kind: string | undefined;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)))
      throw new DataArgumentError(`${where}: label at row ${i} is missing`);
    if (kind === undefined) kind = typeof v;
    else if (kind !== typeof v)
      throw new DataArgumentError(`${where}: labels mix numbers and strings (row ${i})`);
    let id = firstSeen.get(v);
    if (id === undefined) {
      id = firstSeen.size;
      firstSeen.set(v, id);
    }
    codes[i] = id;
  }
  const labels = [...firstSeen.keys()];
  const order = labels.map((_, i) => i);
  order.sort((a, b) => compareLabels(labels[a], labels[b]));
  // sortedIds[firstSeenId] = rank of that label in sorted order.
  const sortedIds = new Int32Array(labels.length);
  order.forEach((id, rank) => {
    sortedIds[id] = rank;
  });
  return { codes, sortedIds, nClasses: labels.length };
}

function compareLabels(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Train rows = all rows not in `test`, ascending. */
export function complement(n: number, test: ArrayLike<number>): Uint32Array {
  const inTest = new Uint8Array(n);
  for (let i = 0; i < test.length; i++) inTest[test[i]] = 1;
  const train = new Uint32Array(n - test.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (!inTest[i]) train[k++] = i;
  return train;
}
