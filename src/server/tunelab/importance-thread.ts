import { Worker } from "node:worker_threads";
import { bundlingWorkerCode } from "./importance-bundle.js";
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
 * worker, started on first use (or by {@link start}); tasks that come while it starts wait for
 * it. If the worker cannot start or dies, its tasks are computed in this thread instead, and the
 * next task starts a new worker.
 */
export class ImportanceThread {
  private worker: Worker | undefined;
  private starting = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  /** Starts the worker now (its start-up then overlaps whatever comes before the first task). */
  start(): void {
    if (this.worker || this.starting || this.closed) return;
    this.starting = true;
    spawn().then(
      (w) => {
        this.starting = false;
        if (this.closed) void w.terminate();
        else this.attach(w);
      },
      () => {
        this.starting = false;
        this.runPendingHere();
      },
    );
  }

  /** The worker's thread id while it runs (tests check that tasks really leave this thread). */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  /** The task's importances, largest first. */
  evaluate(task: ImportanceTask): Promise<ImportanceRow[]> {
    return new Promise((resolve, reject) => {
      const p = { task, resolve, reject };
      if (this.closed) return runHere(p);
      const id = this.nextId++;
      this.pending.set(id, p);
      if (this.worker) this.post(this.worker, id);
      else this.start(); // posted once the worker is up
    });
  }

  /** Stops the worker; later tasks run in this thread. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    this.runPendingHere();
    await w?.terminate();
  }

  private attach(w: Worker): void {
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
      this.runPendingHere();
    };
    w.on("error", lost);
    w.on("exit", lost);
    this.worker = w;
    for (const id of this.pending.keys()) this.post(w, id);
  }

  private post(w: Worker, id: number): void {
    w.ref(); // a task is waiting: keep the process alive for its answer
    w.postMessage(taskToMessage(id, this.pending.get(id)!.task));
  }

  private runPendingHere(): void {
    for (const [id, p] of [...this.pending]) {
      this.settle(id);
      runHere(p);
    }
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

/** The worker, from the compiled `.js` or, running from TypeScript sources, bundled in the worker (see {@link bundlingWorkerCode}). */
async function spawn(): Promise<Worker> {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./importance-worker.js", import.meta.url));
  return new Worker(bundlingWorkerCode(new URL("./importance-worker.ts", import.meta.url)), { eval: true });
}
