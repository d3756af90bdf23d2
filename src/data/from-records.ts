import { ColumnNotFoundError, ColumnTypeError, DataArgumentError } from "./errors.js";
import { COLUMN_KINDS, type Column, type ColumnKind, type Table, tableFromTrusted } from "./table.js";

/** Options of {@link fromRecords}. */
export interface FromRecordsOptions {
  /** Force a column's kind instead of inferring it (numbers become their decimal text for `"text"`). */
  dtypes?: Readonly<Record<string, ColumnKind>>;
  /** Column order (and subset). Default: keys in order of first appearance over all rows. */
  columns?: readonly string[];
}

/**
 * Builds a table from an array of plain objects, as pandas' `DataFrame(records)`: the columns are
 * the keys in order of first appearance; a key absent from a row, `null`, `undefined` and `NaN` are
 * missing. A column is numeric when all its present values are numbers (booleans count as 0/1
 * only when forced with `dtypes`), otherwise text (numbers and booleans in it become strings).
 * Strings are kept as they are: `"NA"` is not missing here (no CSV rules apply).
 *
 * @throws {@link DataArgumentError} when a value is an object or array, or `rows` is not an array.
 *
 * @example
 * ```ts
 * import { fromRecords } from "tunelab/data";
 * const t = fromRecords([{ lot: 8450, zone: "RL" }, { lot: 9600 }, { lot: null, zone: "RM" }]);
 * t.column("lot");  // Float64Array [8450, 9600, NaN]
 * t.column("zone"); // ["RL", null, "RM"]
 * ```
 */
export function fromRecords(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: FromRecordsOptions = {},
): Table {
  if (!Array.isArray(rows))
    throw new DataArgumentError(`fromRecords(): rows must be an array, got ${typeof rows}`);
  const { dtypes = {} } = options;
  let names: string[];
  if (options.columns) names = [...options.columns];
  else {
    const seen = new Set<string>();
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === null || typeof row !== "object" || Array.isArray(row))
        throw new DataArgumentError(`fromRecords(): row ${r} must be an object, got ${JSON.stringify(row)}`);
      for (const k of Object.keys(row)) seen.add(k);
    }
    names = [...seen];
  }
  for (const [name, kind] of Object.entries(dtypes)) {
    if (!names.includes(name)) throw new ColumnNotFoundError(name, names, "dtypes of fromRecords()");
    if (!(COLUMN_KINDS as readonly string[]).includes(kind))
      throw new DataArgumentError(
        `fromRecords(): invalid dtype for column "${name}": ${JSON.stringify(kind)} (expected ${COLUMN_KINDS.join(" | ")})`,
      );
  }
  const cols: Column[] = names.map((name) =>
    buildColumn(rows, name, Object.hasOwn(dtypes, name) ? dtypes[name] : undefined),
  );
  return tableFromTrusted(names, cols);
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

function buildColumn(
  rows: readonly Readonly<Record<string, unknown>>[],
  name: string,
  forced: ColumnKind | undefined,
): Column {
  const n = rows.length;
  const values = new Array<unknown>(n);
  let allNumbers = true;
  for (let r = 0; r < n; r++) {
    const v = rows[r]?.[name];
    if (v !== null && typeof v === "object")
      throw new DataArgumentError(
        `fromRecords(): row ${r}, column "${name}" holds an object or array: ${JSON.stringify(v)}`,
      );
    values[r] = v;
    if (!isMissing(v) && typeof v !== "number") allNumbers = false;
  }
  const kind = forced ?? (allNumbers ? "number" : "text");
  if (kind === "number") {
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const v = values[r];
      if (isMissing(v)) out[r] = Number.NaN;
      else if (typeof v === "number") out[r] = v;
      else if (typeof v === "boolean") out[r] = v ? 1 : 0;
      else {
        const x = typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
        if (Number.isNaN(x))
          throw new ColumnTypeError(
            name,
            `column "${name}" is forced to "number" but row ${r} holds ${JSON.stringify(v)}`,
          );
        out[r] = x;
      }
    }
    return out;
  }
  const out = new Array<string | null>(n);
  for (let r = 0; r < n; r++) {
    const v = values[r];
    out[r] = isMissing(v) ? null : String(v);
  }
  return out;
}
