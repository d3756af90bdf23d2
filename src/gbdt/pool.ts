import { InvalidDataError } from "./errors.js";

/** A column: numbers (NaN = missing) or text (null = missing). */
export type ColumnData = Float64Array | readonly (string | null)[];

/**
 * The smallest table shape the GBDT reads: column names and a column by name. A `Table` from
 * `tunelab/data` has it, and so does anything else with these two members.
 */
export interface TableLike {
  readonly columns: readonly string[];
  column(name: string): ColumnData;
}

/** Columns by name, as a plain object. */
export type ColumnRecord = Readonly<Record<string, ColumnData>>;

/** Options of {@link Pool}. */
export interface PoolOptions {
  /** Target values, or the name of a numeric column holding them (that column is then not a feature). */
  label?: ArrayLike<number> | string;
  /**
   * Categorical features by name or index. Text columns are categorical whether listed or not; a
   * numeric column listed here must hold integers.
   */
  catFeatures?: readonly (string | number)[];
  /** Row weights (default 1 each); finite and >= 0. */
  weight?: ArrayLike<number>;
}

/** A categorical column encoded once: `codes[i]` indexes `categories`. */
export interface CatColumn {
  readonly codes: Int32Array;
  /** Category values; a missing value is the category `null`. */
  readonly categories: readonly (string | null)[];
}

/** One feature of a pool. */
export type PoolFeature =
  | { readonly name: string; readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly name: string; readonly kind: "categorical"; readonly column: CatColumn };

/**
 * Training or prediction data: features (numeric or categorical), and optionally a label and weights.
 * Validated when built; immutable afterwards. Quantised features are cached on the pool, so several
 * `train` / `cv` calls with the same quantisation parameters share them.
 *
 * @example
 * const pool = new Pool({ x: new Float64Array([1, 2, 3]), c: ["a", "b", "a"] }, { label: [1, 2, 3] });
 */
export class Pool {
  /** Number of rows. */
  readonly nRows: number;
  /** Features in input order. */
  readonly features: readonly PoolFeature[];
  /** Labels, or null when the pool is only for prediction. */
  readonly label: Float64Array | null;
  /** Weights, or null (all 1). */
  readonly weight: Float64Array | null;
  /** Cache of derived data (quantisation), keyed by the parameters that shaped it. */
  readonly cache = new Map<string, unknown>();

  constructor(data: TableLike | ColumnRecord | Pool, options: PoolOptions = {}) {
    if (data instanceof Pool) {
      this.nRows = data.nRows;
      this.features = data.features;
      this.label = data.label;
      this.weight = data.weight;
      return;
    }
    const cols = readColumns(data);
    let labelName: string | undefined;
    let label: Float64Array | null = null;
    if (typeof options.label === "string") {
      labelName = options.label;
      const c = cols.get(labelName);
      if (c === undefined)
        throw new InvalidDataError(
          `label column "${labelName}" not found (columns: ${[...cols.keys()].join(", ")})`,
          labelName,
        );
      if (!(c instanceof Float64Array))
        throw new InvalidDataError(
          `label column "${labelName}" holds text; labels must be numbers`,
          labelName,
        );
      label = c;
      cols.delete(labelName);
    } else if (options.label !== undefined) {
      label = toFloat64(options.label, "label");
    }
    if (cols.size === 0) throw new InvalidDataError("the pool has no feature columns");
    const names = [...cols.keys()];
    const nRows = cols.get(names[0])!.length;
    if (nRows === 0) throw new InvalidDataError("the pool has no rows");
    for (const [name, c] of cols) {
      if (c.length !== nRows)
        throw new InvalidDataError(
          `column "${name}" has ${c.length} rows, column "${names[0]}" has ${nRows}`,
          name,
        );
    }
    if (label) {
      if (label.length !== nRows)
        throw new InvalidDataError(`label has ${label.length} values, the features have ${nRows} rows`);
      for (let i = 0; i < nRows; i++) {
        if (!Number.isFinite(label[i]))
          throw new InvalidDataError(`label of row ${i} is ${label[i]}; labels must be finite numbers`);
      }
    }
    let weight: Float64Array | null = null;
    if (options.weight !== undefined) {
      weight = toFloat64(options.weight, "weight");
      if (weight.length !== nRows)
        throw new InvalidDataError(`weight has ${weight.length} values, the features have ${nRows} rows`);
      for (let i = 0; i < nRows; i++) {
        if (!(weight[i] >= 0) || !Number.isFinite(weight[i]))
          throw new InvalidDataError(`weight of row ${i} is ${weight[i]}; weights must be finite and >= 0`);
      }
    }
    const catNames = new Set<string>();
    for (const ref of options.catFeatures ?? []) {
      if (typeof ref === "number") {
        if (!Number.isInteger(ref) || ref < 0 || ref >= names.length)
          throw new InvalidDataError(
            `catFeatures index ${ref} is out of range (the pool has ${names.length} feature columns)`,
          );
        catNames.add(names[ref]);
      } else {
        if (ref === labelName) throw new InvalidDataError(`catFeatures names the label column "${ref}"`, ref);
        if (!cols.has(ref))
          throw new InvalidDataError(
            `catFeatures names "${ref}", which is not a column (columns: ${names.join(", ")})`,
            ref,
          );
        catNames.add(ref);
      }
    }
    this.features = Object.freeze(
      names.map((name): PoolFeature => {
        const c = cols.get(name)!;
        if (c instanceof Float64Array && !catNames.has(name)) return { name, kind: "numeric", values: c };
        return { name, kind: "categorical", column: encodeCategorical(name, c) };
      }),
    );
    this.nRows = nRows;
    this.label = label;
    this.weight = weight;
  }

  /** A pool from already validated parts (used to rebuild a pool in a worker thread). */
  static fromParts(
    features: readonly PoolFeature[],
    label: Float64Array | null,
    weight: Float64Array | null,
  ): Pool {
    const p = Object.create(Pool.prototype) as { -readonly [K in keyof Pool]: Pool[K] };
    p.nRows = label
      ? label.length
      : features[0].kind === "numeric"
        ? features[0].values.length
        : features[0].column.codes.length;
    p.features = Object.freeze([...features]);
    p.label = label;
    p.weight = weight;
    (p as { cache: Map<string, unknown> }).cache = new Map();
    return p as Pool;
  }

  /** Feature names in order. */
  get featureNames(): string[] {
    return this.features.map((f) => f.name);
  }

  /** A pool of the given rows (in that order), sharing category dictionaries with this one. */
  slice(rows: ArrayLike<number>): Pool {
    const n = rows.length;
    if (n === 0) throw new InvalidDataError("slice() got no rows");
    const idx = Int32Array.from(rows as ArrayLike<number>);
    for (let i = 0; i < n; i++) {
      if (!(idx[i] >= 0 && idx[i] < this.nRows))
        throw new InvalidDataError(
          `slice() row ${rows[i]} is out of range (the pool has ${this.nRows} rows)`,
        );
    }
    const gather = (a: Float64Array) => {
      const o = new Float64Array(n);
      for (let i = 0; i < n; i++) o[i] = a[idx[i]];
      return o;
    };
    const p = Object.create(Pool.prototype) as { -readonly [K in keyof Pool]: Pool[K] };
    p.nRows = n;
    p.label = this.label ? gather(this.label) : null;
    p.weight = this.weight ? gather(this.weight) : null;
    (p as { cache: Map<string, unknown> }).cache = new Map();
    p.features = Object.freeze(
      this.features.map((f): PoolFeature => {
        if (f.kind === "numeric") return { name: f.name, kind: "numeric", values: gather(f.values) };
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) codes[i] = f.column.codes[idx[i]];
        return { name: f.name, kind: "categorical", column: { codes, categories: f.column.categories } };
      }),
    );
    return p as Pool;
  }
}

function readColumns(data: TableLike | ColumnRecord): Map<string, ColumnData> {
  const out = new Map<string, ColumnData>();
  if (data === null || typeof data !== "object")
    throw new InvalidDataError("a Pool needs a table (columns + column(name)) or an object of columns");
  if (isTableLike(data)) {
    for (const name of data.columns) out.set(name, checkColumn(name, data.column(name)));
  } else {
    for (const [name, c] of Object.entries(data)) out.set(name, checkColumn(name, c));
  }
  return out;
}

function isTableLike(d: object): d is TableLike {
  return Array.isArray((d as TableLike).columns) && typeof (d as TableLike).column === "function";
}

function checkColumn(name: string, c: unknown): ColumnData {
  if (c instanceof Float64Array) return c;
  if (Array.isArray(c)) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (v !== null && typeof v !== "string")
        throw new InvalidDataError(
          `column "${name}" row ${i} is ${typeof v}; a column is a Float64Array (numbers) or an array of strings/null`,
          name,
        );
    }
    return c as (string | null)[];
  }
  throw new InvalidDataError(
    `column "${name}" is neither a Float64Array nor an array of strings (convert numbers with Float64Array.from)`,
    name,
  );
}

function toFloat64(a: ArrayLike<number>, what: string): Float64Array {
  if (a === null || typeof a !== "object" || typeof a.length !== "number")
    throw new InvalidDataError(`${what} must be an array of numbers`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number") throw new InvalidDataError(`${what} row ${i} is ${typeof v}, not a number`);
    out[i] = v;
  }
  return out;
}

/** Integer-valued numbers become the categories "1", "2", ...; floats are rejected as CatBoost does. */
export function encodeCategorical(name: string, c: ColumnData): CatColumn {
  const n = c.length;
  const codes = new Int32Array(n);
  const index = new Map<string | null, number>();
  const categories: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    let v: string | null;
    if (c instanceof Float64Array) {
      const x = c[i];
      if (Number.isNaN(x)) v = null;
      else if (!Number.isInteger(x))
        throw new InvalidDataError(
          `categorical feature "${name}" holds the float ${x} (row ${i}); categorical values must be strings or integers`,
          name,
        );
      else v = String(x);
    } else v = c[i];
    let code = index.get(v);
    if (code === undefined) {
      code = categories.length;
      index.set(v, code);
      categories.push(v);
    }
    codes[i] = code;
  }
  return { codes, categories };
}
