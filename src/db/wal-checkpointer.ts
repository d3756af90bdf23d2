import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

/** Options of {@link startWalCheckpointer}. */
export interface WalCheckpointerOptions {
  /**
   * WAL pages (4 KiB each by default) at which a commit checkpoints in line, SQLite's own
   * `wal_autocheckpoint`: the hard cap on the WAL. Default 4096 (16 MiB).
   */
  capPages?: number;
  /** How often, in ms, the background thread looks for a pause in writing. Default 100. */
  idleMs?: number;
}

/** A running checkpointer; {@link WalCheckpointer.stop} before closing the connection. */
export interface WalCheckpointer {
  /** Ends the background thread (its connection closed) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Moves SQLite WAL checkpoints off the commit path, keeping the WAL bounded.
 *
 * A checkpoint copies the WAL into the database file and waits on fsync (milliseconds, far
 * more on a busy disk); SQLite runs one inside a commit every `wal_autocheckpoint` pages. Here
 * that in-line checkpoint becomes the hard cap only (`capPages`, 4x SQLite's default), and a
 * worker thread with its own connection checkpoints when writing pauses: each `idleMs` it reads
 * `PRAGMA data_version`, and when that moved since its last checkpoint but not during the last
 * interval, it runs `wal_checkpoint(PASSIVE)`, which never blocks writers. The next commit
 * then starts the WAL over, so bursts with pauses never pay for a checkpoint; sustained writing
 * pays for one per `capPages` instead of per 1,000 pages. The thread stays away while writes
 * flow, so it does not hold the checkpoint lock when the cap is hit.
 *
 * Durability is SQLite's WAL mode as configured (`synchronous = NORMAL`: commits survive a crash
 * of the process, checkpoints fsync); the worker's connection uses the same setting.
 * `journal_size_limit` trims a WAL file that outgrew the cap (a long reader kept it from
 * restarting) back to the cap when it restarts.
 *
 * @param raw the process's writer connection (WAL mode) to the file `path`
 */
export function startWalCheckpointer(
  raw: BetterSqlite3.Database,
  path: string,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const { capPages = 4096, idleMs = 100 } = options;
  raw.pragma(`wal_autocheckpoint = ${Math.floor(capPages)}`);
  const pageSize = raw.pragma("page_size", { simple: true }) as number;
  raw.pragma(`journal_size_limit = ${Math.floor(capPages) * (pageSize + 24) + 32}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: createRequire(import.meta.url).resolve("better-sqlite3"), path, idleMs },
  });
  // A process that never closes the database still exits; the WAL is then recovered on open.
  worker.unref();
  // Checkpointing is an optimisation: a thread that fails leaves the in-line cap in charge.
  worker.on("error", () => {});
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    stop() {
      // Referenced again so that an awaited stop keeps the process alive until the thread is gone.
      worker.ref();
      worker.postMessage("stop");
      return exited;
    },
  };
}

// Plain CommonJS, evaluated by the worker (no TypeScript loader needed there).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.path, { timeout: 1000 });
db.pragma("synchronous = NORMAL");
const version = () => db.pragma("data_version", { simple: true });
let seen = version();
let checkpointed; // unknown: the first pause checkpoints whatever the WAL holds
const timer = setInterval(() => {
  try {
    const now = version();
    if (now === seen && now !== checkpointed) {
      db.pragma("wal_checkpoint(PASSIVE)");
      checkpointed = now;
    }
    seen = now;
  } catch {
    // busy or locked: try again next interval
  }
}, workerData.idleMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
