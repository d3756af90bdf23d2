/**
 * Random streams that `bench/tune/pruning.ts` and `bench/tune/optuna_pruning.py` compute
 * identically (splitmix64 by key, then Box-Muller), so both engines see the same step noise and
 * the same start-up trials. Only the samplers' own choices then differ between the sides: an
 * unpaired bench compared which noise streams the seeds happened to draw, which decides most of
 * the best value under aggressive pruning. Keep in step with the Python twin.
 */

const MASK = (1n << 64n) - 1n;

function splitmix64(key: bigint): bigint {
  let z = (key + 0x9e3779b97f4a7c15n) & MASK;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

/** A uniform number in (0, 1) for the key (seed, trial, slot). */
export function uniform(seed: number, trial: number, slot: number): number {
  const key = (BigInt(seed) * 1_000_003n + BigInt(trial)) * 4099n + BigInt(slot);
  return (Number(splitmix64(key) >> 11n) + 0.5) / 2 ** 53;
}

/** The standard normal noise of each step 1..steps of a trial (slots 2·step and 2·step + 1). */
export function stepNoise(seed: number, trial: number, steps: number): Float64Array {
  const out = new Float64Array(steps);
  for (let t = 1; t <= steps; t++) {
    const u1 = uniform(seed, trial, 2 * t);
    const u2 = uniform(seed, trial, 2 * t + 1);
    out[t - 1] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  return out;
}

/** Parameters of a start-up trial (from slots 0, 1, 4090 and 4091, which the noise never uses). */
export function startupParams(
  seed: number,
  trial: number,
): { lr: number; dropout: number; width: number; optimizer: string } {
  return {
    lr: 10 ** (-4 + 4 * uniform(seed, trial, 0)),
    dropout: 0.6 * uniform(seed, trial, 1),
    width: Math.min(1024, Math.max(16, Math.round(2 ** (4 + 6 * uniform(seed, trial, 4090))))),
    optimizer: ["sgd", "rmsprop", "adam"][Math.floor(3 * uniform(seed, trial, 4091))],
  };
}
