import { InvalidDataError } from "../errors.js";
import { LossBase } from "./loss.js";

/** Softmax cross-entropy over `classes` classes (labels 0..classes-1); diagonal Newton steps. */
export class MultiClassLoss extends LossBase {
  readonly name = "MultiClass";
  readonly defaultMetric = "MultiClass";
  override readonly isClassification = true;
  override readonly boostFromAverageByDefault = false;
  override readonly dimension: number;

  constructor(classes: number) {
    super();
    this.dimension = classes;
  }

  override validateLabels(label: Float64Array): void {
    for (let i = 0; i < label.length; i++) {
      const y = label[i];
      if (!Number.isInteger(y) || y < 0 || y >= this.dimension)
        throw new InvalidDataError(
          `MultiClass with ${this.dimension} classes needs integer labels 0..${this.dimension - 1}; row ${i} has ${y}`,
        );
    }
  }

  initialApprox(label: Float64Array, weight: Float64Array | null): Float64Array {
    const k = this.dimension;
    const w = new Float64Array(k);
    for (let i = 0; i < label.length; i++) w[label[i]] += weight ? weight[i] : 1;
    let logSum = 0;
    for (let c = 0; c < k; c++) logSum += Math.log(Math.max(w[c], 1e-15));
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) out[c] = Math.log(Math.max(w[c], 1e-15)) - logSum / k;
    return out;
  }

  gradients(
    n: number,
    approx: Float64Array,
    label: Float64Array,
    weight: Float64Array | null,
    grad: Float64Array,
    hess: Float64Array,
  ): void {
    const k = this.dimension;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, approx[c * n + i]);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(approx[c * n + i] - max);
      const w = weight ? weight[i] : 1;
      for (let c = 0; c < k; c++) {
        const p = Math.exp(approx[c * n + i] - max) / sum;
        grad[c * n + i] = w * (p - (label[i] === c ? 1 : 0));
        hess[c * n + i] = w * Math.max(p * (1 - p), 1e-16);
      }
    }
  }
}
