import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { ColumnNotFoundError, ColumnTypeError, CsvParseError, DataArgumentError } from "./errors.js";
import { type NaMatcher, type NaValues, naMatchersFor } from "./na-values.js";
import { parseNumber } from "./parse-number.js";
import { COLUMN_KINDS, type Column, type ColumnKind, type Table, tableFromTrusted } from "./table.js";

/** Options of {@link readCsv} and {@link parseCsv}; the names follow pandas' `read_csv`. */
export interface ReadCsvOptions {
  /** Field separator (pandas' `sep`). Default `","`. */
  delimiter?: string;
  /**
   * Extra strings to read as missing: one list for all columns, or a record of lists by column
   * name. Added to pandas' defaults unless `keepDefaultNa` is false. Default none.
   */
  naValues?: NaValues;
  /** Whether pandas' default missing-value strings ({@link PANDAS_NA_VALUES}) apply. Default true. */
  keepDefaultNa?: boolean;
  /**
   * Force a column's kind instead of inferring it: `"text"` keeps the cells verbatim (`"007"`
   * stays `"007"`), `"number"` fails on a cell that is not a number. Default: inferred.
   */
  dtypes?: Readonly<Record<string, ColumnKind>>;
}

/**
 * Reads a CSV file (or CSV text) into a {@link Table}, as pandas' `read_csv` with its defaults
 * would:
 * - the first row names the columns (a repeated name `a` becomes `a.1`, an empty one
 *   `Unnamed: <i>`);
 * - cells equal to one of pandas' missing-value strings (`""`, `NA`, `NaN`, `null`, `N/A`,
 *   `None`, ... see {@link PANDAS_NA_VALUES}) are missing; `naValues` / `keepDefaultNa` change that;
 * - a column is numeric when every non-missing cell parses as a number (spaces around it allowed,
 *   `inf` too), otherwise text with the cells kept verbatim; `dtypes` forces a kind;
 * - fields may be quoted (`"a, b"`, `""` for a quote inside), blank lines are skipped, a short row
 *   is padded with missing values, a row with too many fields is an error.
 *
 * Differences from pandas: integer and boolean columns are not separate kinds (integers are
 * numbers, `True`/`False` cells are text); a quoted `"NA"` is missing, as in pandas.
 *
 * @param source a file path, or the CSV text itself when the string contains a line break, or
 *   the file's bytes (UTF-8).
 * @throws {@link CsvParseError} for malformed CSV, {@link ColumnTypeError} when a column forced to
 *   `"number"` holds a non-number, {@link ColumnNotFoundError} when `dtypes` or `naValues` names
 *   an unknown column, {@link DataArgumentError} when the file does not exist.
 *
 * @example
 * ```ts
 * import { readCsv } from "tunelab/data";
 * const t = readCsv("id,zone,area\n1,RL,80\n2,NA,\n3,RM,120\n");
 * t.shape;                 // [3, 3]
 * t.column("zone");        // ["RL", null, "RM"]
 * t.column("area");        // Float64Array [80, NaN, 120]
 * readCsv("../shared/data/house-prices/train.csv", { dtypes: { MSSubClass: "text" } });
 * ```
 */
export function readCsv(source: string | Uint8Array, options: ReadCsvOptions = {}): Table {
  let text: string;
  if (typeof source === "string") {
    text = /[\r\n]/.test(source) ? source : readText(source);
  } else if (source instanceof Uint8Array) {
    text = new TextDecoder("utf-8").decode(source);
  } else {
    throw new DataArgumentError(`readCsv(): source must be a path, CSV text or bytes, got ${typeof source}`);
  }
  return parseCsv(text, options);
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT")
      throw new DataArgumentError(
        `readCsv(): no such file "${path}" (a string without a line break is a path; use parseCsv() for one-line CSV text)`,
        { cause: err },
      );
    throw err;
  }
}

/**
 * Parses CSV text into a {@link Table}; {@link readCsv} without the file handling.
 *
 * @example
 * ```ts
 * import { parseCsv } from "tunelab/data";
 * parseCsv("a;b\n1;x", { delimiter: ";" }).columns; // ["a", "b"]
 * ```
 */
export function parseCsv(text: string, options: ReadCsvOptions = {}): Table {
  const { delimiter = ",", naValues, keepDefaultNa = true, dtypes = {} } = options;
  if (typeof text !== "string")
    throw new DataArgumentError(`parseCsv(): text must be a string, got ${typeof text}`);
  if (typeof delimiter !== "string" || delimiter.length === 0 || /[\r\n"]/.test(delimiter))
    throw new DataArgumentError(
      `readCsv(): delimiter must be a non-empty string without quotes or line breaks, got ${JSON.stringify(delimiter)}`,
    );
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true, header: false });
  const fatal = parsed.errors.find((e) => e.type === "Quotes" || e.type === "Delimiter");
  if (fatal)
    throw new CsvParseError(
      `malformed CSV: ${fatal.message}`,
      fatal.row === undefined ? undefined : fatal.row + 1,
    );
  const rows = parsed.data.filter((r) => !(r.length === 1 && r[0].trim() === ""));
  if (rows.length === 0) return tableFromTrusted([], []);

  const names = headerNames(rows[0]);
  const nCols = names.length;
  const nRows = rows.length - 1;
  for (let r = 1; r < rows.length; r++)
    if (rows[r].length > nCols)
      throw new CsvParseError(`expected ${nCols} fields, saw ${rows[r].length} in data row ${r}`, r + 1);

  for (const [name, kind] of Object.entries(dtypes)) {
    if (!names.includes(name)) throw new ColumnNotFoundError(name, names, "dtypes of readCsv()");
    if (!(COLUMN_KINDS as readonly string[]).includes(kind))
      throw new DataArgumentError(
        `readCsv(): invalid dtype for column "${name}": ${JSON.stringify(kind)} (expected ${COLUMN_KINDS.join(" | ")})`,
      );
  }
  if (naValues !== undefined && !Array.isArray(naValues))
    for (const name of Object.keys(naValues))
      if (!names.includes(name)) throw new ColumnNotFoundError(name, names, "naValues of readCsv()");
  const naSets = naMatchersFor(names, naValues, keepDefaultNa);

  // pandas gives an empty frame object columns: keep header-only files as text.
  const kinds = names.map((n) => (Object.hasOwn(dtypes, n) ? dtypes[n] : nRows === 0 ? "text" : undefined));
  const cols = buildColumns(rows, names, naSets, kinds);
  return tableFromTrusted(names, cols);
}

/**
 * Builds the typed columns in one pass over the rows (row by row, which keeps memory access
 * local). Every column starts numeric unless forced to text; the first cell that is neither a
 * number nor missing turns it into a text column, re-reading its earlier cells verbatim.
 */
function buildColumns(
  rows: string[][],
  names: readonly string[],
  na: readonly NaMatcher[],
  kinds: readonly (ColumnKind | undefined)[],
): Column[] {
  const nCols = names.length;
  const nRows = rows.length - 1;
  const numbers = kinds.map((k) => (k === "text" ? null : new Float64Array(nRows)));
  const texts = kinds.map((k) => (k === "text" ? new Array<string | null>(nRows) : null));
  const numericNa = na.map(numericNaStrings);
  const textCell = (row: string[], c: number): string | null => {
    const cell = c < row.length ? row[c] : null;
    return cell === null || na[c].has(cell) ? null : cell;
  };
  for (let r = 0; r < nRows; r++) {
    const row = rows[r + 1];
    const len = row.length;
    for (let c = 0; c < nCols; c++) {
      const num = numbers[c];
      if (num !== null) {
        if (c >= len) {
          num[r] = Number.NaN;
          continue;
        }
        const cell = row[c];
        const v = parseNumber(cell);
        if (v !== undefined) {
          num[r] = numericNa[c]?.has(cell) ? Number.NaN : v;
          continue;
        }
        if (na[c].has(cell)) {
          num[r] = Number.NaN;
          continue;
        }
        if (kinds[c] === "number")
          throw new ColumnTypeError(
            names[c],
            `column "${names[c]}" is forced to "number" but data row ${r + 1} holds ${JSON.stringify(cell)}`,
          );
        numbers[c] = null;
        const t = new Array<string | null>(nRows);
        for (let q = 0; q < r; q++) t[q] = textCell(rows[q + 1], c);
        texts[c] = t;
      }
      (texts[c] as (string | null)[])[r] = textCell(row, c);
    }
  }
  return numbers.map((n, c) => n ?? (texts[c] as (string | null)[]));
}

const numericNaCache = new WeakMap<NaMatcher, Set<string> | null>();

/** The missing-value strings that parse as numbers (such as "-999"), or null when there are none. */
function numericNaStrings(na: NaMatcher): Set<string> | null {
  let found = numericNaCache.get(na);
  if (found === undefined) {
    const numeric = na.values().filter((s) => parseNumber(s) !== undefined);
    found = numeric.length ? new Set(numeric) : null;
    numericNaCache.set(na, found);
  }
  return found;
}

/** pandas' header rules: empty names become `Unnamed: <i>`, repeats get `.1`, `.2`, ... */
function headerNames(header: readonly string[]): string[] {
  const raw = header.map((h, i) => (h === "" ? `Unnamed: ${i}` : h));
  const used = new Set<string>();
  const counts = new Map<string, number>();
  return raw.map((name) => {
    let out = name;
    if (used.has(out)) {
      let k = counts.get(name) ?? 0;
      do {
        k++;
        out = `${name}.${k}`;
      } while (used.has(out) || raw.includes(out));
      counts.set(name, k);
    }
    used.add(out);
    return out;
  });
}
