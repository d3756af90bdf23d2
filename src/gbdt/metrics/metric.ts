/**
 * An evaluation metric over raw predictions (same dimension-major layout as the loss: value k of
 * row i is `approx[k * n + i]`). Called after every iteration on the learn and eval data.
 */
export interface Metric {
  /** Name as it appears in `evalsResult` and cv columns (`RMSE`, `Quantile:alpha=0.9`, ...). */
  readonly name: string;
  /** Whether larger is better (AUC, R2, Accuracy) — early stopping looks the other way then. */
  readonly higherIsBetter: boolean;
  /** The metric of `n` rows. */
  evaluate(n: number, approx: Float64Array, label: Float64Array, weight: Float64Array | null): number;
}
