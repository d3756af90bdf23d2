import { DataArgumentError } from "../errors.js";

const N = 624;
const M = 397;

/**
 * NumPy's legacy `RandomState`: the Mersenne Twister MT19937 (Matsumoto & Nishimura, 1998)
 * seeded with `init_genrand(seed)`, and the bounded-integer and shuffle routines built on it.
 * scikit-learn's splitters draw from it (`random_state=seed`), so replaying it gives the same
 * folds as scikit-learn for the same seed.
 */
export class NumpyRandomState {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  /** @param seed an integer in [0, 2^32 - 1], as `numpy.random.RandomState(seed)` accepts. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new DataArgumentError(`seed must be an integer in [0, 2^32 - 1], got ${seed}`);
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, in 32-bit arithmetic.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  /** The next 32-bit output of the generator. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let i = 0;
      for (; i < N - M; i++) {
        const y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
        mt[i] = mt[i + M] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      for (; i < N - 1; i++) {
        const y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
        mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      const y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform integer in [0, max] by masked rejection, as NumPy's legacy `random_interval`. */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new DataArgumentError(`interval(): max must be < 2^32, got ${max}`);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0;
    while (v > max);
    return v;
  }

  /** Shuffles in place as `RandomState.shuffle` does on a 1-d array (Fisher-Yates from the end). */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** `RandomState.permutation(n)`: a shuffled `0..n-1`. */
  permutation(n: number): Uint32Array {
    const a = new Uint32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    return this.shuffle(a);
  }
}

/** A seed for when the caller gave none (scikit-learn would use NumPy's global state). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}
