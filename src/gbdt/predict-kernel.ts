/**
 * Prediction kernel for symmetric trees over quantised inputs, four rows per 32-bit word (SWAR:
 * "SIMD within a register"). Each column holds one byte per row, values 0..127, so the test q > k
 * of four rows is one add: q + (127 - k) reaches bit 7 of its byte exactly when q > k, and no byte
 * carries into the next. Every level is such a test (equality tests of one-hot features come as
 * 0/1 indicator columns tested "> 0"). Leaf indexes (depth <= 8) build up in the bytes of a word.
 *
 * Layout: `q[column * n4 + i]` (n4 = rows rounded up to a multiple of 4), viewed as 32-bit words;
 * little-endian, so byte j of word w is row 4w + j.
 */

/** Byte value 1 in every lane. */
const ONES = 0x01010101;
/** Bit 7 of every lane. */
const HIGH = 0x80808080;

/** Whether this platform stores typed arrays little-endian (the kernel assumes it). */
export const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The word added to a column word so that bit 7 of each byte is the test "byte > k". */
export function swarAddend(k: number): number {
  return Math.imul(127 - k, ONES);
}

/**
 * Adds the leaf values of trees [0, end) to `out` (length n), tree by tree in order for every row
 * (so the sums are those of a plain tree-by-tree loop). Level l of tree t (from `treeOffset[t]`)
 * tests column `levelColumn[l]` with addend `levelAdd[l]` (see {@link swarAddend}).
 */
export function predictSwar(
  q: Uint32Array,
  n: number,
  n4: number,
  end: number,
  treeOffset: Int32Array,
  levelColumn: Int32Array,
  levelAdd: Int32Array,
  leafOffset: Int32Array,
  leaves: Float64Array,
  out: Float64Array,
): void {
  const words = n4 >>> 2;
  const base = new Int32Array(24);
  const add = new Int32Array(24);
  let t = 0;
  while (t < end) {
    const first = treeOffset[t];
    const depth = treeOffset[t + 1] - first;
    // four depth-6 trees per pass: each row's running sum is loaded and stored once for all four
    let four = depth === 6 && t + 4 <= end;
    for (let k = 1; four && k < 4; k++) four = treeOffset[t + k + 1] - treeOffset[t + k] === 6;
    const levels = four ? 24 : depth;
    for (let l = 0; l < levels; l++) {
      base[l] = levelColumn[first + l] * words;
      add[l] = levelAdd[first + l];
    }
    if (four) {
      fourOfDepth6(q, n, words, base, add, leaves, leafOffset, t, out);
      t += 4;
    } else {
      oneTree(q, n, words, depth, base, add, leaves, leafOffset[t], out);
      t++;
    }
  }
}

/** One tree of any depth <= 8. */
function oneTree(
  q: Uint32Array,
  n: number,
  words: number,
  depth: number,
  base: Int32Array,
  add: Int32Array,
  leaves: Float64Array,
  lo: number,
  out: Float64Array,
): void {
  for (let w = 0; w < words; w++) {
    let v = 0;
    // bit 7 of each byte moved to bit l
    for (let l = 0; l < depth; l++) v |= ((q[base[l] + w] + add[l]) & HIGH) >>> (7 - l);
    const r = w << 2;
    if (r + 4 <= n) {
      out[r] += leaves[lo + (v & 255)];
      out[r + 1] += leaves[lo + ((v >>> 8) & 255)];
      out[r + 2] += leaves[lo + ((v >>> 16) & 255)];
      out[r + 3] += leaves[lo + (v >>> 24)];
    } else {
      for (let j = 0; r + j < n; j++) out[r + j] += leaves[lo + ((v >>> (j << 3)) & 255)];
    }
  }
}

/**
 * Four consecutive trees of depth 6 (levels 0-23 of `base`/`add`, leaves from `leafOffset[t]`),
 * unrolled with every column offset and addend in a local: 0.8x the time of two trees per pass.
 */
function fourOfDepth6(
  q: Uint32Array,
  n: number,
  words: number,
  base: Int32Array,
  add: Int32Array,
  leaves: Float64Array,
  leafOffset: Int32Array,
  t: number,
  out: Float64Array,
): void {
  const b0 = base[0];
  const b1 = base[1];
  const b2 = base[2];
  const b3 = base[3];
  const b4 = base[4];
  const b5 = base[5];
  const b6 = base[6];
  const b7 = base[7];
  const b8 = base[8];
  const b9 = base[9];
  const b10 = base[10];
  const b11 = base[11];
  const b12 = base[12];
  const b13 = base[13];
  const b14 = base[14];
  const b15 = base[15];
  const b16 = base[16];
  const b17 = base[17];
  const b18 = base[18];
  const b19 = base[19];
  const b20 = base[20];
  const b21 = base[21];
  const b22 = base[22];
  const b23 = base[23];
  const a0 = add[0];
  const a1 = add[1];
  const a2 = add[2];
  const a3 = add[3];
  const a4 = add[4];
  const a5 = add[5];
  const a6 = add[6];
  const a7 = add[7];
  const a8 = add[8];
  const a9 = add[9];
  const a10 = add[10];
  const a11 = add[11];
  const a12 = add[12];
  const a13 = add[13];
  const a14 = add[14];
  const a15 = add[15];
  const a16 = add[16];
  const a17 = add[17];
  const a18 = add[18];
  const a19 = add[19];
  const a20 = add[20];
  const a21 = add[21];
  const a22 = add[22];
  const a23 = add[23];
  const l0 = leafOffset[t];
  const l1 = leafOffset[t + 1];
  const l2 = leafOffset[t + 2];
  const l3 = leafOffset[t + 3];
  const full = n >>> 2;
  for (let w = 0; w < full; w++) {
    const v0 = leafIndexes6(q, w, b0, b1, b2, b3, b4, b5, a0, a1, a2, a3, a4, a5);
    const v1 = leafIndexes6(q, w, b6, b7, b8, b9, b10, b11, a6, a7, a8, a9, a10, a11);
    const v2 = leafIndexes6(q, w, b12, b13, b14, b15, b16, b17, a12, a13, a14, a15, a16, a17);
    const v3 = leafIndexes6(q, w, b18, b19, b20, b21, b22, b23, a18, a19, a20, a21, a22, a23);
    const r = w << 2;
    // ((((sum + tree 1) + tree 2) + tree 3) + tree 4): the order of a tree-by-tree loop
    out[r] =
      out[r] +
      leaves[l0 + (v0 & 255)] +
      leaves[l1 + (v1 & 255)] +
      leaves[l2 + (v2 & 255)] +
      leaves[l3 + (v3 & 255)];
    out[r + 1] =
      out[r + 1] +
      leaves[l0 + ((v0 >>> 8) & 255)] +
      leaves[l1 + ((v1 >>> 8) & 255)] +
      leaves[l2 + ((v2 >>> 8) & 255)] +
      leaves[l3 + ((v3 >>> 8) & 255)];
    out[r + 2] =
      out[r + 2] +
      leaves[l0 + ((v0 >>> 16) & 255)] +
      leaves[l1 + ((v1 >>> 16) & 255)] +
      leaves[l2 + ((v2 >>> 16) & 255)] +
      leaves[l3 + ((v3 >>> 16) & 255)];
    out[r + 3] =
      out[r + 3] +
      leaves[l0 + (v0 >>> 24)] +
      leaves[l1 + (v1 >>> 24)] +
      leaves[l2 + (v2 >>> 24)] +
      leaves[l3 + (v3 >>> 24)];
  }
  // the last word's rows past n (n not a multiple of 4)
  for (let w = full; w < words; w++) {
    const v0 = leafIndexes6(q, w, b0, b1, b2, b3, b4, b5, a0, a1, a2, a3, a4, a5);
    const v1 = leafIndexes6(q, w, b6, b7, b8, b9, b10, b11, a6, a7, a8, a9, a10, a11);
    const v2 = leafIndexes6(q, w, b12, b13, b14, b15, b16, b17, a12, a13, a14, a15, a16, a17);
    const v3 = leafIndexes6(q, w, b18, b19, b20, b21, b22, b23, a18, a19, a20, a21, a22, a23);
    const r = w << 2;
    for (let j = 0; r + j < n; j++) {
      const s = j << 3;
      out[r + j] =
        out[r + j] +
        leaves[l0 + ((v0 >>> s) & 255)] +
        leaves[l1 + ((v1 >>> s) & 255)] +
        leaves[l2 + ((v2 >>> s) & 255)] +
        leaves[l3 + ((v3 >>> s) & 255)];
    }
  }
}

/** Leaf indexes of a depth-6 tree for the four rows of word w (one per byte). */
function leafIndexes6(
  q: Uint32Array,
  w: number,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  b4: number,
  b5: number,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  a4: number,
  a5: number,
): number {
  return (
    (((q[b0 + w] + a0) & HIGH) >>> 7) |
    (((q[b1 + w] + a1) & HIGH) >>> 6) |
    (((q[b2 + w] + a2) & HIGH) >>> 5) |
    (((q[b3 + w] + a3) & HIGH) >>> 4) |
    (((q[b4 + w] + a4) & HIGH) >>> 3) |
    (((q[b5 + w] + a5) & HIGH) >>> 2)
  );
}
