import { LossBase } from "./loss.js";

/** Squared error; the Newton step is the mean residual in the leaf. */
export class RmseLoss extends LossBase {
  readonly name = "RMSE";
  readonly defaultMetric = "RMSE";

  initialApprox(label: Float64Array, weight: Float64Array | null): Float64Array {
    let s = 0;
    let w = 0;
    for (let i = 0; i < label.length; i++) {
      const wi = weight ? weight[i] : 1;
      s += wi * label[i];
      w += wi;
    }
    return Float64Array.of(w > 0 ? s / w : 0);
  }

  gradients(
    n: number,
    approx: Float64Array,
    label: Float64Array,
    weight: Float64Array | null,
    grad: Float64Array,
    hess: Float64Array,
  ): void {
    if (weight) {
      for (let i = 0; i < n; i++) {
        grad[i] = weight[i] * (approx[i] - label[i]);
        hess[i] = weight[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        grad[i] = approx[i] - label[i];
        hess[i] = 1;
      }
    }
  }
}
