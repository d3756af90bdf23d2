import { ColumnNotFoundError, ColumnTypeError, DataArgumentError } from "./errors.js";

/** A numeric column: one float per row, `NaN` where the value is missing. */
export type NumericColumn = Float64Array;
/** A text column: one string per row, `null` where the value is missing. */
export type TextColumn = readonly (string | null)[];
/** A column of a {@link Table}. */
export type Column = NumericColumn | TextColumn;

/** The kinds of column a table holds, as pandas' `float64` and `object`/`str` dtypes. */
export const COLUMN_KINDS = ["number", "text"] as const;
/** `"number"` (a {@link NumericColumn}) or `"text"` (a {@link TextColumn}). */
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** One row as a plain object: numbers, strings, and `null` for missing values. */
export type TableRecord = Record<string, number | string | null>;

/** What {@link fromColumns} accepts for one column. */
export type ColumnInput =
  | Float64Array
  | readonly (number | null | undefined)[]
  | readonly (string | null | undefined)[];

/** True when the column holds numbers. */
export function isNumericColumn(column: Column): column is NumericColumn {
  return column instanceof Float64Array;
}

/**
 * An immutable table of named, typed columns: the part of a pandas DataFrame that tabular
 * learning needs. Numeric columns are `Float64Array` (`NaN` = missing), text columns are arrays of
 * strings (`null` = missing).
 *
 * Every operation returns a new table and never changes this one. `rows(indices)` and `head(n)`
 * are cheap: they share the parent's columns and only record the row indices; a column is
 * gathered the first time it is read and then cached. Arrays returned by {@link Table.column} are
 * shared with the table: read them, do not write to them.
 *
 * Build one with {@link readCsv}, {@link fromRecords} or {@link fromColumns}.
 *
 * @example
 * ```ts
 * import { fromColumns } from "tunelab/data";
 * const t = fromColumns({ x: [1, 2, null], city: ["Ames", null, "Boone"] });
 * t.shape;              // [3, 2]
 * t.numericColumns();   // ["x"]
 * t.rows([2, 0]).column("city"); // ["Boone", "Ames"]
 * ```
 */
export class Table {
  /** Column names, in order. */
  readonly columns: readonly string[];
  private readonly kinds: readonly ColumnKind[];
  private readonly base: readonly Column[];
  /** Row indices into `base`, or null when the rows are `base`'s own rows in order. */
  private readonly index: Uint32Array | null;
  private readonly cache: (Column | undefined)[];
  private readonly positions: Map<string, number>;
  private readonly nRowsValue: number;

  /** @internal Use {@link fromColumns}, {@link fromRecords} or {@link readCsv}. */
  constructor(
    names: readonly string[],
    base: readonly Column[],
    index: Uint32Array | null = null,
    positions?: Map<string, number>,
  ) {
    this.columns = Object.freeze([...names]);
    this.base = base;
    this.kinds = base.map((c) => (isNumericColumn(c) ? "number" : "text"));
    this.index = index;
    this.cache = new Array(base.length);
    if (positions) this.positions = positions;
    else {
      this.positions = new Map();
      names.forEach((n, i) => {
        if (this.positions.has(n)) throw new DataArgumentError(`duplicate column name "${n}"`);
        this.positions.set(n, i);
      });
    }
    this.nRowsValue = index ? index.length : base.length ? base[0].length : 0;
  }

  /** `[rows, columns]`, as pandas' `DataFrame.shape`. */
  get shape(): [number, number] {
    return [this.nRowsValue, this.columns.length];
  }

  /** Number of rows. */
  get nRows(): number {
    return this.nRowsValue;
  }

  /** True when the table has a column of that name. */
  has(name: string): boolean {
    return this.positions.has(name);
  }

  /** The kind of a column. Throws {@link ColumnNotFoundError} for an unknown name. */
  kind(name: string): ColumnKind {
    return this.kinds[this.position(name)];
  }

  /**
   * The values of one column (shared with the table: do not modify). Throws
   * {@link ColumnNotFoundError} for an unknown name.
   */
  column(name: string): Column {
    return this.columnAt(this.position(name));
  }

  /** A numeric column; throws {@link ColumnTypeError} when the column holds text. */
  numericColumn(name: string): NumericColumn {
    const c = this.column(name);
    if (!isNumericColumn(c)) throw new ColumnTypeError(name, `column "${name}" is text, expected numbers`);
    return c;
  }

  /** A text column; throws {@link ColumnTypeError} when the column holds numbers. */
  textColumn(name: string): TextColumn {
    const c = this.column(name);
    if (isNumericColumn(c)) throw new ColumnTypeError(name, `column "${name}" is numeric, expected text`);
    return c;
  }

  /** Names of the numeric columns, in table order. */
  numericColumns(): string[] {
    return this.columns.filter((_, i) => this.kinds[i] === "number");
  }

  /** Names of the text columns, in table order. */
  textColumns(): string[] {
    return this.columns.filter((_, i) => this.kinds[i] === "text");
  }

  /** A table with only the named columns, in the order given. Unknown names throw. */
  select(names: readonly string[]): Table {
    const seen = new Set<string>();
    for (const n of names) {
      this.position(n);
      if (seen.has(n)) throw new DataArgumentError(`select(): column "${n}" is named twice`);
      seen.add(n);
    }
    return this.project(names);
  }

  /** A table without the named columns. Unknown names throw (as pandas' `drop` does). */
  drop(names: readonly string[]): Table {
    const gone = new Set<string>();
    for (const n of names) {
      this.position(n);
      gone.add(n);
    }
    return this.project(this.columns.filter((c) => !gone.has(c)));
  }

  /** The first `n` rows (all of them when the table is shorter). */
  head(n = 5): Table {
    if (!Number.isInteger(n) || n < 0)
      throw new DataArgumentError(`head(n): n must be an integer >= 0, got ${n}`);
    const k = Math.min(n, this.nRowsValue);
    const idx = new Uint32Array(k);
    for (let i = 0; i < k; i++) idx[i] = i;
    return this.rowsUnchecked(idx);
  }

  /**
   * The rows at the given 0-based positions, in that order (repeats allowed). Cheap: no column
   * is copied until it is read. Throws {@link DataArgumentError} for a position out of range.
   */
  rows(indices: ArrayLike<number>): Table {
    const n = this.nRowsValue;
    const idx = new Uint32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i];
      if (!Number.isInteger(r) || r < 0 || r >= n)
        throw new DataArgumentError(`rows(): index ${r} at position ${i} is out of range [0, ${n})`);
      idx[i] = r;
    }
    return this.rowsUnchecked(idx);
  }

  /**
   * A table with the given columns added (at the end) or replaced (in place). Lengths must equal
   * the number of rows.
   */
  withColumns(columns: Record<string, ColumnInput>): Table {
    const names = [...this.columns];
    const cols: Column[] = names.map((_, i) => this.columnAt(i));
    for (const [name, input] of Object.entries(columns)) {
      const col = toColumn(name, input);
      if (col.length !== this.nRowsValue)
        throw new DataArgumentError(
          `withColumns(): column "${name}" has ${col.length} values, the table has ${this.nRowsValue} rows`,
        );
      const at = this.positions.get(name);
      if (at === undefined) {
        names.push(name);
        cols.push(col);
      } else cols[at] = col;
    }
    return new Table(names, cols);
  }

  /** The rows as plain objects (`null` for missing values). */
  toRecords(): TableRecord[] {
    const cols = this.columns.map((_, i) => this.columnAt(i));
    const out: TableRecord[] = [];
    for (let r = 0; r < this.nRowsValue; r++) {
      const rec: TableRecord = {};
      for (let c = 0; c < cols.length; c++) {
        const v = cols[c][r];
        rec[this.columns[c]] = typeof v === "number" && Number.isNaN(v) ? null : v;
      }
      out.push(rec);
    }
    return out;
  }

  private position(name: string): number {
    const p = this.positions.get(name);
    if (p === undefined) throw new ColumnNotFoundError(name, this.columns);
    return p;
  }

  private columnAt(i: number): Column {
    const cached = this.cache[i];
    if (cached) return cached;
    const col = this.index ? gather(this.base[i], this.index) : this.base[i];
    this.cache[i] = col;
    return col;
  }

  private rowsUnchecked(idx: Uint32Array): Table {
    let composed = idx;
    if (this.index) {
      composed = new Uint32Array(idx.length);
      for (let i = 0; i < idx.length; i++) composed[i] = this.index[idx[i]];
    }
    const t = new Table(this.columns, this.base, composed, this.positions);
    return t;
  }

  private project(names: readonly string[]): Table {
    const pos = names.map((n) => this.position(n));
    // Keep the projection lazy: columns already gathered are reused, the rest share the base.
    if (this.index) {
      const t = new Table(
        names,
        pos.map((p) => this.base[p]),
        this.index,
      );
      pos.forEach((p, i) => {
        const c = this.cache[p];
        if (c) t.cache[i] = c;
      });
      return t;
    }
    return new Table(
      names,
      pos.map((p) => this.base[p]),
    );
  }
}

function gather(col: Column, idx: Uint32Array): Column {
  if (isNumericColumn(col)) {
    const out = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) out[i] = col[idx[i]];
    return out;
  }
  const out = new Array<string | null>(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = col[idx[i]];
  return Object.freeze(out);
}

/** Converts one user-given column into a stored column (always a copy). */
export function toColumn(name: string, input: ColumnInput): Column {
  if (input instanceof Float64Array) return Float64Array.from(input);
  if (!Array.isArray(input))
    throw new DataArgumentError(`column "${name}" must be an array, got ${typeof input}`);
  let numbers = 0;
  let strings = 0;
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (typeof v === "number") numbers++;
    else if (typeof v === "string") strings++;
    else if (v !== null && v !== undefined)
      throw new DataArgumentError(
        `column "${name}" row ${i}: expected a number, a string or null, got ${typeof v} ${String(v)}`,
      );
  }
  if (strings === 0) {
    const out = new Float64Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const v = input[i];
      out[i] = typeof v === "number" ? v : Number.NaN;
    }
    return out;
  }
  if (numbers > 0)
    throw new DataArgumentError(
      `column "${name}" mixes numbers and strings; give one kind (or use fromRecords, which turns such a column into text)`,
    );
  return Object.freeze(input.map((v) => (typeof v === "string" ? v : null)));
}

/**
 * Builds a table from named columns. A `Float64Array` or an array of numbers (`null`,
 * `undefined` and `NaN` = missing) becomes a numeric column; an array of strings (`null`,
 * `undefined` = missing) a text column. Inputs are copied. All columns must have the same length.
 *
 * @example
 * ```ts
 * import { fromColumns } from "tunelab/data";
 * const t = fromColumns({ area: new Float64Array([80, 120]), zone: ["RL", "RM"] });
 * t.kind("zone"); // "text"
 * ```
 */
export function fromColumns(columns: Record<string, ColumnInput>): Table {
  const names = Object.keys(columns);
  const cols = names.map((n) => toColumn(n, columns[n]));
  checkLengths(names, cols, "fromColumns()");
  return new Table(names, cols);
}

/** @internal Builds a table from columns the module made itself (no copy, no inference). */
export function tableFromTrusted(names: readonly string[], cols: readonly Column[]): Table {
  checkLengths(names, cols, "table");
  return new Table(
    names,
    cols.map((c) => (isNumericColumn(c) || Object.isFrozen(c) ? c : Object.freeze(c))),
  );
}

function checkLengths(names: readonly string[], cols: readonly Column[], where: string): void {
  for (let i = 1; i < cols.length; i++)
    if (cols[i].length !== cols[0].length)
      throw new DataArgumentError(
        `${where}: column "${names[i]}" has ${cols[i].length} values, column "${names[0]}" has ${cols[0].length}`,
      );
}
