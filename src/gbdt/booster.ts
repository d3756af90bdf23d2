import { bootstrap } from "./bootstrap.js";
import { InvalidParameterError } from "./errors.js";
import { type FeatureGroups, groupFeatures, marginalize } from "./feature-groups.js";
import type { TrainFeature } from "./features.js";
import { addLeafWeights, gatherSample, rootLeaf, splitLeafRows, subtractHist } from "./leaf-rows.js";
import type { Loss } from "./losses/loss.js";
import type { Metric } from "./metrics/metric.js";
import type { GbdtParams } from "./params.js";
import { Rng } from "./rng.js";
import { accumulateRows, scoreBorderSplits, scoreOneHotSplits } from "./tree-search.js";

/**
 * Learn rows from which features are histogrammed in groups (see feature-groups.ts): below, leaves
 * hold too few rows for the saved additions to pay for summing the cells.
 */
const GROUP_MIN_ROWS = 20000;
/** Cells of a group at most (so a row's cell in it fits a byte). */
const GROUP_MAX_CELLS = 256;

/** Size - 1 of the table of normal draws behind the split-score noise. */
const NORMAL_MASK = (1 << 16) - 1;

/** Column c of the row-major `mat` (nCols columns, m rows) from `col` (its own function: see leaf-rows.ts). */
function fillColumn(
  mat: Uint8Array | Uint16Array,
  col: ArrayLike<number>,
  c: number,
  nCols: number,
  m: number,
): void {
  for (let i = 0; i < m; i++) mat[i * nCols + c] = col[i];
}

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
  /** Sample positions grouped by leaf, ascending within a leaf, and the buffer partitions fill. */
  private order: Uint32Array;
  private orderNext: Uint32Array;
  private readonly leafStart: Int32Array;
  /** Gradient and hessian sums per leaf (`(leaf * D + k) * 2`, `+ 1`), in sample order. */
  private readonly leafSums: Float64Array;
  private readonly slotOfLeaf: Int32Array;
  private readonly prevSlotOfLeaf: Int32Array;
  private readonly slotLeaf: Uint32Array;
  private readonly prevSlotLeaf: Uint32Array;
  private readonly leafCount: Uint32Array;
  private readonly isSmall: Uint8Array;
  private readonly active: Uint32Array;
  private readonly leafStats: Float64Array;
  private readonly histA: Float64Array;
  private readonly histB: Float64Array;
  /**
   * Learn cells, row-major: column c (a group, or a feature when there are no groups) of learn
   * row i at `i * nCols + c`, counted from the column's first cell `colOff[c]`.
   */
  private readonly mat: Uint8Array | Uint16Array;
  private readonly colOff: Int32Array;
  private readonly colBase: Int32Array;
  private readonly nF: number;
  /** Features histogrammed in groups (null: every feature alone, `mat` holds bins). */
  private readonly groups: FeatureGroups | null;
  /** Columns of `mat` (groups or features) and cells per slot. */
  private readonly nCols: number;
  private readonly totalCells: number;
  /** Group histograms of the slots being built (groups only). */
  private readonly cells: Float64Array | null;
  /** First histogram bin of each feature. */
  private readonly offsets: Int32Array;
  private readonly totalBins: number;
  private readonly num: Float64Array;
  /** Number of border features, and each one's first bin and bin count. */
  private readonly borderFeats: number;
  private readonly borderOff: Int32Array;
  private readonly borderBins: Int32Array;
  private readonly den: Float64Array;
  private readonly score: Float64Array;
  private readonly scratch: Float64Array;
  private readonly normals: Float64Array;
  private noiseState: number;
  private normalMax = 0;
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
    this.order = new Uint32Array(m);
    this.orderNext = new Uint32Array(m);
    const leaves = 1 << params.depth;
    this.leafStart = new Int32Array(leaves);
    this.leafSums = new Float64Array(leaves * D * 2);
    this.slotOfLeaf = new Int32Array(leaves).fill(-1);
    this.prevSlotOfLeaf = new Int32Array(leaves);
    const maxSlots = Math.max(1, Math.min(leaves >> 1, m));
    this.slotLeaf = new Uint32Array(maxSlots * 2);
    this.prevSlotLeaf = new Uint32Array(maxSlots * 2);
    this.leafCount = new Uint32Array(leaves);
    this.isSmall = new Uint8Array(leaves);
    this.active = new Uint32Array(maxSlots * 2);
    // row-major learn bins: a row's bins are contiguous, so one pass over the rows fills the
    // histograms of every feature
    const features = data.features;
    const nF = features.length;
    this.nF = nF;
    this.offsets = new Int32Array(nF + 1);
    let maxBins = 2;
    for (let f = 0; f < nF; f++) {
      this.offsets[f + 1] = this.offsets[f] + features[f].nBins;
      maxBins = Math.max(maxBins, features[f].nBins);
    }
    this.totalBins = this.offsets[nF];
    const nBinsOf = Int32Array.from(features, (f) => f.nBins);
    let columns: ArrayLike<number>[];
    if (m >= GROUP_MIN_ROWS) {
      const { codes, groups } = groupFeatures(
        features.map((f) => f.learn),
        nBinsOf,
        m,
        GROUP_MAX_CELLS,
      );
      this.groups = groups;
      columns = codes;
      this.colOff = groups.cellOff;
    } else {
      this.groups = null;
      columns = features.map((f) => f.learn);
      this.colOff = this.offsets;
    }
    const nCols = columns.length;
    this.nCols = nCols;
    this.colBase = new Int32Array(nCols);
    this.totalCells = this.colOff[nCols];
    let widest = 0;
    for (let c = 0; c < nCols; c++) widest = Math.max(widest, this.colOff[c + 1] - this.colOff[c]);
    this.mat = widest <= 256 ? new Uint8Array(m * nCols) : new Uint16Array(m * nCols);
    for (let c = 0; c < nCols; c++) fillColumn(this.mat, columns[c], c, nCols, m);
    const histSize = maxSlots * this.totalBins * 2 * D;
    this.cells = this.groups ? new Float64Array(maxSlots * this.totalCells * 2 * D) : null;
    if (2 * histSize > 2 ** 27)
      throw new InvalidParameterError(
        "depth",
        `depth ${params.depth} with ${this.totalBins} bins over ${m} rows needs ${Math.round((16 * histSize) / 2 ** 20)} MiB of histograms; lower depth or borderCount`,
      );
    this.leafStats = new Float64Array(maxSlots * 2 * D * 2);
    this.histA = new Float64Array(histSize);
    this.histB = new Float64Array(histSize);
    this.num = new Float64Array(Math.max(maxBins, this.totalBins));
    this.den = new Float64Array(Math.max(maxBins, this.totalBins));
    // the border (non one-hot) features, scored together
    const border = [];
    for (let f = 0; f < nF; f++) if (features[f].kind !== "onehot") border.push(f);
    this.borderFeats = border.length;
    this.borderOff = Int32Array.from(border, (f) => this.offsets[f]);
    this.borderBins = Int32Array.from(border, (f) => features[f].nBins);
    this.score = new Float64Array(this.totalBins);
    this.scratch = new Float64Array(m);
    this.normals = new Float64Array(NORMAL_MASK + 1);
    for (let i = 0; i < this.normals.length; i++) {
      this.normals[i] = this.rng.normal();
      this.normalMax = Math.max(this.normalMax, Math.abs(this.normals[i]));
    }
    this.noiseState = this.rng.nextUint32() | 1;
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
    gatherSample(this.grad, this.hess, m, D, this.rows, this.sw, nS, this.gS, this.hS);
    const tree = this.growTree(nS, iteration);
    this.trees.push(tree);
    this.applyTree(tree, null, m, this.leafIdx, this.approx);
    addLeafWeights(tree.leafWeights, this.leafIdx, m, data.weight);
    data.evals.forEach((e, ei) => {
      this.applyTree(tree, ei, e.label.length, this.evalLeafIdx[ei], this.evalApprox[ei]);
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
    const { dims: D, params, data, rows, gS, hS, slotOfLeaf, leafStats, leafSums, leafStart } = this;
    const { mat, colOff, nF, offsets, totalBins, leafCount, slotLeaf, prevSlotLeaf, isSmall } = this;
    const { groups, cells, nCols, totalCells } = this;
    const cellSize = totalCells * 2 * D;
    const features = data.features;
    const depth = nF === 0 ? 0 : params.depth;
    const cosine = params.scoreFunction === "Cosine";
    const noise = this.noiseStd(iteration);
    const treeFeatures = new Int32Array(depth);
    const treeSplits = new Int32Array(depth);
    const slotSize = totalBins * 2 * D;
    let hist = this.histA;
    let parent = this.histB;
    let nSlots = 0;
    // one leaf holding every sampled row, and its sums
    let order = this.order;
    rootLeaf(order, nS, gS, hS, D, leafSums);
    leafStart[0] = 0;
    leafCount[0] = nS;
    for (let d = 0; d < depth; d++) {
      if (d === 0) {
        nSlots = 1;
        slotLeaf[0] = 0;
        isSmall[0] = 1;
        hist.fill(0, 0, slotSize);
        cells?.fill(0, 0, cellSize);
        accumulateRows(order, 0, nS, rows, gS, hS, nS, D, mat, nCols, colOff, 0, cells ?? hist, this.colBase);
      } else {
        // children of every parent slot get slots when they have rows; the smaller child of each
        // pair is built from its rows, the larger one is the parent minus the smaller
        const half = 1 << (d - 1);
        const nPrev = nSlots;
        prevSlotLeaf.set(slotLeaf.subarray(0, nPrev));
        nSlots = 0;
        for (let p = 0; p < nPrev; p++) {
          const l = prevSlotLeaf[p];
          const r = l | half;
          slotOfLeaf[l] = leafCount[l] > 0 ? nSlots++ : -1;
          if (slotOfLeaf[l] >= 0) slotLeaf[slotOfLeaf[l]] = l;
          slotOfLeaf[r] = leafCount[r] > 0 ? nSlots++ : -1;
          if (slotOfLeaf[r] >= 0) slotLeaf[slotOfLeaf[r]] = r;
          isSmall[l] = 0;
          isSmall[r] = 0;
          if (leafCount[l] > 0 && leafCount[r] > 0) {
            const small = leafCount[l] <= leafCount[r] ? l : r;
            const ss = slotOfLeaf[small];
            isSmall[small] = 1;
            hist.fill(0, ss * slotSize, (ss + 1) * slotSize);
            cells?.fill(0, ss * cellSize, (ss + 1) * cellSize);
            // the leaf's rows are together (ascending, so sums are as in row order): its
            // histogram stays in cache while they are added
            const from = leafStart[small];
            const base = ss * totalCells;
            const target = cells ?? hist;
            accumulateRows(
              order,
              from,
              from + leafCount[small],
              rows,
              gS,
              hS,
              nS,
              D,
              mat,
              nCols,
              colOff,
              base,
              target,
              this.colBase,
            );
          }
        }
      }
      if (groups && cells) {
        for (let p = 0; p < nSlots; p++) {
          if (!isSmall[slotLeaf[p]]) continue;
          marginalize(groups, offsets, D, cells, p * cellSize, hist, p * slotSize);
        }
      }
      if (d > 0) {
        const half = 1 << (d - 1);
        for (let p = 0; p < nSlots; p++) {
          const leaf = slotLeaf[p];
          if (isSmall[leaf]) continue;
          const sibling = leaf ^ half;
          const parentLeaf = leaf & (half - 1);
          const ps = this.prevSlotOfLeaf[parentLeaf];
          const o = p * slotSize;
          const po = ps * slotSize;
          if (slotOfLeaf[sibling] >= 0 && isSmall[sibling]) {
            const so = slotOfLeaf[sibling] * slotSize;
            subtractHist(hist, o, parent, po, so, slotSize);
          } else {
            hist.set(parent.subarray(po, po + slotSize), o);
          }
        }
      }
      // leaf totals, from the partition that made the leaves
      for (let p = 0; p < nSlots; p++) {
        const leaf = slotLeaf[p];
        for (let i = 0; i < D * 2; i++) leafStats[p * D * 2 + i] = leafSums[leaf * D * 2 + i];
      }
      const active = this.active;
      for (let a = 0; a < nSlots; a++) active[a] = a;
      // scores of every candidate split of every feature, at the feature's bin offset
      const score = this.score;
      scoreBorderSplits(
        active,
        nSlots,
        totalBins,
        D,
        this.borderFeats,
        this.borderOff,
        this.borderBins,
        hist,
        leafStats,
        this.l2,
        cosine,
        this.num,
        this.den,
        score,
      );
      for (let f = 0; f < nF; f++) {
        if (features[f].kind !== "onehot") continue;
        scoreOneHotSplits(
          active,
          nSlots,
          slotSize,
          offsets[f] * 2 * D,
          features[f].nBins,
          D,
          hist,
          leafStats,
          this.l2,
          cosine,
          this.num,
          this.den,
          score,
          offsets[f],
        );
      }
      // one-hot: the last bin is "unseen", never split on; borders: nb - 1 splits
      let maxScore = -Infinity;
      for (let f = 0; f < nF; f++) {
        const end = offsets[f + 1] - 1;
        for (let s = offsets[f]; s < end; s++) if (score[s] > maxScore) maxScore = score[s];
      }
      // noise is bounded by the table's largest draw, so only candidates that could still win draw it
      const floor = noise > 0 ? maxScore - 2 * this.normalMax * noise : maxScore;
      let bestScore = -Infinity;
      let bestF = 0;
      let bestS = 0;
      // xorshift32 state in a local: this loop draws tens of thousands of normals per tree
      let x = this.noiseState;
      const normals = this.normals;
      // largest noise any draw can add (rounding is monotone, so skipping below it is exact)
      const reach = noise * this.normalMax;
      for (let f = 0; f < nF; f++) {
        const off = offsets[f];
        const end = off + features[f].nBins - 1;
        for (let s = off; s < end; s++) {
          let sc = score[s];
          if (sc < floor) continue;
          if (noise > 0) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            // the table is too big for the L1 cache: read it only when the draw could matter
            if (sc + reach <= bestScore) continue;
            sc += noise * normals[x & NORMAL_MASK];
          }
          if (sc > bestScore) {
            bestScore = sc;
            bestF = f;
            bestS = s - off;
          }
        }
      }
      this.noiseState = x;
      treeFeatures[d] = bestF;
      treeSplits[d] = bestS;
      const bit = 1 << d;
      const eq = features[bestF].kind === "onehot";
      // the feature's column: sequential reads, where the row-major matrix would stride
      const bestCol = features[bestF].learn;
      // leaves without rows have children without rows
      leafCount.fill(0, bit, bit << 1);
      leafSums.fill(0, bit * D * 2, 2 * bit * D * 2);
      const next = this.orderNext;
      // each leaf's rows split stably: left ones forward from its start, right ones backward
      // from its end (reversed after); the children's sums are added in sample order
      for (let p = 0; p < nSlots; p++) {
        const l = slotLeaf[p];
        const r = l | bit;
        const from = leafStart[l];
        const end = from + leafCount[l];
        leafSums.fill(0, l * D * 2, (l + 1) * D * 2);
        const nl = splitLeafRows(
          order,
          next,
          from,
          end,
          rows,
          bestCol,
          eq,
          bestS,
          gS,
          hS,
          nS,
          D,
          leafSums,
          l,
          r,
        );
        next.subarray(nl, end).reverse();
        leafCount[l] = nl - from;
        leafStart[r] = nl;
        leafCount[r] = end - nl;
      }
      this.orderNext = order;
      this.order = next;
      order = next;
      this.prevSlotOfLeaf.set(slotOfLeaf.subarray(0, bit));
      if (d === 0) this.prevSlotOfLeaf[0] = 0;
      const t = hist;
      hist = parent;
      parent = t;
    }
    // leaf values: one Newton (or gradient) step from the sampled rows' statistics
    const nLeaves = 1 << depth;
    const stats = leafSums.subarray(0, nLeaves * D * 2);
    const wsum = new Float64Array(nLeaves);
    const newton = params.leafEstimationMethod === "Newton";
    for (let l = 0; l < nLeaves && !newton; l++) {
      const from = leafStart[l];
      const end = from + leafCount[l];
      for (let t = from; t < end; t++) {
        const j = order[t];
        wsum[l] += this.sw[j] * (data.weight ? data.weight[rows[j]] : 1);
      }
    }
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
    evalSet: number | null,
    n: number,
    idx: Uint32Array,
    approx: Float64Array,
  ): void {
    idx.fill(0);
    for (let d = 0; d < tree.depth; d++) {
      const fi = tree.features[d];
      const f = this.data.features[fi];
      const s = tree.splits[d];
      const eq = f.kind === "onehot";
      const bins = evalSet === null ? f.learn : f.evals[evalSet];
      // branch-free (bins and s are below 2^16): the sign of s - bin is "bin > s"; of
      // (bin ^ s) - 1, "bin == s"
      if (eq) for (let i = 0; i < n; i++) idx[i] |= (((bins[i] ^ s) - 1) >>> 31) << d;
      else for (let i = 0; i < n; i++) idx[i] |= ((s - bins[i]) >>> 31) << d;
    }
    const D = this.dims;
    const v = tree.leafValues;
    if (D === 1) {
      for (let i = 0; i < n; i++) approx[i] += v[idx[i]];
      return;
    }
    for (let k = 0; k < D; k++) for (let i = 0; i < n; i++) approx[k * n + i] += v[idx[i] * D + k];
  }

  /** Drops the trees after `count` (used by early stopping with useBestModel). */
  truncate(count: number): void {
    this.trees.length = Math.min(this.trees.length, count);
  }
}
