/** Worker-thread entry of {@link ImportanceThread}: computes importances, one task per message. */
import { parentPort } from "node:worker_threads";
import { evaluateImportances } from "./importance-compute.js";
import { type ImportanceTaskMessage, messageToTask } from "./importance-wire.js";

parentPort!.on("message", (msg: ImportanceTaskMessage) => {
  try {
    parentPort!.postMessage({ id: msg.id, ok: true, rows: evaluateImportances(messageToTask(msg)) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: (e as Error).stack ?? String(e) });
  }
});
