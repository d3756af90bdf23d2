import type { FrozenTrial, TrialState } from "./frozen-trial.js";

/** Changes logged before the lists are dropped and rebuilt on their next read. */
const MAX_LOG = 256;

/**
 * A study's trials filtered by state, kept from read to read. Samplers and pruners ask for the
 * same states several times per trial while only a few trials change in between, so a list is
 * patched from the numbers changed since it was taken instead of filtered from every trial again.
 * A list handed out is never changed afterwards: patching works on a copy.
 */
export class StateLists {
  /** Numbers of the trials placed in the cache, oldest first. */
  private log: number[] = [];
  private readonly lists = new Map<string, { at: number; trials: FrozenTrial[] }>();

  /** The trial numbered `number` was placed in the cache. */
  changed(number: number): void {
    if (this.log.length >= MAX_LOG) this.reset();
    this.log.push(number);
  }

  /** The cache was emptied or rebuilt: every list is dropped. */
  reset(): void {
    this.log = [];
    this.lists.clear();
  }

  /** The trials of `cache` (ordered by number) whose state is one of `states`, ordered by number. */
  get(cache: readonly FrozenTrial[], states: readonly TrialState[]): readonly FrozenTrial[] {
    const key = states.join();
    const entry = this.lists.get(key);
    const at = this.log.length;
    let trials: FrozenTrial[];
    if (entry === undefined) trials = cache.filter((t) => states.includes(t.state));
    else if (entry.at === at) return entry.trials;
    else {
      trials = entry.trials.slice();
      // Patching is idempotent: a number logged twice is patched to its current trial twice.
      for (let k = entry.at; k < at; k++) patch(trials, cache[this.log[k]], states);
    }
    this.lists.set(key, { at, trials });
    return trials;
  }
}

/** Puts `t` in its place in `trials` (ordered by number), or takes it out if its state is not wanted. */
function patch(trials: FrozenTrial[], t: FrozenTrial, states: readonly TrialState[]): void {
  let lo = 0;
  let hi = trials.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trials[mid].number < t.number) lo = mid + 1;
    else hi = mid;
  }
  const present = lo < trials.length && trials[lo].number === t.number;
  const wanted = states.includes(t.state);
  if (present && wanted) trials[lo] = t;
  else if (present) trials.splice(lo, 1);
  else if (wanted) trials.splice(lo, 0, t);
}
