import { DataArgumentError } from "../errors.js";
import { type Table, tableFromTrusted } from "../table.js";
import { handleZerosInScale, requireNumeric } from "./numeric-columns.js";
import { TransformerBase } from "./transformer.js";

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerOptions {
  /** Target range `[low, high]` of the training data, low < high. Default `[0, 1]`. */
  featureRange?: readonly [number, number];
  /** Clip transformed values to `featureRange` (values outside the training range). Default false. */
  clip?: boolean;
}

/**
 * Scales each numeric column linearly so that its training minimum and maximum map to
 * `featureRange`, as scikit-learn's `MinMaxScaler` (`x * scale + min`). Missing values are ignored
 * in `fit` and stay missing; a constant column maps to `featureRange[0]`.
 *
 * @example
 * ```ts
 * import { fromColumns, MinMaxScaler } from "tunelab/data";
 * const s = new MinMaxScaler().fit(fromColumns({ x: [2, 4, 6] }));
 * s.transform(fromColumns({ x: [4, 8] })).column("x"); // Float64Array [0.5, 1.5]
 * ```
 */
export class MinMaxScaler extends TransformerBase {
  private readonly options: Required<MinMaxScalerOptions>;
  /** Per column: training minimum (`data_min_`). */
  dataMin = new Float64Array(0);
  /** Per column: training maximum (`data_max_`). */
  dataMax = new Float64Array(0);
  /** Per column: multiplier (`scale_`). */
  scale = new Float64Array(0);
  /** Per column: offset added after scaling (`min_`). */
  min = new Float64Array(0);

  constructor(options: MinMaxScalerOptions = {}) {
    super();
    const { featureRange = [0, 1], clip = false } = options;
    if (!Array.isArray(featureRange) || featureRange.length !== 2 || !(featureRange[0] < featureRange[1]))
      throw new DataArgumentError(
        `MinMaxScaler: featureRange must be [low, high] with low < high, got ${JSON.stringify(featureRange)}`,
      );
    this.options = { featureRange: [featureRange[0], featureRange[1]], clip };
  }

  protected fitTable(table: Table): void {
    const cols = requireNumeric(table, "MinMaxScaler");
    const [lo, hi] = this.options.featureRange;
    const k = cols.length;
    this.dataMin = new Float64Array(k);
    this.dataMax = new Float64Array(k);
    this.scale = new Float64Array(k);
    this.min = new Float64Array(k);
    cols.forEach((col, j) => {
      let mn = Number.POSITIVE_INFINITY;
      let mx = Number.NEGATIVE_INFINITY;
      let any = false;
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (Number.isNaN(v)) continue;
        any = true;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (!any) mn = mx = Number.NaN;
      this.dataMin[j] = mn;
      this.dataMax[j] = mx;
      this.scale[j] = (hi - lo) / handleZerosInScale(mx - mn);
      this.min[j] = lo - mn * this.scale[j];
    });
  }

  protected transformTable(table: Table): Table {
    const cols = requireNumeric(table, "MinMaxScaler");
    const [lo, hi] = this.options.featureRange;
    const clip = this.options.clip;
    const out = cols.map((col, j) => {
      const s = this.scale[j];
      const m = this.min[j];
      const o = new Float64Array(col.length);
      for (let i = 0; i < col.length; i++) {
        let v = col[i] * s + m;
        if (clip) v = Math.min(Math.max(v, lo), hi);
        o[i] = v;
      }
      return o;
    });
    return tableFromTrusted(table.columns, out);
  }

  featureNamesOut(): string[] {
    return this.featureNamesIn();
  }

  clone(): MinMaxScaler {
    return new MinMaxScaler(this.options);
  }
}
