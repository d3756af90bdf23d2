import { DataArgumentError, UnknownCategoryError } from "../errors.js";
import { type Table, tableFromTrusted } from "../table.js";
import { type Category, categoryOf, fittedCategories } from "./categories.js";
import { TransformerBase } from "./transformer.js";

/** What {@link OrdinalEncoder} does with a category not seen in `fit`. */
export const ORDINAL_HANDLE_UNKNOWN = ["error", "useEncodedValue"] as const;

/** Options of {@link OrdinalEncoder}. */
export interface OrdinalEncoderOptions {
  /** `"error"` (default) throws for an unseen category; `"useEncodedValue"` writes `unknownValue`. */
  handleUnknown?: (typeof ORDINAL_HANDLE_UNKNOWN)[number];
  /** The code of unseen categories with `"useEncodedValue"`: an integer or NaN. Required then. */
  unknownValue?: number;
  /** The code of missing values. Default NaN (they stay missing), as scikit-learn. */
  encodedMissingValue?: number;
  /** Categories per column name instead of the sorted values seen in `fit`. Default: learned. */
  categories?: Readonly<Record<string, readonly Category[]>>;
}

/**
 * Replaces each column's values by their position among the column's sorted categories
 * (0, 1, 2, ... as numbers), as scikit-learn's `OrdinalEncoder`. Missing values stay missing
 * (NaN) unless `encodedMissingValue` says otherwise. Column names are kept.
 *
 * @example
 * ```ts
 * import { fromColumns, OrdinalEncoder } from "tunelab/data";
 * new OrdinalEncoder().fitTransform(fromColumns({ q: ["Gd", "Ex", null, "Gd"] })).column("q");
 * // Float64Array [1, 0, NaN, 1]
 * ```
 */
export class OrdinalEncoder extends TransformerBase {
  private readonly options: OrdinalEncoderOptions;
  /** Per fitted column, its categories (scikit-learn's `categories_`; missing listed last as null). */
  categories: Category[][] = [];

  constructor(options: OrdinalEncoderOptions = {}) {
    super();
    const { handleUnknown = "error", unknownValue, encodedMissingValue = Number.NaN, categories } = options;
    if (!(ORDINAL_HANDLE_UNKNOWN as readonly string[]).includes(handleUnknown))
      throw new DataArgumentError(
        `OrdinalEncoder: invalid handleUnknown ${JSON.stringify(handleUnknown)} (expected ${ORDINAL_HANDLE_UNKNOWN.join(" | ")})`,
      );
    if (
      handleUnknown === "useEncodedValue" &&
      !(Number.isInteger(unknownValue) || Number.isNaN(unknownValue))
    )
      throw new DataArgumentError(
        `OrdinalEncoder: unknownValue must be an integer or NaN with handleUnknown "useEncodedValue", got ${unknownValue}`,
      );
    if (handleUnknown === "error" && unknownValue !== undefined)
      throw new DataArgumentError(
        `OrdinalEncoder: unknownValue is only used with handleUnknown "useEncodedValue"`,
      );
    this.options = { handleUnknown, unknownValue, encodedMissingValue, categories };
  }

  protected fitTable(table: Table): void {
    this.categories = table.columns.map((name) =>
      fittedCategories(table, name, this.options.categories, "OrdinalEncoder"),
    );
    const u = this.options.unknownValue;
    if (this.options.handleUnknown === "useEncodedValue" && u !== undefined && !Number.isNaN(u))
      this.categories.forEach((cats, j) => {
        const present = cats.filter((c) => c !== null).length;
        if (u >= 0 && u < present)
          throw new DataArgumentError(
            `OrdinalEncoder: unknownValue ${u} is already the code of a category of column "${table.columns[j]}"`,
          );
      });
  }

  protected transformTable(table: Table): Table {
    const { handleUnknown, unknownValue = Number.NaN, encodedMissingValue = Number.NaN } = this.options;
    const out = table.columns.map((name, j) => {
      const codes = new Map<Category, number>();
      for (const c of this.categories[j]) if (c !== null) codes.set(c, codes.size);
      // As scikit-learn: a missing value not seen in fit counts as an unknown category.
      const missingKnown = this.categories[j].includes(null);
      const col = table.column(name);
      const o = new Float64Array(col.length);
      for (let i = 0; i < col.length; i++) {
        const c = categoryOf(col[i]);
        if (c === null && missingKnown) {
          o[i] = encodedMissingValue;
          continue;
        }
        const k = c === null ? undefined : codes.get(c);
        if (k === undefined) {
          if (handleUnknown === "error")
            throw new UnknownCategoryError(name, c, 'handleUnknown: "useEncodedValue"');
          o[i] = unknownValue;
        } else o[i] = k;
      }
      return o;
    });
    return tableFromTrusted(table.columns, out);
  }

  featureNamesOut(): string[] {
    return this.featureNamesIn();
  }

  clone(): OrdinalEncoder {
    return new OrdinalEncoder(this.options);
  }
}
