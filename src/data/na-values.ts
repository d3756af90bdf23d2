/**
 * The strings pandas' `read_csv` reads as missing by default (`pandas._libs.parsers.STR_NA_VALUES`,
 * checked against pandas 3.1). Matching is exact: `" NA"` or `"na"` are not missing.
 */
export const PANDAS_NA_VALUES: readonly string[] = Object.freeze([
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "-1.#IND",
  "-1.#QNAN",
  "-NaN",
  "-nan",
  "1.#IND",
  "1.#QNAN",
  "<NA>",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "None",
  "n/a",
  "nan",
  "null",
]);

/** `naValues` of {@link ReadCsvOptions}: one list for every column, or a list per column name. */
export type NaValues = readonly string[] | Readonly<Record<string, readonly string[]>>;

/**
 * The set of missing-value strings for each column, following pandas' rules: with
 * `keepDefaultNa` the defaults are extended by `naValues` (a list applies to every column, a
 * record to the named columns); without it only `naValues` count (and nothing when absent).
 */
export function naSetsFor(
  columns: readonly string[],
  naValues: NaValues | undefined,
  keepDefaultNa: boolean,
): Set<string>[] {
  const base = keepDefaultNa ? PANDAS_NA_VALUES : [];
  if (naValues === undefined || Array.isArray(naValues)) {
    const shared = new Set<string>([...base, ...((naValues as readonly string[] | undefined) ?? [])]);
    return columns.map(() => shared);
  }
  const perColumn = naValues as Readonly<Record<string, readonly string[]>>;
  const shared = new Set<string>(base);
  return columns.map((c) =>
    Object.hasOwn(perColumn, c) ? new Set<string>([...base, ...perColumn[c].map(String)]) : shared,
  );
}
