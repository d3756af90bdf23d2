import { ColumnTypeError } from "../errors.js";
import type { Table } from "../table.js";

/** All columns of `table` as numeric columns; a text column throws naming the transformer. */
export function requireNumeric(table: Table, transformer: string): Float64Array[] {
  return table.columns.map((name) => {
    if (table.kind(name) !== "number")
      throw new ColumnTypeError(
        name,
        `${transformer} needs numeric columns, column "${name}" is text (encode or select it out first)`,
      );
    return table.numericColumn(name);
  });
}

/**
 * scikit-learn's `_handle_zeros_in_scale`: a scale that is (nearly) zero, or marked constant,
 * becomes 1 so that constant columns are left unscaled instead of divided by zero.
 */
export function handleZerosInScale(scale: number, constant = scale < 10 * Number.EPSILON): number {
  return constant ? 1 : scale;
}
