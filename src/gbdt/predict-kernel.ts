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
  const base = new Int32Array(8);
  const add = new Int32Array(8);
  for (let t = 0; t < end; t++) {
    const first = treeOffset[t];
    const depth = treeOffset[t + 1] - first;
    let anyEq = false;
    for (let l = 0; l < depth; l++) {
      base[l] = levelSource[first + l] * words;
      // border test: q + (127 - k) sets bit 7 when q > k; equality keeps k for the xor below
      add[l] = levelEq[first + l]
        ? Math.imul(levelK[first + l], ONES)
        : Math.imul(127 - levelK[first + l], ONES);
      if (levelEq[first + l]) anyEq = true;
    }
    const lo = leafOffset[t];
    if (depth === 6 && !anyEq) {
      // the common case, unrolled: six tests and four leaf reads per word of four rows
      const b0 = base[0];
      const b1 = base[1];
      const b2 = base[2];
      const b3 = base[3];
      const b4 = base[4];
      const b5 = base[5];
      const a0 = add[0];
      const a1 = add[1];
      const a2 = add[2];
      const a3 = add[3];
      const a4 = add[4];
      const a5 = add[5];
      for (let w = 0; w < words; w++) {
        idx[w] =
          (((q[b0 + w] + a0) & HIGH) >>> 7) |
          ((((q[b1 + w] + a1) & HIGH) >>> 7) << 1) |
          ((((q[b2 + w] + a2) & HIGH) >>> 7) << 2) |
          ((((q[b3 + w] + a3) & HIGH) >>> 7) << 3) |
          ((((q[b4 + w] + a4) & HIGH) >>> 7) << 4) |
          ((((q[b5 + w] + a5) & HIGH) >>> 7) << 5);
      }
    } else {
      for (let w = 0; w < words; w++) {
        let v = 0;
        for (let l = 0; l < depth; l++) {
          const x = q[base[l] + w];
          if (levelEq[first + l]) {
            const y = x ^ add[l];
            // a byte is zero exactly when its bit 7 stays clear here
            const nz = ((y & LOW7) + LOW7) | y;
            v |= ((~nz & HIGH) >>> 7) << l;
          } else v |= (((x + add[l]) & HIGH) >>> 7) << l;
        }
        idx[w] = v;
      }
    }
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
