import { InvalidParameterError } from "./errors.js";
import { Rng } from "./rng.js";

/** One target statistic of a categorical feature (CatBoost's CTR). */
export interface CtrSpec {
  /** "Borders": share of rows of the category whose target is in `targetClass`; "Counter": frequency. */
  readonly type: "Borders" | "Counter";
  /** Prior numerator (the denominator prior is 1, as CatBoost's `Prior=p/1`). */
  readonly prior: number;
  /** Borders: the class (or target bucket) whose share is counted. */
  readonly targetClass: number;
}

/**
 * Parses CatBoost-style `simpleCtr` descriptions (`Borders:Prior=0:Prior=0.5`, `Counter:Prior=0`)
 * into (type, prior) pairs.
 */
export function parseSimpleCtr(descriptions: readonly string[]): { type: CtrSpec["type"]; prior: number }[] {
  const out: { type: CtrSpec["type"]; prior: number }[] = [];
  for (const d of descriptions) {
    const [type, ...opts] = d.split(":");
    if (type !== "Borders" && type !== "Counter")
      throw new InvalidParameterError(
        "simpleCtr",
        `unknown ctr type "${type}" in "${d}" (known: Borders, Counter)`,
      );
    const priors: number[] = [];
    for (const o of opts) {
      const [k, v] = o.split("=");
      if (k !== "Prior")
        throw new InvalidParameterError("simpleCtr", `unknown ctr option "${k}" in "${d}" (known: Prior)`);
      const p = Number(v.split("/")[0]);
      if (!Number.isFinite(p) || p < 0)
        throw new InvalidParameterError("simpleCtr", `Prior in "${d}" must be a number >= 0, got ${v}`);
      priors.push(p);
    }
    for (const p of priors.length ? priors : [0]) out.push({ type, prior: p });
  }
  return out;
}

/**
 * What ordered target statistics need from a learn set: in a random permutation of the learn rows,
 * the rows of each one's category visited before it (`countBefore[j]`) and how many of those
 * counted (`hitsBefore[j]`), and the totals per category. Every Borders prior of a column reads
 * the same counts.
 */
export interface OrderedCounts {
  readonly countBefore: Int32Array;
  readonly hitsBefore: Int32Array;
  readonly count: Float64Array;
  readonly hits: Float64Array;
}

/**
 * Counts behind {@link orderedCtr} for learn rows `learnRows` (codes in `codes`), `target` 1 where
 * a row counts, visited in the permutation drawn from `seed`.
 */
export function orderedCounts(
  codes: Int32Array,
  learnRows: Uint32Array,
  target: Uint8Array,
  nCategories: number,
  seed: number,
): OrderedCounts {
  const m = learnRows.length;
  // everything allocated before the loops: code after a loop compiled on stack (the first call)
  // has no type feedback yet and would throw the compiled code away
  const perm = new Rng(seed).permutation(m);
  const count = new Float64Array(nCategories);
  const hits = new Float64Array(nCategories);
  // integers (exact as doubles), half the bytes of doubles: the permutation visits rows at random
  const countBefore = new Int32Array(m);
  const hitsBefore = new Int32Array(m);
  const code = gatherCodes(codes, learnRows);
  countInOrder(perm, code, target, count, hits, countBefore, hitsBefore);
  return { countBefore, hitsBefore, count, hits };
}

function gatherCodes(codes: Int32Array, rows: Uint32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = codes[rows[j]];
  return out;
}

function countInOrder(
  perm: Uint32Array,
  code: Int32Array,
  target: Uint8Array,
  count: Float64Array,
  hits: Float64Array,
  countBefore: Int32Array,
  hitsBefore: Int32Array,
): void {
  for (let k = 0; k < perm.length; k++) {
    const j = perm[k];
    const c = code[j];
    countBefore[j] = count[c];
    hitsBefore[j] = hits[c];
    count[c]++;
    hits[c] += target[j];
  }
}

/**
 * Ordered target statistics (Prokhorenkova et al., "CatBoost: unbiased boosting with categorical
 * features", 2018): learn rows are visited in a random permutation and each gets the statistic of
 * the rows visited before it, so its own label never enters its value. Rows to predict (eval rows,
 * new data) get the statistic of all learn rows, returned as `table` (per category code) and
 * `unseen` (for categories absent from the learn rows).
 *
 * `target` holds 1 where the row counts for the Borders statistic, else 0 (ignored for Counter).
 * `counts` (Borders only) are {@link orderedCounts} of the same rows and target, when already known.
 * `out` (m long), when given, receives the learn values (and is returned as `learn`).
 */
export function orderedCtr(
  spec: CtrSpec,
  codes: Int32Array,
  learnRows: Uint32Array,
  target: Uint8Array,
  nCategories: number,
  seed: number,
  counts?: OrderedCounts,
  out?: Float64Array,
): { learn: Float64Array; table: Float64Array; unseen: number } {
  const m = learnRows.length;
  const learn = out ?? new Float64Array(m);
  if (spec.type === "Counter") {
    // no target involved: every learn row sees the full counts, as new data will
    const count = new Float64Array(nCategories);
    for (let j = 0; j < m; j++) count[codes[learnRows[j]]]++;
    const table = new Float64Array(nCategories);
    for (let c = 0; c < nCategories; c++) table[c] = (count[c] + spec.prior) / (m + 1);
    for (let j = 0; j < m; j++) learn[j] = table[codes[learnRows[j]]];
    return { learn, table, unseen: spec.prior / (m + 1) };
  }
  const { countBefore, hitsBefore, count, hits } =
    counts ?? orderedCounts(codes, learnRows, target, nCategories, seed);
  for (let j = 0; j < m; j++) learn[j] = (hitsBefore[j] + spec.prior) / (countBefore[j] + 1);
  const table = new Float64Array(nCategories);
  for (let c = 0; c < nCategories; c++) table[c] = (hits[c] + spec.prior) / (count[c] + 1);
  return { learn, table, unseen: spec.prior };
}
