/**
 * Kernels of the symmetric (oblivious) tree search: histograms of gradient statistics per leaf and
 * bin, and the scores of every split of one feature summed over all leaves (one split is shared by
 * every leaf of a level). They know nothing of pools or models; buffers are passed in.
 *
 * Histogram layout: the statistics of leaf slot s, feature bin b (b counted from the feature's
 * first bin), dimension k sit at `(s * slotStride + base + b * 2 * D) + 2 * k` (gradient sum) and
 * `+ 1` (hessian sum).
 */

/**
 * Adds the sampled rows `order[from..to)` (one leaf's rows) to the histograms of all columns at
 * once, row by row: a row's cells are contiguous in the row-major `mat`, which holds each column's
 * cell counted from the column's first cell `colOff[c]`; the leaf's histograms start at cell
 * `base`. `g`/`h` are per sample position (dimension-major with stride `nS`). `colBase` is
 * scratch of `nCols` entries.
 */
export function accumulateRows(
  order: Uint32Array,
  from: number,
  to: number,
  rows: Uint32Array,
  g: Float64Array,
  h: Float64Array,
  nS: number,
  dims: number,
  mat: Uint8Array | Uint16Array,
  nCols: number,
  colOff: Int32Array,
  base: number,
  hist: Float64Array,
  colBase: Int32Array,
): void {
  if (dims === 1) {
    for (let c = 0; c < nCols; c++) colBase[c] = base + colOff[c];
    // eight rows at a time: their additions interleave (about twice as fast as row by row, the
    // loads and stores of different rows overlap), and each cell still gets its rows in order
    let t = from;
    for (; t + 7 < to; t += 8) {
      const j0 = order[t];
      const j1 = order[t + 1];
      const j2 = order[t + 2];
      const j3 = order[t + 3];
      const j4 = order[t + 4];
      const j5 = order[t + 5];
      const j6 = order[t + 6];
      const j7 = order[t + 7];
      const r0 = rows[j0] * nCols;
      const r1 = rows[j1] * nCols;
      const r2 = rows[j2] * nCols;
      const r3 = rows[j3] * nCols;
      const r4 = rows[j4] * nCols;
      const r5 = rows[j5] * nCols;
      const r6 = rows[j6] * nCols;
      const r7 = rows[j7] * nCols;
      const g0 = g[j0];
      const g1 = g[j1];
      const g2 = g[j2];
      const g3 = g[j3];
      const g4 = g[j4];
      const g5 = g[j5];
      const g6 = g[j6];
      const g7 = g[j7];
      const h0 = h[j0];
      const h1 = h[j1];
      const h2 = h[j2];
      const h3 = h[j3];
      const h4 = h[j4];
      const h5 = h[j5];
      const h6 = h[j6];
      const h7 = h[j7];
      for (let c = 0; c < nCols; c++) {
        const cb = colBase[c];
        let o = (cb + mat[r0 + c]) << 1;
        hist[o] += g0;
        hist[o + 1] += h0;
        o = (cb + mat[r1 + c]) << 1;
        hist[o] += g1;
        hist[o + 1] += h1;
        o = (cb + mat[r2 + c]) << 1;
        hist[o] += g2;
        hist[o + 1] += h2;
        o = (cb + mat[r3 + c]) << 1;
        hist[o] += g3;
        hist[o + 1] += h3;
        o = (cb + mat[r4 + c]) << 1;
        hist[o] += g4;
        hist[o + 1] += h4;
        o = (cb + mat[r5 + c]) << 1;
        hist[o] += g5;
        hist[o + 1] += h5;
        o = (cb + mat[r6 + c]) << 1;
        hist[o] += g6;
        hist[o + 1] += h6;
        o = (cb + mat[r7 + c]) << 1;
        hist[o] += g7;
        hist[o + 1] += h7;
      }
    }
    for (; t < to; t++) {
      const j = order[t];
      const rb = rows[j] * nCols;
      const gj = g[j];
      const hj = h[j];
      for (let c = 0; c < nCols; c++) {
        const o = (colBase[c] + mat[rb + c]) << 1;
        hist[o] += gj;
        hist[o + 1] += hj;
      }
    }
    return;
  }
  const stride = 2 * dims;
  for (let t = from; t < to; t++) {
    const j = order[t];
    const rb = rows[j] * nCols;
    for (let c = 0; c < nCols; c++) {
      const o = (base + colOff[c] + mat[rb + c]) * stride;
      for (let k = 0; k < dims; k++) {
        hist[o + 2 * k] += g[k * nS + j];
        hist[o + 2 * k + 1] += h[k * nS + j];
      }
    }
  }
}

/**
 * Scores of the splits "bin > s" (s = 0..nBins-2) of every border feature in `feats`, summed over
 * the slots in `active`, into `score[off + s]` (off = the feature's first bin in the concatenated
 * histogram, `featOff[i]`; its bin count is `featBins[i]`). `leafStats[(slot * D + k) * 2]` holds a
 * slot's gradient sum, `+ 1` its hessian sum. `num` and `den` are scratch of `totalBins` entries.
 *
 * Cosine (CatBoost's default): cosine between the gradient vector and the step the split would
 * take, sum(G^2 / (H + l2)) / sqrt(sum(H * (G / (H + l2))^2)). L2: sum(G^2 / (H + l2)).
 *
 * A slot's share of a feature's scores only changes at its non-empty bins, and deep in a tree most
 * bins of a slot are empty; so each slot adds the changes of its share at its non-empty bins
 * (`num`/`den` hold differences) and one prefix sum per feature turns them into totals. An empty
 * bin then costs one load and one compare. All features of a level go in one call: the per-call
 * set-up would otherwise cost as much as the 16 bins of a target-statistic feature.
 */
export function scoreBorderSplits(
  active: Uint32Array,
  nActive: number,
  totalBins: number,
  dims: number,
  feats: number,
  featOff: Int32Array,
  featBins: Int32Array,
  hist: Float64Array,
  leafStats: Float64Array,
  l2: number,
  cosine: boolean,
  num: Float64Array,
  den: Float64Array,
  score: Float64Array,
): void {
  num.fill(0, 0, totalBins);
  den.fill(0, 0, totalBins);
  const stride = 2 * dims;
  for (let a = 0; a < nActive; a++) {
    const s = active[a];
    for (let k = 0; k < dims; k++) {
      const G = leafStats[(s * dims + k) * 2];
      const H = leafStats[(s * dims + k) * 2 + 1];
      for (let fi = 0; fi < feats; fi++) {
        const off = featOff[fi];
        const end = off + featBins[fi] - 1;
        let gl = 0;
        let hl = 0;
        // this slot's share at the previous non-empty bin
        let pn = 0;
        let pd = 0;
        let o = (s * totalBins + off) * stride + 2 * k;
        for (let b = off; b < end; b++, o += stride) {
          const hb = hist[o + 1];
          // an empty bin leaves this leaf's split statistics as they were for the previous border
          if (hb === 0 && b !== off) continue;
          gl += hist[o];
          hl += hb;
          const gr = G - gl;
          const hr = H - hl;
          // one division for both sides: vl = gl / (hl + l2), vr = gr / (hr + l2)
          const a = hl + l2;
          const c = hr + l2;
          const ac = a * c;
          let vl: number;
          let vr: number;
          if (ac > 0) {
            const inv = 1 / ac;
            vl = gl * c * inv;
            vr = gr * a * inv;
          } else {
            // an empty side (possible only with l2 = 0) contributes nothing
            vl = a > 0 ? gl / a : 0;
            vr = c > 0 ? gr / c : 0;
          }
          const cn = gl * vl + gr * vr;
          const cd = hl * vl * vl + hr * vr * vr;
          num[b] += cn - pn;
          den[b] += cd - pd;
          pn = cn;
          pd = cd;
        }
      }
    }
  }
  for (let fi = 0; fi < feats; fi++) {
    const off = featOff[fi];
    const end = off + featBins[fi] - 1;
    let sn = 0;
    let sd = 0;
    for (let b = off; b < end; b++) {
      sn += num[b];
      sd += den[b];
      score[b] = cosine ? (sd > 0 ? sn / Math.sqrt(sd) : 0) : sn;
    }
  }
}

/** Scores of the one-hot splits "bin == v" (v = 0..nBins-1) of one feature into `score[out + v]`. */
export function scoreOneHotSplits(
  active: Uint32Array,
  nActive: number,
  slotStride: number,
  base: number,
  nBins: number,
  dims: number,
  hist: Float64Array,
  leafStats: Float64Array,
  l2: number,
  cosine: boolean,
  num: Float64Array,
  den: Float64Array,
  score: Float64Array,
  out: number,
): void {
  num.fill(0, 0, nBins);
  den.fill(0, 0, nBins);
  const stride = 2 * dims;
  for (let a = 0; a < nActive; a++) {
    const s = active[a];
    for (let k = 0; k < dims; k++) {
      const G = leafStats[(s * dims + k) * 2];
      const H = leafStats[(s * dims + k) * 2 + 1];
      for (let v = 0; v < nBins; v++) {
        const o = s * slotStride + base + v * stride + 2 * k;
        const gr = hist[o];
        const hr = hist[o + 1];
        const gl = G - gr;
        const hl = H - hr;
        const vl = hl + l2 > 0 ? gl / (hl + l2) : 0;
        const vr = hr + l2 > 0 ? gr / (hr + l2) : 0;
        num[v] += gl * vl + gr * vr;
        den[v] += hl * vl * vl + hr * vr * vr;
      }
    }
  }
  for (let v = 0; v < nBins; v++)
    score[out + v] = cosine ? (den[v] > 0 ? num[v] / Math.sqrt(den[v]) : 0) : num[v];
}
