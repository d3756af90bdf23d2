import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { quantizePool } from "./features.js";
import type { FoldJob, FoldRunner } from "./fold-runner.js";
import { Pool, type PoolFeature } from "./pool.js";

/** What the main thread sends a worker to set up its folds. */
export interface WorkerInit {
  readonly features: readonly PoolFeature[];
  readonly label: Float64Array;
  readonly weight: Float64Array | null;
  readonly quantKey: string;
  readonly quant: unknown;
  readonly job: Omit<FoldJob, "pool">;
}

/** Rebuilds in a worker the pool the main thread described. */
export function poolFromInit(init: WorkerInit): Pool {
  const pool = Pool.fromParts(init.features, init.label, init.weight);
  pool.cache.set(init.quantKey, init.quant);
  return pool;
}

/**
 * Running from TypeScript sources (tests, tsx): the worker registers tsx's loader before it
 * imports the worker module, since a worker does not inherit the parent's loader hooks.
 */
function tsWorker(url: URL, workerData: WorkerInit): Worker {
  const pkg = createRequire(import.meta.url).resolve("tsx/package.json");
  const api = pathToFileURL(join(dirname(pkg), "dist", "esm", "api", "index.mjs")).href;
  const code = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * Spreads the folds over `threads` worker threads (round-robin); each worker trains its folds and
 * answers every `steps(count)` request with the metrics of those iterations. The pool and its
 * quantisation are sent once, at start.
 */
export async function runFoldsInWorkers(job: FoldJob, threads: number): Promise<FoldRunner> {
  const quant = quantizePool(job.pool, job.params);
  const quantKey = [...job.pool.cache.entries()].find(([, v]) => v === quant)![0];
  const isTs = import.meta.url.endsWith(".ts");
  const url = new URL(isTs ? "./cv-worker.ts" : "./cv-worker.js", import.meta.url);
  const groups = Array.from({ length: threads }, (_, w) =>
    job.folds.map((_, i) => i).filter((i) => i % threads === w),
  );
  const workers = groups.map((foldIds) => {
    const init: WorkerInit = {
      features: job.pool.features,
      label: job.pool.label!,
      weight: job.pool.weight,
      quantKey,
      quant,
      job: { params: job.params, folds: foldIds.map((i) => job.folds[i]) },
    };
    const w = isTs ? tsWorker(url, init) : new Worker(url, { workerData: init });
    w.unref();
    return w;
  });
  const request = (w: Worker, count: number) =>
    new Promise<Float64Array[][][]>((resolve, reject) => {
      const onMessage = (msg: { ok: boolean; result?: Float64Array[][][]; error?: string }) => {
        w.off("error", onError);
        if (msg.ok) resolve(msg.result!);
        else reject(new Error(`cv worker failed: ${msg.error}`));
      };
      const onError = (e: Error) => {
        w.off("message", onMessage);
        reject(e);
      };
      w.once("message", onMessage);
      w.once("error", onError);
      w.postMessage({ count });
    });
  return {
    async steps(count) {
      const parts = await Promise.all(workers.map((w) => request(w, count)));
      // back to the callers' fold order
      return Array.from({ length: count }, (_, k) => {
        const row: Float64Array[][] = new Array(job.folds.length);
        groups.forEach((foldIds, w) => {
          foldIds.forEach((fi, j) => {
            row[fi] = parts[w][k][j];
          });
        });
        return row;
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
