import { bootstrap } from "./bootstrap.js";
import type { Bins, TrainFeature } from "./features.js";
import type { Loss } from "./losses/loss.js";
import type { Metric } from "./metrics/metric.js";
import type { GbdtParams } from "./params.js";
import { Rng } from "./rng.js";
import { buildHistogram, scoreBorderSplits, scoreOneHotSplits } from "./tree-search.js";

/** A symmetric tree over training features: level d splits on `features[d]` at `splits[d]`. */
export interface TrainTree {
  readonly depth: number;
  /** Index into the booster's features, per level. */
  readonly features: Int32Array;
  /** Border index s ("bin > s") or one-hot bin v ("bin == v"), per level. */
  readonly splits: Int32Array;
  /** `leafValues[leaf * D + k]`; leaf bit d is set when the row went right at level d. */
  readonly leafValues: Float64Array;
  /** Sum of learn-row weights per leaf (for PredictionValuesChange importance). */
  readonly leafWeights: Float64Array;
}

/** Labels and weights of the learn rows and of each eval set (their bins are in the features). */
export interface BoosterData {
  readonly features: readonly TrainFeature[];
  readonly label: Float64Array;
  readonly weight: Float64Array | null;
  readonly evals: readonly { label: Float64Array; weight: Float64Array | null }[];
}

/** Metric values after one iteration: `learn[j]` and `evals[e][j]` for metric j. */
export interface StepResult {
  readonly learn: Float64Array;
  readonly evals: Float64Array[];
}

/**
 * Plain gradient boosting of symmetric trees, one iteration per `step()`. Holds the raw
 * predictions of the learn rows and every eval set, so train() and cv() can stop, inspect and go
 * on between iterations. All buffers are allocated once, in the constructor.
 */
export class Booster {
  readonly trees: TrainTree[] = [];
  /** Starting raw prediction (per dimension). */
  readonly bias: Float64Array;
  /** Raw predictions of the learn rows (dimension-major). */
  readonly approx: Float64Array;
  /** Raw predictions of each eval set (dimension-major). */
  readonly evalApprox: Float64Array[];

  private readonly m: number;
  private readonly dims: number;
  private readonly rng: Rng;
  private readonly l2: number;
  private readonly grad: Float64Array;
  private readonly hess: Float64Array;
  private readonly rows: Uint32Array;
  private readonly sw: Float64Array;
  private readonly gS: Float64Array;
  private readonly hS: Float64Array;
  private readonly leafOfRow: Uint32Array;
  private readonly rowSlot: Uint32Array;
  private readonly slotOfLeaf: Int32Array;
  private readonly leafStats: Float64Array;
  private readonly hist: Float64Array;
  private readonly num: Float64Array;
  private readonly den: Float64Array;
  private readonly score: Float64Array;
  private readonly scratch: Float64Array;
  private readonly leafIdx: Uint32Array;
  private readonly evalLeafIdx: Uint32Array[];

  constructor(
    private readonly data: BoosterData,
    private readonly params: GbdtParams,
    private readonly loss: Loss,
    private readonly metrics: readonly Metric[],
  ) {
    const m = data.label.length;
    const D = loss.dimension;
    this.m = m;
    this.dims = D;
    this.rng = new Rng(params.seed);
    const boost = params.boostFromAverage ?? loss.boostFromAverageByDefault;
    this.bias = boost ? loss.initialApprox(data.label, data.weight) : new Float64Array(D);
    this.approx = new Float64Array(m * D);
    for (let k = 0; k < D; k++) this.approx.fill(this.bias[k], k * m, (k + 1) * m);
    this.evalApprox = data.evals.map((e) => {
      const n = e.label.length;
      const a = new Float64Array(n * D);
      for (let k = 0; k < D; k++) a.fill(this.bias[k], k * n, (k + 1) * n);
      return a;
    });
    // CatBoost scales the L2 regulariser by the mean row weight
    let sumW = m;
    if (data.weight) {
      sumW = 0;
      for (let i = 0; i < m; i++) sumW += data.weight[i];
    }
    this.l2 = (params.l2LeafReg * sumW) / m;
    this.grad = new Float64Array(m * D);
    this.hess = new Float64Array(m * D);
    this.rows = new Uint32Array(m);
    this.sw = new Float64Array(m);
    this.gS = new Float64Array(m * D);
    this.hS = new Float64Array(m * D);
    this.leafOfRow = new Uint32Array(m);
    this.rowSlot = new Uint32Array(m);
    this.slotOfLeaf = new Int32Array(1 << params.depth).fill(-1);
    const maxSlots = Math.min(1 << (params.depth - 1), m);
    let maxBins = 2;
    for (const f of data.features) maxBins = Math.max(maxBins, f.nBins);
    this.leafStats = new Float64Array(Math.max(maxSlots, 1 << params.depth) * D * 2);
    this.hist = new Float64Array(maxSlots * maxBins * 2 * D);
    this.num = new Float64Array(maxBins);
    this.den = new Float64Array(maxBins);
    this.score = new Float64Array(maxBins);
    this.scratch = new Float64Array(m);
    this.leafIdx = new Uint32Array(m);
    this.evalLeafIdx = data.evals.map((e) => new Uint32Array(e.label.length));
  }

  /** Grows one tree, adds it to the predictions and returns every metric after it. */
  step(): StepResult {
    const { m, dims: D, params, data } = this;
    const iteration = this.trees.length;
    this.loss.gradients(m, this.approx, data.label, data.weight, this.grad, this.hess);
    const nS = bootstrap(
      {
        type: params.bootstrapType,
        subsample: params.subsample,
        baggingTemperature: params.baggingTemperature,
        mvsReg: params.mvsReg,
      },
      m,
      this.grad,
      D,
      this.rng,
      this.rows,
      this.sw,
      this.scratch,
    );
    const { rows, sw, gS, hS } = this;
    for (let k = 0; k < D; k++) {
      for (let j = 0; j < nS; j++) {
        gS[k * nS + j] = this.grad[k * m + rows[j]] * sw[j];
        hS[k * nS + j] = this.hess[k * m + rows[j]] * sw[j];
      }
    }
    const tree = this.growTree(nS, iteration);
    this.trees.push(tree);
    this.applyTree(tree, (f) => f.learn, m, this.leafIdx, this.approx);
    const lw = tree.leafWeights;
    for (let i = 0; i < m; i++) lw[this.leafIdx[i]] += data.weight ? data.weight[i] : 1;
    data.evals.forEach((e, ei) => {
      this.applyTree(tree, (f) => f.evals[ei], e.label.length, this.evalLeafIdx[ei], this.evalApprox[ei]);
    });
    const learn = new Float64Array(this.metrics.length);
    this.metrics.forEach((mt, j) => {
      learn[j] = mt.evaluate(m, this.approx, data.label, data.weight);
    });
    const evals = data.evals.map((e, ei) => {
      const r = new Float64Array(this.metrics.length);
      this.metrics.forEach((mt, j) => {
        r[j] = mt.evaluate(e.label.length, this.evalApprox[ei], e.label, e.weight);
      });
      return r;
    });
    return { learn, evals };
  }

  /** Standard deviation of the split-score noise (CatBoost's NormalWithModelSizeDecrease). */
  private noiseStd(iteration: number): number {
    if (this.params.randomStrength === 0) return 0;
    const { m, dims: D, grad } = this;
    // the noise fades as the model grows: L / (1 + L) with L = m * exp(-iteration * learningRate)
    const L = m * Math.exp(-iteration * this.params.learningRate);
    const mult = L / (1 + L);
    if (mult * this.params.randomStrength < 1e-12) return 0;
    let s = 0;
    for (let i = 0; i < m * D; i++) s += grad[i] * grad[i];
    return this.params.randomStrength * mult * Math.sqrt(s / m);
  }

  private growTree(nS: number, iteration: number): TrainTree {
    const { dims: D, params, data, rows, gS, hS, leafOfRow, rowSlot, slotOfLeaf, leafStats, hist } = this;
    const features = data.features;
    const depth = features.length === 0 ? 0 : params.depth;
    const cosine = params.scoreFunction === "Cosine";
    const noise = this.noiseStd(iteration);
    const treeFeatures = new Int32Array(depth);
    const treeSplits = new Int32Array(depth);
    leafOfRow.fill(0, 0, nS);
    for (let d = 0; d < depth; d++) {
      // non-empty leaves of this level get consecutive slots
      const nLeaves = 1 << d;
      slotOfLeaf.fill(-1, 0, nLeaves);
      let nSlots = 0;
      for (let j = 0; j < nS; j++) {
        const leaf = leafOfRow[j];
        let s = slotOfLeaf[leaf];
        if (s < 0) {
          s = nSlots++;
          slotOfLeaf[leaf] = s;
        }
        rowSlot[j] = s;
      }
      leafStats.fill(0, 0, nSlots * D * 2);
      for (let k = 0; k < D; k++) {
        for (let j = 0; j < nS; j++) {
          const o = (rowSlot[j] * D + k) * 2;
          leafStats[o] += gS[k * nS + j];
          leafStats[o + 1] += hS[k * nS + j];
        }
      }
      let bestScore = -Infinity;
      let bestF = 0;
      let bestS = 0;
      for (let f = 0; f < features.length; f++) {
        const feat = features[f];
        const nb = feat.nBins;
        buildHistogram(nS, rows, rowSlot, gS, hS, D, feat.learn, nb, nSlots, hist);
        const oneHot = feat.kind === "onehot";
        if (oneHot)
          scoreOneHotSplits(nSlots, nb, D, hist, leafStats, this.l2, cosine, this.num, this.den, this.score);
        else
          scoreBorderSplits(nSlots, nb, D, hist, leafStats, this.l2, cosine, this.num, this.den, this.score);
        const nSplits = oneHot ? nb - 1 : nb - 1; // one-hot: the last bin is "unseen", never split on
        const score = this.score;
        for (let s = 0; s < nSplits; s++) {
          const sc = noise > 0 ? score[s] + noise * this.fastNormal() : score[s];
          if (sc > bestScore) {
            bestScore = sc;
            bestF = f;
            bestS = s;
          }
        }
      }
      treeFeatures[d] = bestF;
      treeSplits[d] = bestS;
      const bins = features[bestF].learn;
      const bit = 1 << d;
      if (features[bestF].kind === "onehot") {
        for (let j = 0; j < nS; j++) if (bins[rows[j]] === bestS) leafOfRow[j] |= bit;
      } else {
        for (let j = 0; j < nS; j++) if (bins[rows[j]] > bestS) leafOfRow[j] |= bit;
      }
    }
    // leaf values: one Newton (or gradient) step from the sampled rows' statistics
    const nLeaves = 1 << depth;
    const stats = new Float64Array(nLeaves * D * 2);
    const wsum = new Float64Array(nLeaves);
    for (let j = 0; j < nS; j++) {
      const leaf = leafOfRow[j];
      wsum[leaf] += this.sw[j] * (data.weight ? data.weight[rows[j]] : 1);
      for (let k = 0; k < D; k++) {
        stats[(leaf * D + k) * 2] += gS[k * nS + j];
        stats[(leaf * D + k) * 2 + 1] += hS[k * nS + j];
      }
    }
    const newton = params.leafEstimationMethod === "Newton";
    const leafValues = new Float64Array(nLeaves * D);
    for (let l = 0; l < nLeaves; l++) {
      for (let k = 0; k < D; k++) {
        const G = stats[(l * D + k) * 2];
        const H = newton ? stats[(l * D + k) * 2 + 1] : wsum[l];
        leafValues[l * D + k] = H + this.l2 > 0 ? (-G / (H + this.l2)) * params.learningRate : 0;
      }
    }
    return {
      depth,
      features: treeFeatures,
      splits: treeSplits,
      leafValues,
      leafWeights: new Float64Array(nLeaves),
    };
  }

  /** Leaf index of every row of one data set under `tree`, and the tree's values added to `approx`. */
  private applyTree(
    tree: TrainTree,
    binsOf: (f: TrainFeature) => Bins,
    n: number,
    idx: Uint32Array,
    approx: Float64Array,
  ): void {
    idx.fill(0);
    for (let d = 0; d < tree.depth; d++) {
      const f = this.data.features[tree.features[d]];
      const bins = binsOf(f);
      const s = tree.splits[d];
      const bit = 1 << d;
      if (f.kind === "onehot") {
        for (let i = 0; i < n; i++) if (bins[i] === s) idx[i] |= bit;
      } else {
        for (let i = 0; i < n; i++) if (bins[i] > s) idx[i] |= bit;
      }
    }
    const D = this.dims;
    const v = tree.leafValues;
    if (D === 1) {
      for (let i = 0; i < n; i++) approx[i] += v[idx[i]];
      return;
    }
    for (let k = 0; k < D; k++) for (let i = 0; i < n; i++) approx[k * n + i] += v[idx[i] * D + k];
  }

  /** A cheap normal draw (Irwin-Hall of 4 uniforms, rescaled): good enough for score noise. */
  private fastNormal(): number {
    const r = this.rng;
    return (r.random() + r.random() + r.random() + r.random() - 2) * 1.7320508075688772;
  }

  /** Drops the trees after `count` (used by early stopping with useBestModel). */
  truncate(count: number): void {
    this.trees.length = Math.min(this.trees.length, count);
  }
}
