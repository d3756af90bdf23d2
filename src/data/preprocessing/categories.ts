import { DataArgumentError, UnknownCategoryError } from "../errors.js";
import type { Column, Table } from "../table.js";

/** A category value: a number, a string, or `null` for the missing-value category. */
export type Category = number | string | null;

/**
 * Sorted distinct values of a column, as `numpy.unique`: numbers ascending, strings by code unit;
 * the missing value (NaN / null), when present, comes last as `null`.
 */
export function uniqueSorted(column: Column): Category[] {
  const seen = new Set<number | string>();
  let missing = false;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === null || (typeof v === "number" && Number.isNaN(v))) missing = true;
    else seen.add(v);
  }
  const values: Category[] = [...seen].sort(compareValues);
  if (missing) values.push(null);
  return values;
}

/** Ascending order for numbers, code-unit order for strings (a category list holds one kind). */
export function compareValues(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The category key of a cell: NaN and null both become `null`. */
export function categoryOf(v: number | string | null): Category {
  return typeof v === "number" && Number.isNaN(v) ? null : v;
}

/**
 * A category as scikit-learn writes it in a feature name: missing as `nan`, numbers as Python
 * prints a float (`1.0`, `0.5`, `1e+16`, `inf`), since numeric columns are float64.
 */
export function formatCategory(c: Category): string {
  if (c === null) return "nan";
  return typeof c === "number" ? pythonFloatRepr(c) : c;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  if (abs >= 1e16 || abs < 1e-4) {
    const [mantissa, exp] = x.toExponential().split("e");
    const e = Number(exp);
    return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}

/** The categories of one column: given by the user (checked against the data) or learned. */
export function fittedCategories(
  table: Table,
  name: string,
  given: Readonly<Record<string, readonly Category[]>> | undefined,
  transformer: string,
): Category[] {
  const learned = uniqueSorted(table.column(name));
  if (!given) return learned;
  if (!Object.hasOwn(given, name))
    throw new DataArgumentError(`${transformer}: categories has no entry for column "${name}"`);
  const cats = [...given[name]];
  const known = new Set(cats);
  const extra = learned.find((c) => !known.has(c));
  if (extra !== undefined) throw new UnknownCategoryError(name, extra);
  return cats;
}
