/**
 * bench:data: readCsv() vs pandas.read_csv on House Prices train.csv, and the reference
 * preprocessing (ColumnTransformer fit + transform) vs scikit-learn's, side by side.
 *
 * Each round times `REPS` calls in Node, then `REPS` calls in a Python peer process (timed inside
 * Python, so interpreter start-up is excluded); the medians over rounds of wall time and of process
 * CPU time (steadier on a loaded machine; both sides count their GC / helper threads) and their
 * ratios are printed.
 * Env: TUNELAB_SHARED (default <repo>/../shared), TUNELAB_VENV (default ~/.cache/tunelab-venv),
 * ROUNDS (default 5), REPS (default 20).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ColumnTransformer,
  columnSelector,
  MinMaxScaler,
  Pipeline,
  readCsv,
  SimpleImputer,
} from "../../src/data/index.js";

const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const shared = process.env.TUNELAB_SHARED ?? resolve(repo, "..", "shared");
const csv = join(shared, "data", "house-prices", "train.csv");
const python = join(process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv"), "bin", "python");
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const REPS = Number(process.env.REPS ?? 20);
const DROP = ["Id", "Alley", "PoolQC", "Fence", "MiscFeature", "SalePrice"];

if (!existsSync(csv)) {
  console.error(`bench:data needs ${csv} (set TUNELAB_SHARED)`);
  process.exit(1);
}

const PY = `
import sys, time, json
import pandas as pd
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler
csv, reps = sys.argv[1], int(sys.argv[2])
DROP = ${JSON.stringify(DROP)}
def prep():
    return ColumnTransformer([
        ("num", Pipeline([("i", SimpleImputer(strategy="most_frequent")), ("s", MinMaxScaler())]), make_column_selector(dtype_include="number")),
        ("cat", SimpleImputer(strategy="constant", fill_value="None"), make_column_selector(dtype_exclude="number")),
    ], verbose_feature_names_out=False)
pd.read_csv(csv)
t, c = time.perf_counter(), time.process_time()
for _ in range(reps): df = pd.read_csv(csv)
read, read_cpu = (time.perf_counter() - t) / reps, (time.process_time() - c) / reps
X = df.drop(columns=DROP)
X = X.astype({c: object for c in X.columns if not pd.api.types.is_numeric_dtype(X[c].dtype)})
X = X.where(X.notna(), float("nan"))
prep().fit_transform(X)
t, c = time.perf_counter(), time.process_time()
for _ in range(reps): prep().fit_transform(X)
pre, pre_cpu = (time.perf_counter() - t) / reps, (time.process_time() - c) / reps
print(json.dumps({"read": read * 1000, "prep": pre * 1000, "readCpu": read_cpu * 1000, "prepCpu": pre_cpu * 1000}))
`;

function referencePrep(): ColumnTransformer {
  return new ColumnTransformer(
    [
      [
        "num",
        new Pipeline([new SimpleImputer({ strategy: "mostFrequent" }), new MinMaxScaler()]),
        columnSelector({ kind: "number" }),
      ],
      [
        "cat",
        new SimpleImputer({ strategy: "constant", fillValue: "None" }),
        columnSelector({ kind: "text" }),
      ],
    ],
    { verboseFeatureNamesOut: false },
  );
}

type Times = { read: number; prep: number; readCpu: number; prepCpu: number };

/** Mean wall and CPU milliseconds per call of `f` over `reps` calls. */
function measure(reps: number, f: () => void): [number, number] {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < reps; i++) f();
  const d = process.cpuUsage(cpu);
  return [(performance.now() - start) / reps, (d.user + d.system) / 1000 / reps];
}

function timeJs(): Times {
  let t = readCsv(csv);
  const [read, readCpu] = measure(REPS, () => {
    t = readCsv(csv);
  });
  const x = t.drop(DROP);
  referencePrep().fitTransform(x);
  const [prep, prepCpu] = measure(REPS, () => referencePrep().fitTransform(x));
  return { read, prep, readCpu, prepCpu };
}

function timePy(): Times | null {
  if (!existsSync(python)) return null;
  const r = spawnSync(python, ["-c", PY, csv, String(REPS)], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) {
    console.error(r.stderr);
    return null;
  }
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const js: Times[] = [];
const py: Times[] = [];
for (let r = 0; r < ROUNDS; r++) {
  js.push(timeJs());
  const p = timePy();
  if (p) py.push(p);
  process.stderr.write(`round ${r + 1}/${ROUNDS}\n`);
}
console.log(
  `House Prices train.csv (1460 x 81), ${ROUNDS} rounds x ${REPS} reps, medians in ms per call (wall / CPU)`,
);
const LABELS = {
  read: "readCsv vs pandas.read_csv",
  prep: "reference preprocessing fit+transform vs scikit-learn",
} as const;
for (const key of ["read", "prep"] as const) {
  const cpuKey = key === "read" ? "readCpu" : "prepCpu";
  const a = median(js.map((x) => x[key]));
  const ac = median(js.map((x) => x[cpuKey]));
  if (py.length) {
    const b = median(py.map((x) => x[key]));
    const bc = median(py.map((x) => x[cpuKey]));
    console.log(
      `${LABELS[key].padEnd(56)} tunelab ${a.toFixed(2)} / ${ac.toFixed(2)}  python ${b.toFixed(2)} / ${bc.toFixed(2)}  ` +
        `ratio wall ${(a / b).toFixed(2)}x, CPU ${(ac / bc).toFixed(2)}x`,
    );
  } else
    console.log(
      `${LABELS[key].padEnd(56)} tunelab ${a.toFixed(2)} / ${ac.toFixed(2)}  (no Python peer at ${python})`,
    );
}
