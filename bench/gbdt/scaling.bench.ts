/**
 * Scaling benchmark (the anchors' scaling.py recipe): House Prices resampled to N rows with noise,
 * reference preprocessing, one train() of 200 rounds (depth 6, lr 0.05, subsample 0.8, l2 1),
 * single-threaded, side by side with XGBoost hist (nthread 1) on its own draw of the same recipe.
 *
 * Recipe: rows drawn with replacement (seeded); numeric values + N(0, (0.05 sd)^2), integer
 * columns rounded, missing kept; text values swapped with probability 0.05 for a draw from the
 * column; y = log1p(SalePrice) + N(0, 0.05^2).
 *
 * Usage: npm run bench:gbdt-scaling [-- --sizes 100000,1000000 --iterations 200 --skip-peers]
 * Prints train seconds (wall, CPU), CPU per round, resident memory (before training and peak), and
 * the ratio to XGBoost (same rounds). With fewer --iterations the peak memory is the same (every
 * buffer is allocated before the first tree) and the time per round shows the 200-round cost.
 */
import { execFileSync } from "node:child_process";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pool, train } from "../../src/gbdt/index.js";
import { housePricesPaths, preprocess, readHouseCsv } from "./house-prices.js";

const args = process.argv.slice(2);
const at = args.indexOf("--sizes");
const sizes = (at >= 0 ? args[at + 1] : "100000,1000000").split(",").map(Number);
const skipPeers = args.includes("--skip-peers");
const it = args.indexOf("--iterations");
const iterations = it >= 0 ? Number(args[it + 1]) : 200;
const DROP = new Set(["Id", "Alley", "PoolQC", "Fence", "MiscFeature", "SalePrice"]);

function rng(seed: number) {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return { u, normal };
}

function synth(raw: Map<string, Float64Array | (string | null)[]>, y: Float64Array, n: number) {
  const r = rng(0);
  const m = y.length;
  const idx = Int32Array.from({ length: n }, () => Math.floor(r.u() * m));
  const out = new Map<string, Float64Array | (string | null)[]>();
  for (const [name, col] of raw) {
    if (DROP.has(name)) continue;
    if (col instanceof Float64Array) {
      const present = col.filter((v) => !Number.isNaN(v));
      const mean = present.reduce((a, b) => a + b, 0) / present.length;
      const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
      const integer = present.every(Number.isInteger);
      out.set(
        name,
        Float64Array.from(idx, (i) => {
          const v = col[i];
          if (Number.isNaN(v)) return v;
          const w = v + 0.05 * sd * r.normal();
          return integer ? Math.round(w) : w;
        }),
      );
    } else {
      out.set(
        name,
        Array.from(idx, (i) => (r.u() < 0.05 ? col[Math.floor(r.u() * m)] : col[i])),
      );
    }
  }
  const ys = Float64Array.from(idx, (i) => y[i] + 0.05 * r.normal());
  return { raw: out, y: ys };
}

const raw = readHouseCsv();
const y = Float64Array.from(raw.get("SalePrice") as Float64Array, (v) => Math.log1p(v));
const PARAMS = { iterations, depth: 6, learningRate: 0.05, subsample: 0.8, l2LeafReg: 1, seed: 0 };
for (const n of sizes) {
  const s = synth(raw, y, n);
  const { columns, catFeatures } = preprocess(s.raw);
  s.raw.clear();
  const pool = new Pool(columns, { label: s.y, catFeatures });
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  train(pool, PARAMS);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    `tunelab rows=${n} rounds=${iterations}: train wall ${wall.toFixed(2)} s, cpu ${cpu.toFixed(2)} s (${((1000 * cpu) / iterations).toFixed(0)} ms per round), RSS before train ${rssBefore.toFixed(0)} MiB, peak RSS ${rssMiB.toFixed(0)} MiB`,
  );
  if (!skipPeers) {
    const venv = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
    const script = join(dirname(fileURLToPath(import.meta.url)), "scaling_peer.py");
    const out = JSON.parse(
      execFileSync(
        join(venv, "bin", "python"),
        [script, housePricesPaths().csv, String(n), String(iterations)],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        },
      ),
    ) as { wall_s: number; cpu_s: number; version: string };
    console.log(
      `xgboost ${out.version} rows=${n}: train wall ${out.wall_s.toFixed(2)} s, cpu ${out.cpu_s.toFixed(2)} s; ratio tunelab/xgboost wall ${(wall / out.wall_s).toFixed(2)}, cpu ${(cpu / out.cpu_s).toFixed(2)}`,
    );
  }
}
