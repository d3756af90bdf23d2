/**
 * Kernels of the symmetric (oblivious) tree search: histograms of gradient statistics per leaf and
 * bin, and the scores of every split of one feature summed over all leaves (one split is shared by
 * every leaf of a level). They know nothing of pools or models; scratch buffers are passed in.
 *
 * Layout: `hist[((slot * nBins) + bin) * 2 * D + 2 * k]` = sum of gradients of dimension k,
 * `+ 1` = sum of hessians. A slot is a non-empty leaf of the current level.
 */

import type { Bins } from "./features.js";

/** Sums gradients and hessians of the sampled rows into `hist` (zeroed here) for one feature. */
export function buildHistogram(
  nSample: number,
  rows: Uint32Array,
  rowSlot: Uint32Array,
  g: Float64Array,
  h: Float64Array,
  dims: number,
  bins: Bins,
  nBins: number,
  nSlots: number,
  hist: Float64Array,
): void {
  const size = nSlots * nBins * 2 * dims;
  hist.fill(0, 0, size);
  if (dims === 1) {
    for (let j = 0; j < nSample; j++) {
      const o = (rowSlot[j] * nBins + bins[rows[j]]) << 1;
      hist[o] += g[j];
      hist[o + 1] += h[j];
    }
    return;
  }
  const stride = 2 * dims;
  for (let j = 0; j < nSample; j++) {
    const o = (rowSlot[j] * nBins + bins[rows[j]]) * stride;
    for (let k = 0; k < dims; k++) {
      hist[o + 2 * k] += g[k * nSample + j];
      hist[o + 2 * k + 1] += h[k * nSample + j];
    }
  }
}

/**
 * Scores of the splits "bin > s" (s = 0..nBins-2) of one feature into `score[s]`.
 * `leafStats[(slot * D + k) * 2]` holds the slot's gradient sum, `+ 1` its hessian sum.
 *
 * Cosine (CatBoost's default): cosine between the gradient vector and the step the split would
 * take, sum(G^2 / (H + l2)) / sqrt(sum(H * (G / (H + l2))^2)). L2: sum(G^2 / (H + l2)).
 */
export function scoreBorderSplits(
  nSlots: number,
  nBins: number,
  dims: number,
  hist: Float64Array,
  leafStats: Float64Array,
  l2: number,
  cosine: boolean,
  num: Float64Array,
  den: Float64Array,
  score: Float64Array,
): void {
  const nSplits = nBins - 1;
  num.fill(0, 0, nSplits);
  den.fill(0, 0, nSplits);
  const stride = 2 * dims;
  for (let s = 0; s < nSlots; s++) {
    for (let k = 0; k < dims; k++) {
      const G = leafStats[(s * dims + k) * 2];
      const H = leafStats[(s * dims + k) * 2 + 1];
      let gl = 0;
      let hl = 0;
      let o = s * nBins * stride + 2 * k;
      for (let b = 0; b < nSplits; b++, o += stride) {
        gl += hist[o];
        hl += hist[o + 1];
        const gr = G - gl;
        const hr = H - hl;
        const vl = gl / (hl + l2);
        const vr = gr / (hr + l2);
        num[b] += gl * vl + gr * vr;
        den[b] += hl * vl * vl + hr * vr * vr;
      }
    }
  }
  for (let b = 0; b < nSplits; b++)
    score[b] = cosine ? (den[b] > 0 ? num[b] / Math.sqrt(den[b]) : 0) : num[b];
}

/** Scores of the one-hot splits "bin == v" (v = 0..nBins-1) of one feature into `score[v]`. */
export function scoreOneHotSplits(
  nSlots: number,
  nBins: number,
  dims: number,
  hist: Float64Array,
  leafStats: Float64Array,
  l2: number,
  cosine: boolean,
  num: Float64Array,
  den: Float64Array,
  score: Float64Array,
): void {
  num.fill(0, 0, nBins);
  den.fill(0, 0, nBins);
  const stride = 2 * dims;
  for (let s = 0; s < nSlots; s++) {
    for (let k = 0; k < dims; k++) {
      const G = leafStats[(s * dims + k) * 2];
      const H = leafStats[(s * dims + k) * 2 + 1];
      for (let v = 0; v < nBins; v++) {
        const o = (s * nBins + v) * stride + 2 * k;
        const gr = hist[o];
        const hr = hist[o + 1];
        const gl = G - gr;
        const hl = H - hr;
        const vl = gl / (hl + l2);
        const vr = gr / (hr + l2);
        num[v] += gl * vl + gr * vr;
        den[v] += hl * vl * vl + hr * vr * vr;
      }
    }
  }
  for (let v = 0; v < nBins; v++) score[v] = cosine ? (den[v] > 0 ? num[v] / Math.sqrt(den[v]) : 0) : num[v];
}
