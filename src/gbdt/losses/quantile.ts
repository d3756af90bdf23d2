import { LossBase, weightedQuantile } from "./loss.js";

/**
 * Pinball loss for the `alpha` quantile (MAE is alpha 0.5). Its hessian is zero, so leaves take a
 * gradient step: the hessian is the row weight, the leaf value the mean negative gradient.
 */
export class QuantileLoss extends LossBase {
  readonly name: string;
  readonly defaultMetric: string;

  constructor(
    readonly alpha: number,
    mae = false,
  ) {
    super();
    this.name = mae ? "MAE" : `Quantile:alpha=${alpha}`;
    this.defaultMetric = this.name;
  }

  initialApprox(label: Float64Array, weight: Float64Array | null): Float64Array {
    return Float64Array.of(weightedQuantile(label, weight, this.alpha));
  }

  gradients(
    n: number,
    approx: Float64Array,
    label: Float64Array,
    weight: Float64Array | null,
    grad: Float64Array,
    hess: Float64Array,
  ): void {
    const a = this.alpha;
    for (let i = 0; i < n; i++) {
      const w = weight ? weight[i] : 1;
      grad[i] = w * (label[i] > approx[i] ? -a : label[i] < approx[i] ? 1 - a : 0);
      hess[i] = w;
    }
  }
}
