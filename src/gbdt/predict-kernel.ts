/**
 * Prediction kernel for symmetric trees over quantised inputs, four rows per 32-bit word (SWAR:
 * "SIMD within a register"). Each source column holds one byte per row, values 0..127, so the test
 * q > k of four rows is one add: q + (127 - k) reaches bit 7 of its byte exactly when q > k, and
 * no byte carries into the next. Leaf indexes (depth <= 8) build up in the bytes of `idx`.
 *
 * Layout: `q[src * n4 + i]` (n4 = rows rounded up to a multiple of 4), viewed as 32-bit words;
 * little-endian, so byte j of word w is row 4w + j.
 */

/** Byte value 1 in every lane. */
const ONES = 0x01010101;
/** Bit 7 of every lane. */
const HIGH = 0x80808080;
/** Low seven bits of every lane. */
const LOW7 = 0x7f7f7f7f;

/** Whether this platform stores typed arrays little-endian (the kernel assumes it). */
export const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Adds the leaf values of trees [0, end) to `out` (length n). `levelSource/levelK/levelEq` list each
 * tree's levels from `treeOffset[t]`; one-hot levels test equality. `idx` is scratch (n4 / 4 words).
 */
export function predictSwar(
  q: Uint32Array,
  n: number,
  n4: number,
  end: number,
  treeOffset: Int32Array,
  levelSource: Int32Array,
  levelK: Int32Array,
  levelEq: Uint8Array,
  leafOffset: Int32Array,
  leaves: Float64Array,
  idx: Uint32Array,
  out: Float64Array,
): void {
  const words = n4 >>> 2;
  const full = n >>> 2;
  for (let t = 0; t < end; t++) {
    const first = treeOffset[t];
    const last = treeOffset[t + 1];
    idx.fill(0, 0, words);
    for (let l = first; l < last; l++) {
      const base = levelSource[l] * words;
      const k = levelK[l];
      const sh = l - first;
      if (levelEq[l]) {
        const kk = Math.imul(k, ONES);
        for (let w = 0; w < words; w++) {
          const x = q[base + w] ^ kk;
          // a byte is zero exactly when its bit 7 stays clear here
          const nz = ((x & LOW7) + LOW7) | x;
          idx[w] |= ((~nz & HIGH) >>> 7) << sh;
        }
      } else {
        const add = Math.imul(127 - k, ONES);
        for (let w = 0; w < words; w++) idx[w] |= (((q[base + w] + add) & HIGH) >>> 7) << sh;
      }
    }
    const lo = leafOffset[t];
    for (let w = 0; w < full; w++) {
      const v = idx[w];
      const r = w << 2;
      out[r] += leaves[lo + (v & 255)];
      out[r + 1] += leaves[lo + ((v >>> 8) & 255)];
      out[r + 2] += leaves[lo + ((v >>> 16) & 255)];
      out[r + 3] += leaves[lo + (v >>> 24)];
    }
    for (let r = full << 2; r < n; r++) out[r] += leaves[lo + ((idx[r >>> 2] >>> ((r & 3) << 3)) & 255)];
  }
}
