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
export function naMatchersFor(
  columns: readonly string[],
  naValues: NaValues | undefined,
  keepDefaultNa: boolean,
): NaMatcher[] {
  const base = keepDefaultNa ? PANDAS_NA_VALUES : [];
  if (naValues === undefined || Array.isArray(naValues)) {
    const shared = new NaMatcher([
      ...base,
      ...((naValues as readonly string[] | undefined) ?? []).map(String),
    ]);
    return columns.map(() => shared);
  }
  const perColumn = naValues as Readonly<Record<string, readonly string[]>>;
  const shared = new NaMatcher(base);
  return columns.map((c) =>
    Object.hasOwn(perColumn, c) ? new NaMatcher([...base, ...perColumn[c].map(String)]) : shared,
  );
}

/**
 * Membership test for a set of missing-value strings, with a cheap pre-filter on length and first
 * character: most cells are rejected without hashing the string.
 */
export class NaMatcher {
  private readonly set: Set<string>;
  private readonly maxLength: number;
  /** `starts[length * 128 + code]` is 1 when some member of that length starts with that ASCII code. */
  private readonly starts: Uint8Array;

  constructor(values: Iterable<string>) {
    this.set = new Set(values);
    this.maxLength = Math.max(0, ...[...this.set].map((s) => s.length));
    this.starts = new Uint8Array((this.maxLength + 1) * 128);
    for (const s of this.set) {
      const c = s.length ? s.charCodeAt(0) : 0;
      if (c < 128) this.starts[s.length * 128 + c] = 1;
    }
  }

  /** True when `cell` is one of the strings. */
  has(cell: string): boolean {
    const n = cell.length;
    if (n > this.maxLength) return false;
    const c = n ? cell.charCodeAt(0) : 0;
    if (c < 128 && this.starts[n * 128 + c] === 0) return false;
    return this.set.has(cell);
  }

  /** The member strings. */
  values(): string[] {
    return [...this.set];
  }
}
