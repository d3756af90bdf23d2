import { type CtrSpec, type OrderedCounts, orderedCounts, orderedCtr, parseSimpleCtr } from "./ctr.js";
import { InvalidDataError } from "./errors.js";
import type { Loss } from "./losses/loss.js";
import type { GbdtParams } from "./params.js";
import type { Pool } from "./pool.js";
import { binColumn, binInto, binUniform, computeBorders, type QuantizedColumn } from "./quantize.js";

/** Bins of one feature for a set of rows. */
export type Bins = Uint8Array | Uint16Array;

/**
 * A split candidate as the tree search sees it: bins for the learn rows and for each eval set.
 * Border features split "bin > s"; one-hot features split "bin == v".
 */
export interface TrainFeature {
  readonly kind: "float" | "onehot" | "ctr";
  /** Index of the pool feature it comes from. */
  readonly source: number;
  readonly nBins: number;
  /** Bins of the learn rows (column; the booster also keeps a row-major copy for histograms). */
  readonly learn: Bins;
  readonly evals: Bins[];
  /** float: the quantised column; ctr: its borders in `quant.borders`. */
  readonly quant?: QuantizedColumn;
  /** onehot: category of each bin. */
  readonly categories?: readonly (string | null)[];
  /** ctr: the statistic and its values by category for new data. */
  readonly ctr?: { spec: CtrSpec; table: Map<string | null, number>; unseen: number };
}

/** Rows of a pool to evaluate on. */
export interface EvalRows {
  readonly pool: Pool;
  /** null = all rows in order. */
  readonly rows: Uint32Array | null;
}

/**
 * Quantisation of every numeric feature of `pool` over all its rows, computed once and cached on
 * the pool (cv folds and repeated train calls reuse it).
 */
export function quantizePool(pool: Pool, params: GbdtParams): (QuantizedColumn | null)[] {
  const key = `quant:${params.borderCount}:${params.featureBorderType}:${params.nanMode}`;
  const hit = pool.cache.get(key) as (QuantizedColumn | null)[] | undefined;
  if (hit) return hit;
  const out = pool.features.map((f) => {
    if (f.kind !== "numeric") return null;
    const borders = computeBorders(f.values, params.borderCount, params.featureBorderType, params.seed);
    return binColumn(f.name, f.values, borders, params.nanMode);
  });
  pool.cache.set(key, out);
  return out;
}

function gather(src: Bins, rows: Uint32Array | null, nBins: number): Bins {
  if (rows === null) return src;
  const out = nBins <= 256 ? new Uint8Array(rows.length) : new Uint16Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]];
  return out;
}

/** Median border of a regression target, where CatBoost's single MinEntropy border falls. */
function targetBorder(y: Float64Array): number {
  const s = Float64Array.from(y).sort();
  const mid = s.length >> 1;
  return mid === 0 ? s[0] : s[mid - 1] + (s[mid] - s[mid - 1]) / 2;
}

/**
 * Split candidates for one training run: numeric features from the pool-level quantisation,
 * categorical features one-hot (cardinality <= oneHotMaxSize) or as ordered target statistics
 * computed on the learn rows only.
 */
export function buildFeatures(
  pool: Pool,
  learnRows: Uint32Array | null,
  learnLabel: Float64Array,
  evalSets: readonly EvalRows[],
  params: GbdtParams,
  loss: Loss,
): TrainFeature[] {
  const quant = quantizePool(pool, params);
  const ctrKinds = parseSimpleCtr(params.simpleCtr);
  const m = learnLabel.length;
  const allLearn = learnRows ?? Uint32Array.from({ length: pool.nRows }, (_, i) => i);
  // targets counted by Borders statistics: one 0/1 vector per class or bucket
  let targets: { cls: number; hit: Uint8Array }[] | null = null;
  const ctrTargets = () => {
    if (targets) return targets;
    targets = [];
    if (loss.dimension > 1) {
      for (let c = 0; c < loss.dimension; c++)
        targets.push({ cls: c, hit: Uint8Array.from(learnLabel, (y) => (y === c ? 1 : 0)) });
    } else {
      const border = loss.isClassification
        ? 0.5
        : loss.name === "CrossEntropy"
          ? 0.5
          : targetBorder(learnLabel);
      targets.push({ cls: 1, hit: Uint8Array.from(learnLabel, (y) => (y > border ? 1 : 0)) });
    }
    return targets;
  };
  const out: TrainFeature[] = [];
  // learn values of one target statistic at a time (binned right away)
  let ctrValues: Float64Array | null = null;
  pool.features.forEach((f, source) => {
    if (f.kind === "numeric") {
      const q = quant[source]!;
      if (q.borders.length === 0 && !q.hasNan) return; // constant: nothing to split on
      const evals = evalSets.map((e) => {
        const ef = e.pool.features[source];
        if (e.pool === pool) return gather(q.bins, e.rows, q.nBins);
        if (ef?.kind !== "numeric" || ef.name !== f.name)
          throw new InvalidDataError(
            `eval set column ${source} should be the numeric feature "${f.name}"`,
            f.name,
          );
        const vals = e.rows ? Float64Array.from(e.rows, (r) => ef.values[r]) : ef.values;
        const b = q.nBins <= 256 ? new Uint8Array(vals.length) : new Uint16Array(vals.length);
        binInto(vals, q.borders, q.hasNan, params.nanMode, b);
        return b;
      });
      out.push({
        kind: "float",
        source,
        nBins: q.nBins,
        learn: gather(q.bins, learnRows, q.nBins),
        evals,
        quant: q,
      });
      return;
    }
    const col = f.column;
    const k = col.categories.length;
    if (k <= 1) return;
    // codes of each eval set in this pool's dictionary (-1 = unseen)
    const evalCodes = evalSets.map((e) => {
      const ef = e.pool.features[source];
      if (ef?.kind !== "categorical" || ef.name !== f.name)
        throw new InvalidDataError(
          `eval set column ${source} should be the categorical feature "${f.name}"`,
          f.name,
        );
      const n = e.rows ? e.rows.length : e.pool.nRows;
      const codes = new Int32Array(n);
      if (e.pool === pool || ef.column.categories === col.categories) {
        for (let i = 0; i < n; i++) codes[i] = ef.column.codes[e.rows ? e.rows[i] : i];
      } else {
        const index = new Map(col.categories.map((c, i) => [c, i]));
        const remap = ef.column.categories.map((c) => index.get(c) ?? -1);
        for (let i = 0; i < n; i++) codes[i] = remap[ef.column.codes[e.rows ? e.rows[i] : i]];
      }
      return codes;
    });
    if (k <= params.oneHotMaxSize) {
      const learn = new Uint8Array(m);
      for (let j = 0; j < m; j++) learn[j] = col.codes[allLearn[j]];
      // an unseen category gets bin k, which no split selects
      const evals = evalCodes.map((codes) => Uint8Array.from(codes, (c) => (c < 0 ? k : c)));
      out.push({ kind: "onehot", source, nBins: k + 1, learn, evals, categories: col.categories });
      return;
    }
    // one permutation per column: its Borders statistics (one per prior) share the counts
    const seed = params.seed + source * 7919 + 1;
    const counted = new Map<Uint8Array, OrderedCounts>();
    for (const kind of ctrKinds) {
      const classes = kind.type === "Counter" ? [{ cls: 0, hit: new Uint8Array(m) }] : ctrTargets();
      for (const { cls, hit } of classes) {
        const spec: CtrSpec = { type: kind.type, prior: kind.prior, targetClass: cls };
        let counts = counted.get(hit);
        if (!counts && kind.type === "Borders") {
          counts = orderedCounts(col.codes, allLearn, hit, k, seed);
          counted.set(hit, counts);
        }
        ctrValues ??= new Float64Array(m);
        const r = orderedCtr(spec, col.codes, allLearn, hit, k, seed, counts, ctrValues);
        const q = binUniform(r.learn, params.ctrBorderCount);
        const borders = q.borders;
        const evals = evalCodes.map((codes) => {
          const vals = Float64Array.from(codes, (c) => (c < 0 ? r.unseen : r.table[c]));
          const b = new Uint8Array(vals.length);
          binInto(vals, borders, false, "Min", b);
          return b;
        });
        const table = new Map<string | null, number>();
        col.categories.forEach((c, i) => {
          table.set(c, r.table[i]);
        });
        out.push({
          kind: "ctr",
          source,
          nBins: q.nBins,
          learn: q.bins,
          evals,
          // borders only: the learn bins are `learn`
          quant: { borders: q.borders, hasNan: false, bins: new Uint8Array(0), nBins: q.nBins },
          ctr: { spec, table, unseen: r.unseen },
        });
      }
    }
  });
  return out;
}
