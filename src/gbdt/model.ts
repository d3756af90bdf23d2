import { readFileSync, writeFileSync } from "node:fs";
import { type BorderLookup, borderLookup } from "./border-lookup.js";
import { InvalidDataError, ModelFormatError } from "./errors.js";
import { createLoss } from "./losses/registry.js";
import type { GbdtParams } from "./params.js";
import { type ColumnData, type ColumnRecord, Pool, type TableLike } from "./pool.js";
import { LITTLE_ENDIAN, predictSwar, swarAddend } from "./predict-kernel.js";
import {
  type CategoryTable,
  categoryIndexesOf,
  categoryTable,
  lookupCategories,
  lookupCategoryWords,
  quantizeFloats,
} from "./predict-quantize.js";
import { countBelow } from "./quantize.js";

/** Identifies a tunelab model file; `version` changes when the layout does. */
export const MODEL_FORMAT = "tunelab-gbdt-model";
/** Current model file version. */
export const MODEL_VERSION = 1;

/** A split condition: rows for which it holds go right (leaf bit set). */
export type ModelSplit =
  /** value > border; a missing value goes right only when `nanMode` is "Max". */
  | { readonly kind: "float"; readonly feature: number; readonly border: number }
  /** category === value (a missing category is `null`). */
  | { readonly kind: "onehot"; readonly feature: number; readonly value: string | null }
  /** target statistic `ctr` of the row's category > border. */
  | { readonly kind: "ctr"; readonly ctr: number; readonly border: number };

/** A symmetric tree: level d tests `splits[d]`; `leafValues[leaf * dimension + k]`. */
export interface ModelTree {
  readonly splits: readonly ModelSplit[];
  readonly leafValues: readonly number[];
  /** Learn-row weight per leaf (for feature importance). */
  readonly leafWeights: readonly number[];
}

/** A target statistic of a categorical feature, frozen from the learn rows. */
export interface ModelCtr {
  readonly feature: number;
  readonly type: "Borders" | "Counter";
  readonly prior: number;
  readonly targetClass: number;
  /** [category, value] for every learn category. */
  readonly table: readonly (readonly [string | null, number])[];
  /** Value for a category the learn rows did not have. */
  readonly unseen: number;
}

/** Per-iteration metric values, by data set (`learn`, `validation`) then metric name. */
export type EvalsResult = Record<string, Record<string, number[]>>;

/** The serialised model (what `save` writes, as JSON). */
export interface ModelData {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly lossFunction: string;
  readonly dimension: number;
  readonly nanMode: GbdtParams["nanMode"];
  readonly params: GbdtParams;
  readonly features: readonly { readonly name: string; readonly kind: "numeric" | "categorical" }[];
  readonly ctrs: readonly ModelCtr[];
  readonly bias: readonly number[];
  readonly trees: readonly ModelTree[];
  readonly bestIteration: number | null;
  readonly evalsResult: EvalsResult;
}

/** Options of {@link Model.predict}. */
export interface PredictOptions {
  /**
   * "RawFormulaVal": the sum of the trees; "Probability": of the positive class (Logloss,
   * CrossEntropy) or, for MultiClass, of the most likely class; "Class": the predicted class.
   * Default: Class for Logloss and MultiClass, RawFormulaVal otherwise.
   */
  predictionType?: "RawFormulaVal" | "Probability" | "Class";
  /** Use only the first `ntreeEnd` trees (default all). */
  ntreeEnd?: number;
}

/** Per-source thresholds a prediction quantises against, compiled once per model. */
interface Compiled {
  /**
   * For each source: kind, input feature (float: the column; onehot/ctr: the categorical column),
   * sorted thresholds, and for categorical sources the quantised value of every known category
   * (`lut[categoryIndex]`, last entry = any other category).
   */
  sources: {
    kind: "float" | "onehot" | "ctr";
    index: number;
    feature: number;
    thresholds: Float64Array;
    values?: (string | null)[];
    lut?: Uint16Array;
    /** float: grid over the thresholds for counting the ones below a value. */
    lookup?: BorderLookup;
  }[];
  /** Known categories of each categorical input column the model reads. */
  categories: Map<number, Map<string | null, number>>;
  /** The same, as tables for looking up text columns. */
  categoryTables: Map<number, CategoryTable>;
  /** Whether some source has more than 255 thresholds. */
  wide: boolean;
  /**
   * The four-rows-per-word kernel's view (null when it does not apply: MultiClass, depth > 8, a
   * one-hot source with more than 126 categories, big-endian): sources are cut into byte columns
   * of values 0..127, chunk c of a source testing its thresholds 127c .. 127c + 126.
   */
  swar: {
    chunkFirst: Int32Array;
    /** Byte columns: the sources' chunks, then the indicator columns. */
    chunks: number;
    /**
     * Indicator column `indicatorColumn[j]` is 1 where the one-hot source column
     * `indicatorFrom[j]` equals `indicatorValue[j]` (an equality test becomes the test "> 0").
     */
    indicatorFrom: Int32Array;
    indicatorValue: Int32Array;
    indicatorColumn: Int32Array;
    levelColumn: Int32Array;
    levelAdd: Int32Array;
  } | null;
  /** Flattened tree levels: source, threshold index, equality test. */
  levelSource: Int32Array;
  levelK: Int32Array;
  levelEq: Uint8Array;
  treeOffset: Int32Array;
  leafOffset: Int32Array;
  leaves: Float64Array;
}

/**
 * A trained model of symmetric trees. Predicts from a {@link Pool}, a table or an object of columns
 * with the training feature names.
 */
export class Model {
  private compiledCache: Compiled | null = null;

  constructor(readonly data: ModelData) {}

  /** Number of trees. */
  get treeCount(): number {
    return this.data.trees.length;
  }

  /** Best iteration on the eval set (0-based), or null when trained without one. */
  get bestIteration(): number | null {
    return this.data.bestIteration;
  }

  /** Metric values of every iteration, as CatBoost's `get_evals_result()`. */
  get evalsResult(): EvalsResult {
    return this.data.evalsResult;
  }

  /** Feature names in input order. */
  get featureNames(): string[] {
    return this.data.features.map((f) => f.name);
  }

  /**
   * Predictions for every row.
   *
   * @example
   * const yhat = model.predict({ x: new Float64Array([0.5]) });
   */
  predict(data: Pool | TableLike | ColumnRecord, options: PredictOptions = {}): Float64Array {
    const loss = createLoss(this.data.lossFunction, { classesCount: this.data.dimension });
    const type = options.predictionType ?? (loss.isClassification ? "Class" : "RawFormulaVal");
    const raw = this.predictRaw(data, options.ntreeEnd);
    const D = this.data.dimension;
    if (type === "RawFormulaVal") {
      if (D === 1) return raw;
      throw new InvalidDataError(
        `predict() with predictionType RawFormulaVal has ${D} values per row for MultiClass; use predictRaw()`,
      );
    }
    const n = raw.length / D;
    const out = new Float64Array(n);
    if (D === 1) {
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-raw[i]));
        out[i] = type === "Probability" ? p : p > 0.5 ? 1 : 0;
      }
      return out;
    }
    const proba = this.softmax(raw, n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < D; k++) if (proba[k * n + i] > proba[best * n + i]) best = k;
      out[i] = type === "Probability" ? proba[best * n + i] : best;
    }
    return out;
  }

  /** Class probabilities per row (`[1 - p, p]` for binary losses). */
  predictProba(data: Pool | TableLike | ColumnRecord, options: { ntreeEnd?: number } = {}): Float64Array[] {
    const D = this.data.dimension;
    const raw = this.predictRaw(data, options.ntreeEnd);
    const n = raw.length / D;
    const out: Float64Array[] = [];
    if (D === 1) {
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-raw[i]));
        out.push(Float64Array.of(1 - p, p));
      }
      return out;
    }
    const proba = this.softmax(raw, n);
    for (let i = 0; i < n; i++) out.push(Float64Array.from({ length: D }, (_, k) => proba[k * n + i]));
    return out;
  }

  private softmax(raw: Float64Array, n: number): Float64Array {
    const D = this.data.dimension;
    const out = new Float64Array(raw.length);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let k = 0; k < D; k++) max = Math.max(max, raw[k * n + i]);
      let s = 0;
      for (let k = 0; k < D; k++) s += Math.exp(raw[k * n + i] - max);
      for (let k = 0; k < D; k++) out[k * n + i] = Math.exp(raw[k * n + i] - max) / s;
    }
    return out;
  }

  /** Raw sums of the trees (dimension-major: value k of row i at `k * n + i`). */
  predictRaw(data: Pool | TableLike | ColumnRecord, ntreeEnd = this.treeCount): Float64Array {
    const c = this.compiled();
    const n = this.rowCount(data);
    const nanMax = this.data.nanMode === "Max";
    const catIndex = new Map<number, Int32Array>();
    // quantise one source: q[i] = how many of its thresholds the value exceeds (one-hot sources:
    // 1 + index of the category, 0 for any other)
    const quantize = (si: number, q: Uint8Array | Uint16Array): void => {
      const src = c.sources[si];
      if (src.kind === "float") {
        const nan = nanMax ? src.thresholds.length : 0;
        quantizeFloats(this.numericColumn(data, src.index, n), src.lookup!, nan, q, n);
        return;
      }
      lookupCategories(src.lut!, categoryIndexes(src.feature), q, n);
    };
    // index of each row's category, once per categorical column for all its sources
    const categoryIndexes = (feature: number): Int32Array => {
      let ix = catIndex.get(feature);
      if (!ix) {
        ix = this.categoryIndexes(data, feature, c.categoryTables.get(feature)!, n);
        catIndex.set(feature, ix);
      }
      return ix;
    };
    const D = this.data.dimension;
    const out = new Float64Array(n * D);
    for (let k = 0; k < D; k++) out.fill(this.data.bias[k], k * n, (k + 1) * n);
    const end = Math.min(ntreeEnd, this.treeCount);
    if (c.swar) {
      const sw = c.swar;
      const n4 = (n + 3) & ~3;
      const bytes = new Uint8Array(sw.chunks * n4);
      const words = new Uint32Array(bytes.buffer);
      // scratch of a source with more than 127 thresholds; Uint8Array unless some source has more
      // than 255 (one element type keeps the quantising loops monomorphic)
      let wide: Uint8Array | Uint16Array | null = null;
      for (let si = 0; si < c.sources.length; si++) {
        const first = sw.chunkFirst[si];
        const last = sw.chunkFirst[si + 1];
        if (last - first === 1) {
          // values 0..127 fit the source's one byte column as they are
          const src = c.sources[si];
          if (src.kind === "float") quantize(si, bytes.subarray(first * n4, first * n4 + n));
          else lookupCategoryWords(src.lut!, categoryIndexes(src.feature), words, (first * n4) >>> 2, n);
          continue;
        }
        wide ??= c.wide ? new Uint16Array(n) : new Uint8Array(n);
        quantize(si, wide);
        for (let ch = first; ch < last; ch++) {
          const lo = 127 * (ch - first);
          const dst = ch * n4;
          for (let i = 0; i < n; i++) {
            const v = wide[i] - lo;
            bytes[dst + i] = v < 0 ? 0 : Math.min(v, 127);
          }
        }
      }
      for (let j = 0; j < sw.indicatorFrom.length; j++) {
        const from = sw.indicatorFrom[j] * n4;
        const to = sw.indicatorColumn[j] * n4;
        const v = sw.indicatorValue[j];
        for (let i = 0; i < n; i++) bytes[to + i] = bytes[from + i] === v ? 1 : 0;
      }
      predictSwar(words, n, n4, end, c.treeOffset, sw.levelColumn, sw.levelAdd, c.leafOffset, c.leaves, out);
      return out;
    }
    const q = c.wide ? new Uint16Array(c.sources.length * n) : new Uint8Array(c.sources.length * n);
    for (let si = 0; si < c.sources.length; si++) quantize(si, q.subarray(si * n, (si + 1) * n));
    const idx = new Int32Array(n);
    const { treeOffset, levelSource, levelK, levelEq, leafOffset, leaves } = c;
    for (let t = 0; t < end; t++) {
      const first = treeOffset[t];
      const last = treeOffset[t + 1];
      if (last === first) {
        idx.fill(0);
      } else {
        // branch-free: (k - q) >>> 31 is 1 exactly when q > k; ((q ^ k) - 1) >>> 31 when q == k
        const b0 = levelSource[first] * n;
        const k0 = levelK[first];
        if (levelEq[first]) for (let i = 0; i < n; i++) idx[i] = ((q[b0 + i] ^ k0) - 1) >>> 31;
        else for (let i = 0; i < n; i++) idx[i] = (k0 - q[b0 + i]) >>> 31;
        for (let l = first + 1; l < last; l++) {
          const base = levelSource[l] * n;
          const k = levelK[l];
          const sh = l - first;
          if (levelEq[l]) for (let i = 0; i < n; i++) idx[i] |= (((q[base + i] ^ k) - 1) >>> 31) << sh;
          else for (let i = 0; i < n; i++) idx[i] |= ((k - q[base + i]) >>> 31) << sh;
        }
      }
      const lo = leafOffset[t];
      if (D === 1) {
        for (let i = 0; i < n; i++) out[i] += leaves[lo + idx[i]];
      } else {
        for (let k = 0; k < D; k++) for (let i = 0; i < n; i++) out[k * n + i] += leaves[lo + idx[i] * D + k];
      }
    }
    return out;
  }

  private rowCount(data: Pool | TableLike | ColumnRecord): number {
    if (data instanceof Pool) return data.nRows;
    const first = this.data.features[0];
    return first ? this.column(data, first.name).length : 0;
  }

  private column(data: TableLike | ColumnRecord, name: string): ColumnData {
    const isTable =
      typeof (data as TableLike).column === "function" && Array.isArray((data as TableLike).columns);
    let col: ColumnData | undefined;
    if (isTable)
      col = (data as TableLike).columns.includes(name) ? (data as TableLike).column(name) : undefined;
    else col = Object.hasOwn(data, name) ? (data as ColumnRecord)[name] : undefined;
    if (col === undefined) throw new InvalidDataError(`predict(): the data has no column "${name}"`, name);
    return col;
  }

  private poolFeature(data: Pool, name: string) {
    const f = data.features.find((x) => x.name === name);
    if (!f) throw new InvalidDataError(`predict(): the data has no column "${name}"`, name);
    return f;
  }

  private numericColumn(data: Pool | TableLike | ColumnRecord, feature: number, n: number): Float64Array {
    const mf = this.data.features[feature];
    if (data instanceof Pool) {
      const f = this.poolFeature(data, mf.name);
      if (f.kind !== "numeric")
        throw new InvalidDataError(
          `predict(): column "${mf.name}" was numeric in training but is categorical`,
          mf.name,
        );
      return f.values;
    }
    const col = this.column(data, mf.name);
    if (col.length !== n)
      throw new InvalidDataError(
        `predict(): column "${mf.name}" has ${col.length} rows, others have ${n}`,
        mf.name,
      );
    return this.checkKind(mf, col) as Float64Array;
  }

  /** Index of each row's category in `table` (the number of known categories for any other). */
  private categoryIndexes(
    data: Pool | TableLike | ColumnRecord,
    feature: number,
    table: CategoryTable,
    n: number,
  ): Int32Array {
    const mf = this.data.features[feature];
    const out = new Int32Array(n);
    const known = table.known;
    const other = known.size;
    if (data instanceof Pool) {
      const f = this.poolFeature(data, mf.name);
      if (f.kind !== "categorical")
        throw new InvalidDataError(
          `predict(): column "${mf.name}" was categorical in training but is numeric`,
          mf.name,
        );
      // map the pool's dictionary once, then each row is one array read
      const remap = Int32Array.from(f.column.categories, (cat) => known.get(cat) ?? other);
      const codes = f.column.codes;
      for (let i = 0; i < n; i++) out[i] = remap[codes[i]];
      return out;
    }
    const col = this.checkKind(mf, this.column(data, mf.name)) as (string | null)[];
    if (col.length !== n)
      throw new InvalidDataError(
        `predict(): column "${mf.name}" has ${col.length} rows, others have ${n}`,
        mf.name,
      );
    categoryIndexesOf(col, table, other, out, n);
    return out;
  }

  private checkKind(mf: { name: string; kind: "numeric" | "categorical" }, col: ColumnData): ColumnData {
    if (mf.kind === "numeric") {
      if (!(col instanceof Float64Array))
        throw new InvalidDataError(
          `predict(): column "${mf.name}" was numeric in training but holds text`,
          mf.name,
        );
      return col;
    }
    if (col instanceof Float64Array)
      return Array.from(col, (v) => {
        if (Number.isNaN(v)) return null;
        if (!Number.isInteger(v))
          throw new InvalidDataError(
            `predict(): categorical column "${mf.name}" holds the float ${v}`,
            mf.name,
          );
        return String(v);
      });
    return col;
  }

  private swarLayout(c: Compiled): Compiled["swar"] {
    const maxDepth = this.data.trees.reduce((a, t) => Math.max(a, t.splits.length), 0);
    if (!LITTLE_ENDIAN || this.data.dimension !== 1 || maxDepth > 8) return null;
    if (c.sources.some((s) => s.kind === "onehot" && s.values!.length > 126)) return null;
    const chunkFirst = new Int32Array(c.sources.length + 1);
    c.sources.forEach((s, i) => {
      const n = s.kind === "onehot" ? 1 : Math.max(1, Math.ceil(s.thresholds.length / 127));
      chunkFirst[i + 1] = chunkFirst[i] + n;
    });
    const levels = c.levelSource.length;
    const levelColumn = new Int32Array(levels);
    const levelAdd = new Int32Array(levels);
    let chunks = chunkFirst[c.sources.length];
    // one indicator column per (one-hot source, value) that some level tests
    const indicators = new Map<string, number>();
    const from: number[] = [];
    const value: number[] = [];
    const column: number[] = [];
    for (let l = 0; l < levels; l++) {
      const k = c.levelK[l];
      if (c.levelEq[l]) {
        const key = `${c.levelSource[l]}:${k}`;
        let col = indicators.get(key);
        if (col === undefined) {
          col = chunks++;
          indicators.set(key, col);
          from.push(chunkFirst[c.levelSource[l]]);
          value.push(k);
          column.push(col);
        }
        levelColumn[l] = col;
        levelAdd[l] = swarAddend(0);
        continue;
      }
      const chunk = Math.floor(k / 127);
      levelColumn[l] = chunkFirst[c.levelSource[l]] + chunk;
      levelAdd[l] = swarAddend(k - 127 * chunk);
    }
    return {
      chunkFirst,
      chunks,
      indicatorFrom: Int32Array.from(from),
      indicatorValue: Int32Array.from(value),
      indicatorColumn: Int32Array.from(column),
      levelColumn,
      levelAdd,
    };
  }

  private compiled(): Compiled {
    if (this.compiledCache) return this.compiledCache;
    const sources: Compiled["sources"] = [];
    const key = new Map<string, number>();
    const thresholdSets: Set<number | string | null>[] = [];
    const srcOf = (s: ModelSplit): number => {
      const k = s.kind === "ctr" ? `c${s.ctr}` : `${s.kind[0]}${s.feature}`;
      let i = key.get(k);
      if (i === undefined) {
        i = sources.length;
        key.set(k, i);
        const index = s.kind === "ctr" ? s.ctr : s.feature;
        const feature = s.kind === "ctr" ? this.data.ctrs[s.ctr].feature : s.feature;
        sources.push({ kind: s.kind, index, feature, thresholds: new Float64Array(0) });
        thresholdSets.push(new Set());
      }
      thresholdSets[i].add(s.kind === "onehot" ? s.value : s.border);
      return i;
    };
    for (const t of this.data.trees) for (const s of t.splits) srcOf(s);
    // categories each categorical column knows, numbered once for all its sources
    const categories = new Map<number, Map<string | null, number>>();
    const know = (feature: number, cat: string | null) => {
      let m = categories.get(feature);
      if (!m) {
        m = new Map();
        categories.set(feature, m);
      }
      if (!m.has(cat)) m.set(cat, m.size);
    };
    sources.forEach((src, i) => {
      if (src.kind === "onehot") {
        src.values = [...thresholdSets[i]] as (string | null)[];
        for (const v of src.values) know(src.feature, v);
      } else {
        src.thresholds = Float64Array.from(thresholdSets[i] as Set<number>).sort();
        if (src.kind === "float") src.lookup = borderLookup(src.thresholds);
        if (src.kind === "ctr") for (const [cat] of this.data.ctrs[src.index].table) know(src.feature, cat);
      }
    });
    let wide = false;
    for (const src of sources) {
      if (src.thresholds.length > 255) wide = true;
      if (src.kind === "float") continue;
      const cats = categories.get(src.feature)!;
      const lut = new Uint16Array(cats.size + 1);
      if (src.kind === "onehot") {
        const pos = new Map(src.values!.map((v, k) => [v, k + 1]));
        for (const [cat, ci] of cats) lut[ci] = pos.get(cat) ?? 0;
      } else {
        const ctr = this.data.ctrs[src.index];
        const table = new Map(ctr.table);
        for (const [cat, ci] of cats) lut[ci] = countBelow(src.thresholds, table.get(cat) ?? ctr.unseen);
        lut[cats.size] = countBelow(src.thresholds, ctr.unseen);
      }
      src.lut = lut;
    }
    const levels = this.data.trees.reduce((a, t) => a + t.splits.length, 0);
    const c: Compiled = {
      sources,
      categories,
      categoryTables: new Map([...categories].map(([f, known]) => [f, categoryTable(known)])),
      wide,
      swar: null,
      levelSource: new Int32Array(levels),
      levelK: new Int32Array(levels),
      levelEq: new Uint8Array(levels),
      treeOffset: new Int32Array(this.treeCount + 1),
      leafOffset: new Int32Array(this.treeCount + 1),
      leaves: new Float64Array(this.data.trees.reduce((a, t) => a + t.leafValues.length, 0)),
    };
    let l = 0;
    let lo = 0;
    this.data.trees.forEach((t, ti) => {
      c.treeOffset[ti] = l;
      c.leafOffset[ti] = lo;
      for (const s of t.splits) {
        const si = srcOf(s);
        const src = sources[si];
        c.levelSource[l] = si;
        if (s.kind === "onehot") {
          c.levelEq[l] = 1;
          c.levelK[l] = src.values!.indexOf(s.value) + 1;
        } else {
          // value > border  <=>  (number of thresholds below value) > index of border
          c.levelK[l] = countBelow(src.thresholds, s.border);
        }
        l++;
      }
      c.leaves.set(t.leafValues, lo);
      lo += t.leafValues.length;
    });
    c.treeOffset[this.treeCount] = l;
    c.leafOffset[this.treeCount] = lo;
    c.swar = this.swarLayout(c);
    this.compiledCache = c;
    return c;
  }

  /**
   * Importance of each input feature as CatBoost's PredictionValuesChange: how much predictions
   * move, weighted by leaf sizes, when a split is undone; normalised to sum to 100. Target
   * statistics count for their categorical column.
   */
  featureImportance(): { feature: string; importance: number }[] {
    const D = this.data.dimension;
    const imp = new Float64Array(this.data.features.length);
    for (const t of this.data.trees) {
      const depth = t.splits.length;
      for (let d = 0; d < depth; d++) {
        const s = t.splits[d];
        const feature = s.kind === "ctr" ? this.data.ctrs[s.ctr].feature : s.feature;
        const bit = 1 << d;
        let change = 0;
        for (let leaf = 0; leaf < 1 << depth; leaf++) {
          if (leaf & bit) continue;
          const other = leaf | bit;
          const w1 = t.leafWeights[leaf];
          const w2 = t.leafWeights[other];
          if (w1 + w2 === 0) continue;
          for (let k = 0; k < D; k++) {
            const v1 = t.leafValues[leaf * D + k];
            const v2 = t.leafValues[other * D + k];
            const avg = (w1 * v1 + w2 * v2) / (w1 + w2);
            change += w1 * (v1 - avg) ** 2 + w2 * (v2 - avg) ** 2;
          }
        }
        imp[feature] += change;
      }
    }
    const total = imp.reduce((a, b) => a + b, 0);
    return this.data.features.map((f, i) => ({
      feature: f.name,
      importance: total > 0 ? (100 * imp[i]) / total : 0,
    }));
  }

  /** The model as plain JSON data. */
  toJSON(): ModelData {
    return this.data;
  }

  /** Writes the model to `path` as JSON. */
  save(path: string): void {
    writeFileSync(path, JSON.stringify(this.data));
  }

  /**
   * Reads a model written by {@link Model.save}.
   *
   * @throws ModelFormatError when the file is not JSON, not a tunelab model, or of a newer version.
   */
  static load(path: string): Model {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new ModelFormatError(path, `cannot read the file (${(e as Error).message})`);
    }
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      throw new ModelFormatError(path, "not a JSON file (corrupt or not a tunelab model)");
    }
    return Model.fromJSON(obj, path);
  }

  /** A model from data produced by `toJSON()`; `source` names it in errors. */
  static fromJSON(obj: unknown, source = "model"): Model {
    const d = obj as Partial<ModelData> | null;
    if (d === null || typeof d !== "object" || d.format !== MODEL_FORMAT)
      throw new ModelFormatError(source, `not a tunelab GBDT model (expected format "${MODEL_FORMAT}")`);
    if (typeof d.version !== "number" || d.version > MODEL_VERSION)
      throw new ModelFormatError(
        source,
        `model format version ${String(d.version)} is not supported (this tunelab reads up to ${MODEL_VERSION})`,
      );
    const ok =
      Array.isArray(d.trees) &&
      Array.isArray(d.features) &&
      Array.isArray(d.bias) &&
      Array.isArray(d.ctrs) &&
      typeof d.dimension === "number" &&
      typeof d.lossFunction === "string" &&
      d.trees.every(
        (t) =>
          Array.isArray(t?.splits) &&
          Array.isArray(t.leafValues) &&
          t.leafValues.length === (1 << t.splits.length) * d.dimension!,
      );
    if (!ok) throw new ModelFormatError(source, "the model file is incomplete or damaged");
    return new Model(d as ModelData);
  }
}
