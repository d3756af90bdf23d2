import type { ColumnKind, Table } from "../table.js";

/** Picks column names from a table at fit time (scikit-learn's `make_column_selector`). */
export type ColumnSelector = (table: Table) => string[];

/** Options of {@link columnSelector}. */
export interface ColumnSelectorOptions {
  /** Keep only columns of this kind. Default: both kinds. */
  kind?: ColumnKind;
  /** Keep only columns whose name matches. Default: all names. */
  pattern?: RegExp;
}

/**
 * A {@link ColumnSelector} by kind and/or name pattern, for {@link ColumnTransformer}.
 *
 * @example
 * ```ts
 * import { columnSelector, fromColumns } from "tunelab/data";
 * columnSelector({ kind: "text" })(fromColumns({ a: [1], b: ["x"] })); // ["b"]
 * ```
 */
export function columnSelector(options: ColumnSelectorOptions = {}): ColumnSelector {
  const { kind, pattern } = options;
  return (table) =>
    table.columns.filter(
      (c) => (kind === undefined || table.kind(c) === kind) && (pattern === undefined || pattern.test(c)),
    );
}
