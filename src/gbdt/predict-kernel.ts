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
  const base = new Int32Array(16);
  const add = new Int32Array(16);
  let t = 0;
  while (t < end) {
    const first = treeOffset[t];
    const depth = treeOffset[t + 1] - first;
    // two depth-6 trees per pass: each row's running sum is loaded and stored once for both
    const pair = depth === 6 && t + 1 < end && treeOffset[t + 2] - treeOffset[t + 1] === 6;
    const levels = pair ? 12 : depth;
    for (let l = 0; l < levels; l++) {
      base[l] = levelColumn[first + l] * words;
      add[l] = levelAdd[first + l];
    }
    if (pair) {
      pairOfDepth6(q, n, words, base, add, leaves, leafOffset[t], leafOffset[t + 1], out);
      t += 2;
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

/** Two consecutive trees of depth 6 (levels 0-5 and 6-11 of `base`/`add`), unrolled. */
function pairOfDepth6(
  q: Uint32Array,
  n: number,
  words: number,
  base: Int32Array,
  add: Int32Array,
  leaves: Float64Array,
  lo: number,
  lo2: number,
  out: Float64Array,
): void {
  const b0 = base[0];
  const b1 = base[1];
  const b2 = base[2];
  const b3 = base[3];
  const b4 = base[4];
  const b5 = base[5];
  const c0 = base[6];
  const c1 = base[7];
  const c2 = base[8];
  const c3 = base[9];
  const c4 = base[10];
  const c5 = base[11];
  const a0 = add[0];
  const a1 = add[1];
  const a2 = add[2];
  const a3 = add[3];
  const a4 = add[4];
  const a5 = add[5];
  const d0 = add[6];
  const d1 = add[7];
  const d2 = add[8];
  const d3 = add[9];
  const d4 = add[10];
  const d5 = add[11];
  for (let w = 0; w < words; w++) {
    const v =
      (((q[b0 + w] + a0) & HIGH) >>> 7) |
      (((q[b1 + w] + a1) & HIGH) >>> 6) |
      (((q[b2 + w] + a2) & HIGH) >>> 5) |
      (((q[b3 + w] + a3) & HIGH) >>> 4) |
      (((q[b4 + w] + a4) & HIGH) >>> 3) |
      (((q[b5 + w] + a5) & HIGH) >>> 2);
    const u =
      (((q[c0 + w] + d0) & HIGH) >>> 7) |
      (((q[c1 + w] + d1) & HIGH) >>> 6) |
      (((q[c2 + w] + d2) & HIGH) >>> 5) |
      (((q[c3 + w] + d3) & HIGH) >>> 4) |
      (((q[c4 + w] + d4) & HIGH) >>> 3) |
      (((q[c5 + w] + d5) & HIGH) >>> 2);
    const r = w << 2;
    if (r + 4 <= n) {
      // (sum + first tree) + second tree: the order of a tree-by-tree loop
      out[r] = out[r] + leaves[lo + (v & 255)] + leaves[lo2 + (u & 255)];
      out[r + 1] = out[r + 1] + leaves[lo + ((v >>> 8) & 255)] + leaves[lo2 + ((u >>> 8) & 255)];
      out[r + 2] = out[r + 2] + leaves[lo + ((v >>> 16) & 255)] + leaves[lo2 + ((u >>> 16) & 255)];
      out[r + 3] = out[r + 3] + leaves[lo + (v >>> 24)] + leaves[lo2 + (u >>> 24)];
    } else {
      for (let j = 0; r + j < n; j++) {
        const s = j << 3;
        out[r + j] = out[r + j] + leaves[lo + ((v >>> s) & 255)] + leaves[lo2 + ((u >>> s) & 255)];
      }
    }
  }
}
