import { Rng } from "../../rng.js";

function primes(n: number): number[] {
  const out: number[] = [];
  for (let c = 2; out.length < n; c++) if (out.every((p) => c % p !== 0)) out.push(c);
  return out;
}

/**
 * A d-dimensional Halton sequence (radical inverses in the first d primes), optionally scrambled
 * by a random permutation of the digits per dimension and digit position (Owen-style permutation
 * scrambling, which breaks the correlation of high-dimensional Halton projections).
 */
export class HaltonSequence {
  private readonly bases: number[];
  /** perms[j][k] is the digit permutation of dimension j at digit position k, or null. */
  private readonly perms: (Int32Array[] | null)[];

  constructor(
    readonly dim: number,
    options: { scramble?: boolean; seed?: number } = {},
  ) {
    const { scramble = false, seed } = options;
    this.bases = primes(dim);
    const rng = new Rng(seed);
    this.perms = this.bases.map((b) => {
      if (!scramble) return null;
      const digits = Math.ceil(52 / Math.log2(b));
      return Array.from({ length: digits }, () => Int32Array.from(rng.shuffle([...Array(b).keys()])));
    });
  }

  /** The point with index `index` (0-based), coordinates in [0, 1). */
  point(index: number): Float64Array {
    const out = new Float64Array(this.dim);
    for (let j = 0; j < this.dim; j++) {
      const b = this.bases[j];
      const perm = this.perms[j];
      let i = index;
      let f = 1 / b;
      let x = 0;
      if (perm === null) {
        for (; i > 0; i = Math.floor(i / b), f /= b) x += (i % b) * f;
      } else {
        // Every digit position is permuted, including the trailing zeros of i.
        for (let k = 0; k < perm.length; k++, i = Math.floor(i / b), f /= b) x += perm[k][i % b] * f;
      }
      out[j] = Math.min(x, 1 - 2 ** -53);
    }
    return out;
  }
}
