import { ColumnTypeError, DataArgumentError } from "../errors.js";
import { type Column, isNumericColumn, type Table, tableFromTrusted } from "../table.js";
import { TransformerBase } from "./transformer.js";

/** The strategies of {@link SimpleImputer}, as scikit-learn's (camelCase). */
export const IMPUTER_STRATEGIES = ["mean", "median", "mostFrequent", "constant"] as const;
/** One of {@link IMPUTER_STRATEGIES}. */
export type ImputerStrategy = (typeof IMPUTER_STRATEGIES)[number];

/** Options of {@link SimpleImputer}. */
export interface SimpleImputerOptions {
  /**
   * How to fill a column's missing values: its `"mean"` or `"median"` (numeric columns only), its
   * `"mostFrequent"` value (ties go to the smallest value, as scikit-learn), or `"constant"`
   * (`fillValue`). Default `"mean"`.
   */
  strategy?: ImputerStrategy;
  /**
   * The value for `"constant"`. Default `0` for numeric columns and `"missing_value"` for text
   * columns (scikit-learn's defaults). A string can only fill text columns, a number only numeric ones.
   */
  fillValue?: number | string;
  /**
   * Keep columns that are entirely missing at fit time (filled with 0; text columns stay
   * missing). Default false: such columns are dropped from the output, as scikit-learn does.
   * Ignored by `"constant"`, which always keeps them.
   */
  keepEmptyFeatures?: boolean;
}

/**
 * Fills missing values (NaN / null) column by column, as scikit-learn's `SimpleImputer`; the
 * values to fill are learned from the rows given to `fit`.
 *
 * @example
 * ```ts
 * import { fromColumns, SimpleImputer } from "tunelab/data";
 * const t = fromColumns({ x: [1, null, 3, 3], zone: ["RL", null, "RM", "RL"] });
 * const out = new SimpleImputer({ strategy: "mostFrequent" }).fitTransform(t);
 * out.column("x");    // Float64Array [1, 3, 3, 3]
 * out.column("zone"); // ["RL", "RL", "RM", "RL"]
 * ```
 */
export class SimpleImputer extends TransformerBase {
  /** The strategy in use. */
  readonly strategy: ImputerStrategy;
  private readonly options: SimpleImputerOptions;
  /** Per fitted column, the value that fills it (null: the column is all missing, see keepEmptyFeatures). */
  private stats: (number | string | null)[] = [];
  private kept: string[] = [];

  constructor(options: SimpleImputerOptions = {}) {
    super();
    const { strategy = "mean", fillValue, keepEmptyFeatures = false } = options;
    if (!(IMPUTER_STRATEGIES as readonly string[]).includes(strategy))
      throw new DataArgumentError(
        `SimpleImputer: invalid strategy ${JSON.stringify(strategy)} (expected ${IMPUTER_STRATEGIES.join(" | ")})`,
      );
    if (fillValue !== undefined && typeof fillValue !== "number" && typeof fillValue !== "string")
      throw new DataArgumentError(
        `SimpleImputer: fillValue must be a number or a string, got ${typeof fillValue}`,
      );
    this.strategy = strategy;
    this.options = { strategy, fillValue, keepEmptyFeatures };
  }

  /** The fill value of each fitted column, in fit order (scikit-learn's `statistics_`; null = all missing). */
  get statistics(): (number | string | null)[] {
    this.requireFitted();
    return [...this.stats];
  }

  protected fitTable(table: Table): void {
    const { strategy, fillValue, keepEmptyFeatures } = this.options;
    this.stats = table.columns.map((name) => {
      const col = table.column(name);
      const numeric = isNumericColumn(col);
      if (strategy === "constant") {
        if (fillValue === undefined) return numeric ? 0 : "missing_value";
        if (numeric && typeof fillValue !== "number")
          throw new ColumnTypeError(
            name,
            `SimpleImputer: fillValue ${JSON.stringify(fillValue)} is invalid for numeric column "${name}": expected a number`,
          );
        if (!numeric && typeof fillValue !== "string")
          throw new ColumnTypeError(
            name,
            `SimpleImputer: fillValue ${fillValue} is invalid for text column "${name}": expected a string`,
          );
        return fillValue;
      }
      if (!numeric && strategy !== "mostFrequent")
        throw new ColumnTypeError(
          name,
          `SimpleImputer: strategy "${strategy}" needs numeric data, column "${name}" is text (use "mostFrequent" or "constant")`,
        );
      if (numeric && strategy !== "mostFrequent") {
        const present = presentValues(col);
        if (present.length === 0) return null;
        return strategy === "mean" ? mean(present) : median(present);
      }
      return mostFrequent(col);
    });
    this.kept = table.columns.filter(
      (_, i) => this.stats[i] !== null || keepEmptyFeatures || strategy === "constant",
    );
  }

  protected transformTable(table: Table): Table {
    const { keepEmptyFeatures, strategy } = this.options;
    const names: string[] = [];
    const cols: Column[] = [];
    table.columns.forEach((name, i) => {
      const stat = this.stats[i];
      if (stat === null && !keepEmptyFeatures && strategy !== "constant") return;
      const col = table.column(name);
      names.push(name);
      if (isNumericColumn(col)) {
        const fill = stat === null ? 0 : (stat as number);
        const out = new Float64Array(col.length);
        for (let r = 0; r < col.length; r++) out[r] = Number.isNaN(col[r]) ? fill : col[r];
        cols.push(out);
      } else {
        const fill = stat as string | null;
        const out = new Array<string | null>(col.length);
        for (let r = 0; r < col.length; r++) out[r] = col[r] ?? fill;
        cols.push(out);
      }
    });
    return tableFromTrusted(names, cols);
  }

  featureNamesOut(): string[] {
    this.requireFitted();
    return [...this.kept];
  }

  clone(): SimpleImputer {
    return new SimpleImputer(this.options);
  }
}

function presentValues(col: Float64Array): Float64Array {
  const out = new Float64Array(col.length);
  let k = 0;
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) out[k++] = col[i];
  return out.subarray(0, k);
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** Above this many distinct values, mostFrequent sorts instead of counting in a map. */
const MAX_COUNTED = 1 << 14;

/** The most frequent present value; among equally frequent values, the smallest. Null when none is present. */
export function mostFrequent(col: Column): number | string | null {
  if (isNumericColumn(col)) {
    // Count in a map while the distinct values are few; a column of many distinct values is
    // sorted instead, and the first longest run is the smallest of the most frequent values.
    const counts = new Map<number, number>();
    let i = 0;
    for (; i < col.length && counts.size <= MAX_COUNTED; i++) {
      const v = col[i];
      if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    if (i === col.length) {
      let best: number | null = null;
      let bestCount = 0;
      for (const [v, c] of counts)
        if (c > bestCount || (c === bestCount && best !== null && v < best)) {
          best = v;
          bestCount = c;
        }
      return best;
    }
    const sorted = presentValues(col).slice().sort();
    let best: number | null = null;
    let bestCount = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      if (j - i > bestCount) {
        best = sorted[i];
        bestCount = j - i;
      }
      i = j;
    }
    return best;
  }
  const counts = new Map<string, number>();
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, c] of counts)
    if (c > bestCount || (c === bestCount && best !== null && v < best)) {
      best = v;
      bestCount = c;
    }
  return best;
}
