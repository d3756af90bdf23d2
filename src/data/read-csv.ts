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

  const cols: Column[] = new Array(nCols);
  for (let c = 0; c < nCols; c++) {
    const forced = Object.hasOwn(dtypes, names[c]) ? dtypes[names[c]] : undefined;
    // pandas gives an empty frame object columns: keep header-only files as text.
    const kind = forced ?? (nRows === 0 ? "text" : undefined);
    cols[c] = buildColumn(rows, c, names[c], naSets[c], kind);
  }
  return tableFromTrusted(names, cols);
}

function buildColumn(
  rows: string[][],
  c: number,
  name: string,
  na: NaMatcher,
  kind: ColumnKind | undefined,
): Column {
  const nRows = rows.length - 1;
  if (kind !== "text") {
    // Most cells of a numeric column are numbers: parse first, and look the cell up in the
    // missing-value set only when it is not a number or when a missing-value string is numeric.
    const numericNa = numericNaStrings(na);
    const out = new Float64Array(nRows);
    let numeric = true;
    for (let r = 0; r < nRows; r++) {
      const row = rows[r + 1];
      if (c >= row.length) {
        out[r] = Number.NaN;
        continue;
      }
      const cell = row[c];
      const v = parseNumber(cell);
      if (v !== undefined) {
        out[r] = numericNa?.has(cell) ? Number.NaN : v;
        continue;
      }
      if (na.has(cell)) {
        out[r] = Number.NaN;
        continue;
      }
      if (kind === "number")
        throw new ColumnTypeError(
          name,
          `column "${name}" is forced to "number" but data row ${r + 1} holds ${JSON.stringify(cell)}`,
        );
      numeric = false;
      break;
    }
    if (numeric) return out;
  }
  const out = new Array<string | null>(nRows);
  for (let r = 0; r < nRows; r++) {
    const row = rows[r + 1];
    const cell = c < row.length ? row[c] : null;
    out[r] = cell === null || na.has(cell) ? null : cell;
  }
  return out;
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
