import { describe, expect, it } from "vitest";
import { Rng } from "../../src/gbdt/rng.js";
import { scoreBorderSplits } from "../../src/gbdt/tree-search.js";

/** The score of every border split straight from the definition, slot by slot, bin by bin. */
function reference(
  hist: Float64Array,
  slots: number,
  totalBins: number,
  offs: number[],
  bins: number[],
  l2: number,
  cosine: boolean,
): Float64Array {
  const out = new Float64Array(totalBins);
  offs.forEach((off, fi) => {
    for (let s = 0; s < bins[fi] - 1; s++) {
      let num = 0;
      let den = 0;
      for (let slot = 0; slot < slots; slot++) {
        let gl = 0;
        let hl = 0;
        let gr = 0;
        let hr = 0;
        for (let b = 0; b < bins[fi]; b++) {
          const o = (slot * totalBins + off + b) * 2;
          if (b <= s) {
            gl += hist[o];
            hl += hist[o + 1];
          } else {
            gr += hist[o];
            hr += hist[o + 1];
          }
        }
        const vl = gl / (hl + l2);
        const vr = gr / (hr + l2);
        num += gl * vl + gr * vr;
        den += hl * vl * vl + hr * vr * vr;
      }
      out[off + s] = cosine ? num / Math.sqrt(den) : num;
    }
  });
  return out;
}

describe("scoreBorderSplits(...)", () => {
  it("matches the Cosine and L2 scores computed from their definitions, empty bins included", () => {
    const rng = new Rng(3);
    const bins = [5, 2, 9];
    const offs = [0, 5, 7];
    const totalBins = 16;
    const slots = 3;
    const hist = new Float64Array(slots * totalBins * 2);
    // sparse histograms: about half the bins of each slot are empty, as deep in a tree
    for (let i = 0; i < slots * totalBins; i++) {
      if (rng.random() < 0.5) continue;
      hist[2 * i] = rng.normal();
      hist[2 * i + 1] = 0.5 + rng.random();
    }
    // every feature covers all rows of a slot: bin 0 of each feature takes what makes its sums
    // equal to the slot's totals
    const leafStats = new Float64Array(slots * 2);
    for (let slot = 0; slot < slots; slot++) {
      const sums = offs.map((off, fi) => {
        let g = 0;
        let h = 0;
        for (let b = 1; b < bins[fi]; b++) {
          g += hist[(slot * totalBins + off + b) * 2];
          h += hist[(slot * totalBins + off + b) * 2 + 1];
        }
        return [g, h];
      });
      const G = rng.normal();
      const H = 1 + Math.max(...sums.map(([, h]) => h));
      leafStats[slot * 2] = G;
      leafStats[slot * 2 + 1] = H;
      offs.forEach((off, fi) => {
        hist[(slot * totalBins + off) * 2] = G - sums[fi][0];
        hist[(slot * totalBins + off) * 2 + 1] = H - sums[fi][1];
      });
    }
    for (const cosine of [true, false]) {
      const score = new Float64Array(totalBins);
      scoreBorderSplits(
        Uint32Array.of(0, 1, 2),
        slots,
        totalBins,
        1,
        3,
        Int32Array.from(offs),
        Int32Array.from(bins),
        hist,
        leafStats,
        1.5,
        cosine,
        new Float64Array(totalBins),
        new Float64Array(totalBins),
        score,
      );
      const ref = reference(hist, slots, totalBins, offs, bins, 1.5, cosine);
      offs.forEach((off, fi) => {
        for (let s = 0; s < bins[fi] - 1; s++) expect(score[off + s]).toBeCloseTo(ref[off + s], 9);
      });
    }
  });
});
