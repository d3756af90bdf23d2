import { ColumnNotFoundError, DataArgumentError, NotFittedError } from "../errors.js";
import type { Table } from "../table.js";

/**
 * A preprocessing step with scikit-learn's fit / transform protocol, over {@link Table}s.
 *
 * Call order: `fit(train)` learns from the training rows only (statistics, categories) and
 * replaces anything learned before; `transform(table)` then applies what was learned to any
 * table with the same columns (train, validation, test) and never changes the transformer;
 * `fitTransform(train)` is `fit` then `transform` on the same table.
 *
 * Invariants: `transform` throws {@link NotFittedError} before `fit`, and
 * {@link ColumnNotFoundError} / {@link DataArgumentError} when the table's columns differ from the
 * ones seen in `fit` (the order may differ). Input tables are never modified.
 */
export interface Transformer {
  /** Learns from `table` (the training rows) and returns `this`. */
  fit(table: Table): this;
  /** Applies what `fit` learned; returns a new table. */
  transform(table: Table): Table;
  /** `fit(table).transform(table)`. */
  fitTransform(table: Table): Table;
  /** True once `fit` has run. */
  readonly fitted: boolean;
  /** Names of the output columns (scikit-learn's `get_feature_names_out`); needs `fit`. */
  featureNamesOut(): string[];
  /** A new, unfitted transformer with the same options (scikit-learn's `clone`). */
  clone(): Transformer;
}

/**
 * Base class with the protocol's bookkeeping: remembers the fitted columns, checks that
 * `transform` gets the same ones, and implements `fitTransform`. Subclasses implement
 * `fitTable` and `transformTable`, which receive the columns in fit order.
 */
export abstract class TransformerBase implements Transformer {
  private inputColumns: readonly string[] | null = null;

  /** Learns from the training table. */
  protected abstract fitTable(table: Table): void;
  /** Transforms a table whose columns are exactly the fitted ones, in fit order. */
  protected abstract transformTable(table: Table): Table;
  abstract featureNamesOut(): string[];
  abstract clone(): Transformer;

  get fitted(): boolean {
    return this.inputColumns !== null;
  }

  /** Columns seen by `fit` (scikit-learn's `feature_names_in_`). */
  featureNamesIn(): string[] {
    return [...this.requireFitted()];
  }

  fit(table: Table): this {
    this.inputColumns = null;
    this.fitTable(table);
    this.inputColumns = [...table.columns];
    return this;
  }

  transform(table: Table): Table {
    const cols = this.requireFitted();
    const where = `transform() of ${this.constructor.name}`;
    for (const c of cols)
      if (!table.has(c)) throw new ColumnNotFoundError(c, table.columns, `the table given to ${where}`);
    if (table.columns.length !== cols.length) {
      const known = new Set(cols);
      const extra = table.columns.filter((c) => !known.has(c));
      throw new DataArgumentError(
        `${where}: column${extra.length > 1 ? "s" : ""} ${extra.map((c) => `"${c}"`).join(", ")} ` +
          `not seen during fit (fitted on ${cols.length} columns)`,
      );
    }
    const same = table.columns.every((c, i) => c === cols[i]);
    return this.transformTable(same ? table : table.select(cols));
  }

  fitTransform(table: Table): Table {
    this.inputColumns = null;
    const out = this.fitTransformTable(table);
    this.inputColumns = [...table.columns];
    return out;
  }

  /** `fitTable` then `transformTable`; composite transformers override it to avoid doing the work twice. */
  protected fitTransformTable(table: Table): Table {
    this.fitTable(table);
    return this.transformTable(table);
  }

  /** The fitted columns; throws {@link NotFittedError} before `fit`. */
  protected requireFitted(): readonly string[] {
    if (this.inputColumns === null) throw new NotFittedError(this.constructor.name);
    return this.inputColumns;
  }
}
