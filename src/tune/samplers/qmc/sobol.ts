import { Rng } from "../../rng.js";

const BITS = 32;

/**
 * Primitive polynomials over GF(2), in order of degree then value, as integers whose bit k is the
 * coefficient of x^k. Found by testing the multiplicative order of x modulo each candidate
 * (order 2^s − 1 ⇔ primitive), so no table is needed.
 */
function primitivePolynomials(count: number): number[] {
  const out: number[] = [];
  for (let s = 1; out.length < count && s <= 24; s++) {
    const order = 2 ** s - 1;
    const factors = primeFactors(order);
    for (let p = (1 << s) | 1; p < 1 << (s + 1) && out.length < count; p += 2) {
      if (s === 1) {
        out.push(p);
        continue;
      }
      if (powXMod(order, p, s) !== 1) continue;
      if (factors.every((q) => powXMod(order / q, p, s) !== 1)) out.push(p);
    }
  }
  return out;
}

function primeFactors(n: number): number[] {
  const out: number[] = [];
  for (let q = 2; q * q <= n; q++)
    if (n % q === 0) {
      out.push(q);
      while (n % q === 0) n /= q;
    }
  if (n > 1) out.push(n);
  return out;
}

/** x^e mod p over GF(2) (p of degree s). */
function powXMod(e: number, p: number, s: number): number {
  const mulMod = (a: number, b: number) => {
    let r = 0;
    while (b) {
      if (b & 1) r ^= a;
      b >>>= 1;
      a <<= 1;
      if (a & (1 << s)) a ^= p;
    }
    return r;
  };
  let result = 1;
  let base = 2 % (1 << s) === 2 ? 2 : 2 ^ p;
  while (e > 0) {
    if (e % 2 === 1) result = mulMod(result, base);
    base = mulMod(base, base);
    e = Math.floor(e / 2);
  }
  return result;
}

const directionCache: Uint32Array[] = [];

/**
 * Direction numbers v_1..v_32 (as 32-bit fractions) of Sobol dimension `dim` (Sobol 1967; Bratley
 * & Fox 1988). Dimension 0 is van der Corput's sequence; dimension j ≥ 1 uses the j-th primitive
 * polynomial and initial odd m_k < 2^k drawn from a fixed-seed stream (our own choice, not the
 * Joe–Kuo table), which keeps every one-dimensional projection a (0, m, 1)-net.
 */
export function sobolDirections(dim: number): Uint32Array {
  while (directionCache.length <= dim) {
    const j = directionCache.length;
    const v = new Uint32Array(BITS);
    if (j === 0) for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    else {
      const poly = primitivePolynomials(j)[j - 1];
      const s = 31 - Math.clz32(poly);
      const rng = new Rng(0x50b01 + j);
      const m = new Array<number>(BITS + 1);
      for (let k = 1; k <= s && k <= BITS; k++) m[k] = 2 * rng.int(2 ** (k - 1)) + 1;
      for (let k = s + 1; k <= BITS; k++) {
        let mk = m[k - s] ^ (m[k - s] * 2 ** s);
        for (let i = 1; i < s; i++) if ((poly >>> (s - i)) & 1) mk ^= m[k - i] * 2 ** i;
        m[k] = mk;
      }
      for (let k = 1; k <= BITS; k++) v[k - 1] = (m[k] * 2 ** (BITS - k)) >>> 0;
    }
    directionCache.push(v);
  }
  return directionCache[dim];
}

/**
 * A d-dimensional Sobol sequence, optionally scrambled by a random linear matrix scramble and a
 * digital shift (Matoušek 1998; Owen 2003), which keeps the net properties and randomises the
 * points so that different seeds give independent, unbiased designs.
 */
export class SobolSequence {
  private readonly v: Uint32Array[];
  private readonly shift: Uint32Array;

  constructor(
    readonly dim: number,
    options: { scramble?: boolean; seed?: number } = {},
  ) {
    const { scramble = false, seed } = options;
    this.v = [];
    this.shift = new Uint32Array(dim);
    const rng = new Rng(seed);
    for (let j = 0; j < dim; j++) {
      const base = sobolDirections(j);
      if (!scramble) {
        this.v.push(base);
        continue;
      }
      // Lower-triangular random binary matrix with unit diagonal, rows as bit masks (MSB first).
      const rows = new Uint32Array(BITS);
      for (let i = 0; i < BITS; i++) {
        const diag = 2 ** (BITS - 1 - i);
        const above = i === 0 ? 0 : (rng.nextUint32() & ~(diag * 2 - 1)) >>> 0;
        rows[i] = (above | diag) >>> 0;
      }
      const scrambled = new Uint32Array(BITS);
      for (let k = 0; k < BITS; k++) {
        let out = 0;
        for (let i = 0; i < BITS; i++) if (parity(rows[i] & base[k])) out |= 2 ** (BITS - 1 - i);
        scrambled[k] = out >>> 0;
      }
      this.v.push(scrambled);
      this.shift[j] = rng.nextUint32();
    }
  }

  /** The point with index `index` (0-based), coordinates in [0, 1). */
  point(index: number): Float64Array {
    const out = new Float64Array(this.dim);
    for (let j = 0; j < this.dim; j++) {
      let x = this.shift[j];
      let i = index;
      for (let k = 0; i > 0 && k < BITS; k++, i = Math.floor(i / 2)) if (i % 2 === 1) x ^= this.v[j][k];
      out[j] = (x >>> 0) / 2 ** BITS;
    }
    return out;
  }
}

function parity(x: number): boolean {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return (x & 1) === 1;
}
