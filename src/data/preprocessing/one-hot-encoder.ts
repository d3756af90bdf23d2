import { DataArgumentError, UnknownCategoryError } from "../errors.js";
import { type Table, tableFromTrusted } from "../table.js";
import { type Category, categoryOf, fittedCategories, formatCategory } from "./categories.js";
import { TransformerBase } from "./transformer.js";

/** What {@link OneHotEncoder} does with a category not seen in `fit`. */
export const ONE_HOT_HANDLE_UNKNOWN = ["error", "ignore"] as const;
/** Which category column {@link OneHotEncoder} leaves out. */
export const ONE_HOT_DROP = ["none", "first", "ifBinary"] as const;

/** Options of {@link OneHotEncoder}. */
export interface OneHotEncoderOptions {
  /**
   * `"error"` (default) throws {@link UnknownCategoryError} for a category not seen in `fit`;
   * `"ignore"` encodes it as all zeros.
   */
  handleUnknown?: (typeof ONE_HOT_HANDLE_UNKNOWN)[number];
  /**
   * Leave out one category per column: `"first"` always, `"ifBinary"` for columns with exactly
   * two categories, `"none"` (default) never.
   */
  drop?: (typeof ONE_HOT_DROP)[number];
  /** Categories per column name instead of the sorted values seen in `fit`. Default: learned. */
  categories?: Readonly<Record<string, readonly Category[]>>;
}

/**
 * Replaces each column (numeric or text) by one 0/1 numeric column per category, as
 * scikit-learn's `OneHotEncoder` with dense output. Categories are the sorted distinct values seen
 * in `fit`; a missing value is a category of its own, listed last. Output columns are named
 * `<column>_<category>` as scikit-learn names them (`zone_RL`, `tie_1.0`, `zone_nan` for missing).
 *
 * @example
 * ```ts
 * import { fromColumns, OneHotEncoder } from "tunelab/data";
 * const enc = new OneHotEncoder({ handleUnknown: "ignore" }).fit(fromColumns({ zone: ["RM", "RL"] }));
 * enc.featureNamesOut(); // ["zone_RL", "zone_RM"]
 * enc.transform(fromColumns({ zone: ["RL", "FV"] })).column("zone_RL"); // Float64Array [1, 0]
 * ```
 */
export class OneHotEncoder extends TransformerBase {
  private readonly options: Required<Omit<OneHotEncoderOptions, "categories">> &
    Pick<OneHotEncoderOptions, "categories">;
  /** Per fitted column, its categories (scikit-learn's `categories_`). */
  categories: Category[][] = [];
  /** Per fitted column, the position of the dropped category, or -1. */
  dropIndex: number[] = [];
  private names: string[] = [];

  constructor(options: OneHotEncoderOptions = {}) {
    super();
    const { handleUnknown = "error", drop = "none", categories } = options;
    if (!(ONE_HOT_HANDLE_UNKNOWN as readonly string[]).includes(handleUnknown))
      throw new DataArgumentError(
        `OneHotEncoder: invalid handleUnknown ${JSON.stringify(handleUnknown)} (expected ${ONE_HOT_HANDLE_UNKNOWN.join(" | ")})`,
      );
    if (!(ONE_HOT_DROP as readonly string[]).includes(drop))
      throw new DataArgumentError(
        `OneHotEncoder: invalid drop ${JSON.stringify(drop)} (expected ${ONE_HOT_DROP.join(" | ")})`,
      );
    this.options = { handleUnknown, drop, categories };
  }

  protected fitTable(table: Table): void {
    this.categories = table.columns.map((name) =>
      fittedCategories(table, name, this.options.categories, "OneHotEncoder"),
    );
    const { drop } = this.options;
    this.dropIndex = this.categories.map((cats) =>
      drop === "first" || (drop === "ifBinary" && cats.length === 2) ? 0 : -1,
    );
    this.names = [];
    table.columns.forEach((name, j) => {
      this.categories[j].forEach((c, k) => {
        if (k !== this.dropIndex[j]) this.names.push(`${name}_${formatCategory(c)}`);
      });
    });
  }

  protected transformTable(table: Table): Table {
    const n = table.nRows;
    const out: Float64Array[] = [];
    table.columns.forEach((name, j) => {
      const cats = this.categories[j];
      const pos = new Map<Category, number>(cats.map((c, k) => [c, k]));
      const cols = cats.map(() => new Float64Array(n));
      const col = table.column(name);
      for (let i = 0; i < n; i++) {
        const k = pos.get(categoryOf(col[i]));
        if (k === undefined) {
          if (this.options.handleUnknown === "error")
            throw new UnknownCategoryError(name, categoryOf(col[i]));
          continue;
        }
        cols[k][i] = 1;
      }
      cols.forEach((c, k) => {
        if (k !== this.dropIndex[j]) out.push(c);
      });
    });
    return tableFromTrusted(this.names, out);
  }

  featureNamesOut(): string[] {
    this.requireFitted();
    return [...this.names];
  }

  clone(): OneHotEncoder {
    return new OneHotEncoder(this.options);
  }
}
