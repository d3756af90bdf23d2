import { InvalidDataError } from "../errors.js";
import { checkBinary, LossBase } from "./loss.js";

/**
 * Binary log loss on raw scores (log-odds). `CrossEntropy` is the same loss with labels that are
 * probabilities in [0, 1] instead of classes.
 */
export class LoglossLoss extends LossBase {
  readonly name: string;
  readonly defaultMetric: string;
  override readonly isClassification: boolean;
  override readonly boostFromAverageByDefault = false;

  constructor(readonly crossEntropy = false) {
    super();
    this.name = crossEntropy ? "CrossEntropy" : "Logloss";
    this.defaultMetric = this.name;
    this.isClassification = !crossEntropy;
  }

  override validateLabels(label: Float64Array): void {
    if (!this.crossEntropy) {
      checkBinary(label, this.name);
      return;
    }
    for (let i = 0; i < label.length; i++) {
      if (!(label[i] >= 0 && label[i] <= 1))
        throw new InvalidDataError(`CrossEntropy needs labels in [0, 1]; row ${i} has ${label[i]}`);
    }
  }

  initialApprox(label: Float64Array, weight: Float64Array | null): Float64Array {
    let s = 0;
    let w = 0;
    for (let i = 0; i < label.length; i++) {
      const wi = weight ? weight[i] : 1;
      s += wi * label[i];
      w += wi;
    }
    const p = Math.min(1 - 1e-15, Math.max(1e-15, s / w));
    return Float64Array.of(Math.log(p / (1 - p)));
  }

  gradients(
    n: number,
    approx: Float64Array,
    label: Float64Array,
    weight: Float64Array | null,
    grad: Float64Array,
    hess: Float64Array,
  ): void {
    for (let i = 0; i < n; i++) {
      const w = weight ? weight[i] : 1;
      const p = 1 / (1 + Math.exp(-approx[i]));
      grad[i] = w * (p - label[i]);
      hess[i] = w * Math.max(p * (1 - p), 1e-16);
    }
  }
}
