import { describe, expect, it } from "vitest";
import { HaltonSequence } from "../../../../src/tune/samplers/qmc/halton.js";
import { SobolSequence } from "../../../../src/tune/samplers/qmc/sobol.js";

/** True when each of the 2^m first points falls in its own interval [k/2^m, (k+1)/2^m). */
function stratified(values: number[], m: number): boolean {
  const seen = new Set(values.map((v) => Math.floor(v * 2 ** m)));
  return seen.size === 2 ** m;
}

describe("SobolSequence", () => {
  it("starts with 0, 1/2, then quarters in dimension 0 (van der Corput)", () => {
    const s = new SobolSequence(3);
    expect([0, 1, 2, 3].map((i) => s.point(i)[0])).toEqual([0, 0.5, 0.25, 0.75]);
  });

  it("every coordinate of the first 2^m points is stratified (a (0, m, 1)-net), scrambled or not", () => {
    for (const scramble of [false, true]) {
      const s = new SobolSequence(40, { scramble, seed: 7 });
      const pts = Array.from({ length: 256 }, (_, i) => s.point(i));
      for (let j = 0; j < 40; j++)
        expect(
          stratified(
            pts.map((p) => p[j]),
            8,
          ),
        ).toBe(true);
    }
  });

  it("2-D projections of 1024 points are far more even than random points", () => {
    const s = new SobolSequence(8, { scramble: true, seed: 1 });
    const pts = Array.from({ length: 1024 }, (_, i) => s.point(i));
    // Count points per cell of a 16x16 grid over each pair of dimensions: expected 4 per cell.
    let worst = 0;
    for (let a = 0; a < 8; a++)
      for (let b = a + 1; b < 8; b++) {
        const cells = new Int32Array(256);
        for (const p of pts) cells[Math.floor(p[a] * 16) * 16 + Math.floor(p[b] * 16)]++;
        let chi = 0;
        for (const c of cells) chi += (c - 4) ** 2 / 4;
        worst = Math.max(worst, chi);
      }
    // Random points give chi² ≈ 255 ± 23 per pair; a digital net is far below.
    expect(worst).toBeLessThan(120);
  });

  it("scramble seeds give different points, the same seed the same (seed 0 included)", () => {
    const p = (seed: number) => Array.from(new SobolSequence(5, { scramble: true, seed }).point(3));
    expect(p(0)).toEqual(p(0));
    expect(p(0)).not.toEqual(p(1));
  });
});

describe("HaltonSequence", () => {
  it("is the radical inverse in bases 2, 3, 5", () => {
    const h = new HaltonSequence(3);
    // 5 = 101₂ = 12₃ = 10₅ → 0.101₂, 0.21₃, 0.01₅
    const expected = [5 / 8, 2 / 3 + 1 / 9, 1 / 25];
    const p = h.point(5);
    for (let j = 0; j < 3; j++) expect(p[j]).toBeCloseTo(expected[j], 15);
  });

  it("scrambled points stay in [0, 1) and differ by seed", () => {
    const a = new HaltonSequence(10, { scramble: true, seed: 0 });
    const b = new HaltonSequence(10, { scramble: true, seed: 1 });
    for (let i = 0; i < 100; i++) for (const x of a.point(i)) expect(x >= 0 && x < 1).toBe(true);
    expect(Array.from(a.point(4))).not.toEqual(Array.from(b.point(4)));
  });
});
