/**
 * Steps 1 and 2 of the reference workflow: read train.csv, take y = log1p(SalePrice), drop the
 * columns that are mostly missing, and prepare the rest as the Python tutorial does
 * (numbers: most-frequent imputation then min-max scaling; text: the constant "None").
 */
import {
  ColumnTransformer,
  columnSelector,
  MinMaxScaler,
  Pipeline,
  readCsv,
  SimpleImputer,
  type Table,
} from "../../src/data/index.js";

/** Columns the tutorial drops: an id and four columns that are mostly missing. */
export const DROPPED = ["Id", "Alley", "PoolQC", "Fence", "MiscFeature"] as const;

/** The prepared data: features (numbers scaled to [0, 1], text filled) and the log price. */
export interface HousePrices {
  readonly x: Table;
  readonly y: Float64Array;
}

/**
 * Loads and prepares House Prices `train.csv`. `rows` keeps only the first rows (for quick tests).
 * Like the reference, the preprocessing is fitted on all rows before cross-validation.
 */
export function loadHousePrices(csvPath: string, options: { rows?: number } = {}): HousePrices {
  let table = readCsv(csvPath); // "NA" and empty cells become missing, as pandas reads them
  if (options.rows !== undefined) table = table.head(options.rows);
  const y = table.numericColumn("SalePrice").map(Math.log1p);
  const raw = table.drop([...DROPPED, "SalePrice"]);
  const prep = new ColumnTransformer(
    [
      [
        "num",
        new Pipeline([new SimpleImputer({ strategy: "mostFrequent" }), new MinMaxScaler()]),
        columnSelector({ kind: "number" }),
      ],
      [
        "cat",
        new SimpleImputer({ strategy: "constant", fillValue: "None" }),
        columnSelector({ kind: "text" }),
      ],
    ],
    { verboseFeatureNamesOut: false },
  );
  return { x: prep.fitTransform(raw), y };
}
