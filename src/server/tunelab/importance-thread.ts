import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { evaluateImportances, type ImportanceRow, type ImportanceTask } from "./importance-compute.js";
import { taskToMessage } from "./importance-wire.js";

type Reply = { id: number; ok: true; rows: ImportanceRow[] } | { id: number; ok: false; error: string };

interface Pending {
  readonly task: ImportanceTask;
  resolve(rows: ImportanceRow[]): void;
  reject(err: Error): void;
}

/**
 * Computes importances in a worker thread, so that fANOVA's forest (about half a second on 1,000
 * trials) does not hold up the server's other requests. Tasks run one after another in one
 * worker, started on first use (or by {@link start}). If the worker cannot start or dies, its
 * tasks are computed in this thread instead, and the next task starts a new worker.
 */
export class ImportanceThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  /** Starts the worker now (its start-up then overlaps whatever comes before the first task). */
  start(): void {
    if (this.worker || this.closed) return;
    const w = spawn();
    w.unref(); // idle, it must not keep the process alive
    w.on("message", (msg: Reply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.settle(msg.id);
      if (msg.ok) p.resolve(msg.rows);
      else p.reject(new Error(`importances worker: ${msg.error}`));
    });
    const lost = () => {
      if (this.worker !== w) return;
      this.worker = undefined;
      for (const [id, p] of [...this.pending]) {
        this.settle(id);
        runHere(p);
      }
    };
    w.on("error", lost);
    w.on("exit", lost);
    this.worker = w;
  }

  /** The task's importances, largest first. */
  evaluate(task: ImportanceTask): Promise<ImportanceRow[]> {
    return new Promise((resolve, reject) => {
      const p = { task, resolve, reject };
      try {
        this.start();
      } catch {
        // no worker here (e.g. tsx's loader not found): compute in this thread
      }
      if (!this.worker) return runHere(p);
      const id = this.nextId++;
      this.pending.set(id, p);
      this.worker!.ref(); // a task is waiting: keep the process alive for its answer
      this.worker!.postMessage(taskToMessage(id, task));
    });
  }

  /** Stops the worker; later tasks run in this thread. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    for (const [id, p] of [...this.pending]) {
      this.settle(id);
      runHere(p);
    }
    await w?.terminate();
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }
}

function runHere(p: Pending): void {
  try {
    p.resolve(evaluateImportances(p.task));
  } catch (e) {
    p.reject(e as Error);
  }
}

/**
 * The worker, from the compiled `.js` or, running from TypeScript sources (tsx, tests), through
 * tsx's loader, which a worker does not inherit from its parent.
 */
function spawn(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./importance-worker.js", import.meta.url));
  const entry = new URL("./importance-worker.ts", import.meta.url).href;
  const pkg = createRequire(import.meta.url).resolve("tsx/package.json");
  const api = pathToFileURL(join(dirname(pkg), "dist", "esm", "api", "index.mjs")).href;
  const code = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}
