import { type Table, tableFromTrusted } from "../table.js";
import { handleZerosInScale, requireNumeric } from "./numeric-columns.js";
import { TransformerBase } from "./transformer.js";

/** Options of {@link StandardScaler}. */
export interface StandardScalerOptions {
  /** Subtract the training mean. Default true. */
  withMean?: boolean;
  /** Divide by the training standard deviation (population, ddof 0). Default true. */
  withStd?: boolean;
}

/**
 * Centres each numeric column on its training mean and divides by its training standard
 * deviation, as scikit-learn's `StandardScaler`. Missing values are ignored in `fit` and stay
 * missing; a constant column is only centred (its scale is 1). The variance uses the same
 * corrected two-pass sum as scikit-learn, so results agree to rounding.
 *
 * @example
 * ```ts
 * import { fromColumns, StandardScaler } from "tunelab/data";
 * new StandardScaler().fitTransform(fromColumns({ x: [1, 2, 3] })).column("x");
 * // Float64Array [-1.2247448713915890, 0, 1.2247448713915890]
 * ```
 */
export class StandardScaler extends TransformerBase {
  private readonly options: Required<StandardScalerOptions>;
  /** Per column: training mean (`mean_`). */
  mean = new Float64Array(0);
  /** Per column: training variance (`var_`). */
  variance = new Float64Array(0);
  /** Per column: divisor (`scale_`; 1 for constant columns). */
  scale = new Float64Array(0);

  constructor(options: StandardScalerOptions = {}) {
    super();
    const { withMean = true, withStd = true } = options;
    this.options = { withMean, withStd };
  }

  protected fitTable(table: Table): void {
    const cols = requireNumeric(table, "StandardScaler");
    const k = cols.length;
    this.mean = new Float64Array(k);
    this.variance = new Float64Array(k);
    this.scale = new Float64Array(k);
    cols.forEach((col, j) => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < col.length; i++)
        if (!Number.isNaN(col[i])) {
          sum += col[i];
          n++;
        }
      const mean = sum / n;
      // Two-pass variance with the rounding correction term (Chan, Golub & LeVeque, 1983).
      let dev = 0;
      let sq = 0;
      for (let i = 0; i < col.length; i++)
        if (!Number.isNaN(col[i])) {
          const d = col[i] - mean;
          dev += d;
          sq += d * d;
        }
      const variance = (sq - (dev * dev) / n) / n;
      this.mean[j] = mean;
      this.variance[j] = variance;
      // scikit-learn's _is_constant_feature: variance within rounding of zero.
      const eps = Number.EPSILON;
      const constant = variance <= n * eps * variance + (n * mean * eps) ** 2;
      this.scale[j] = handleZerosInScale(Math.sqrt(variance), constant);
    });
  }

  protected transformTable(table: Table): Table {
    const cols = requireNumeric(table, "StandardScaler");
    const { withMean, withStd } = this.options;
    const out = cols.map((col, j) => {
      const m = withMean ? this.mean[j] : 0;
      const s = withStd ? this.scale[j] : 1;
      const o = new Float64Array(col.length);
      for (let i = 0; i < col.length; i++) o[i] = (col[i] - m) / s;
      return o;
    });
    return tableFromTrusted(table.columns, out);
  }

  featureNamesOut(): string[] {
    return this.featureNamesIn();
  }

  clone(): StandardScaler {
    return new StandardScaler(this.options);
  }
}
