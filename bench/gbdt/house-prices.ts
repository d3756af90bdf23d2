/**
 * House Prices with the reference preprocessing, for gbdt tests and benchmarks. A minimal loader
 * of its own (the gbdt module does not depend on tunelab/data): comma-separated, no quoting (the
 * file has none), `NA` and empty cells missing as pandas reads them; a column is numeric when
 * every present cell parses as a number.
 *
 * Preprocessing (DESIGN.md, fitted on all rows as catboost.cv / xgb.cv do): y = log1p(SalePrice);
 * drop Id, Alley, PoolQC, Fence, MiscFeature; numeric columns: most frequent value (ties: the
 * smallest) for missing cells, then min-max scaling; text columns: missing cells become "None".
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Folder of the shared data: TUNELAB_SHARED, default <repo>/../shared. */
export function sharedDir(): string {
  return process.env.TUNELAB_SHARED ?? resolve(HERE, "..", "..", "..", "shared");
}

/** Paths of the House Prices files. */
export function housePricesPaths(): { csv: string; folds: string } {
  const dir = join(sharedDir(), "data", "house-prices");
  return { csv: join(dir, "train.csv"), folds: join(dir, "folds-5-seed0.json") };
}

const NA = new Set([
  "",
  "NA",
  "N/A",
  "NaN",
  "nan",
  "null",
  "NULL",
  "n/a",
  "-NaN",
  "-nan",
  "#N/A",
  "<NA>",
  "None",
]);
const DROP = ["Id", "Alley", "PoolQC", "Fence", "MiscFeature", "SalePrice"];

/** Raw columns as pandas would read them (numeric: Float64Array with NaN; text: string | null). */
export function readHouseCsv(path = housePricesPaths().csv): Map<string, Float64Array | (string | null)[]> {
  const lines = readFileSync(path, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0].split(",");
  const cells = header.map(() => [] as string[]);
  for (let r = 1; r < lines.length; r++) {
    const parts = lines[r].split(",");
    for (let c = 0; c < header.length; c++) cells[c].push(parts[c] ?? "");
  }
  const out = new Map<string, Float64Array | (string | null)[]>();
  header.forEach((name, c) => {
    const col = cells[c];
    // pandas >= 2 reads "None" as missing too; the reference fill value is "None" either way
    const numeric = col.every((v) => NA.has(v) || Number.isFinite(Number(v)));
    out.set(
      name,
      numeric
        ? Float64Array.from(col, (v) => (NA.has(v) ? Number.NaN : Number(v)))
        : col.map((v) => (NA.has(v) ? null : v)),
    );
  });
  return out;
}

/** Preprocessed features, label and categorical column names. */
export interface HousePrices {
  columns: Record<string, Float64Array | (string | null)[]>;
  label: Float64Array;
  catFeatures: string[];
  /** Test rows of each of the five reference folds. */
  folds: number[][];
}

/** The reference workflow's data, preprocessed on all rows. */
export function loadHousePrices(): HousePrices {
  const raw = readHouseCsv();
  const price = raw.get("SalePrice") as Float64Array;
  const label = Float64Array.from(price, (v) => Math.log1p(v));
  const folds = JSON.parse(readFileSync(housePricesPaths().folds, "utf8")).folds as number[][];
  return { ...preprocess(raw), label, folds };
}

/** The reference preprocessing of raw columns (the dropped ones are skipped). */
export function preprocess(raw: Map<string, Float64Array | (string | null)[]>): {
  columns: Record<string, Float64Array | (string | null)[]>;
  catFeatures: string[];
} {
  const columns: Record<string, Float64Array | (string | null)[]> = {};
  const catFeatures: string[] = [];
  for (const [name, col] of raw) {
    if (DROP.includes(name)) continue;
    if (col instanceof Float64Array) {
      const fill = mostFrequent(col);
      const filled = col.map((v) => (Number.isNaN(v) ? fill : v));
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of filled) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const range = hi - lo;
      columns[name] = filled.map((v) => (range === 0 ? 0 : (v - lo) / range));
    } else {
      columns[name] = col.map((v) => v ?? "None");
      catFeatures.push(name);
    }
  }
  return { columns, catFeatures };
}

function mostFrequent(col: Float64Array): number {
  const counts = new Map<number, number>();
  for (const v of col) if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = Number.NaN;
  let bestCount = -1;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  return best;
}
