/** Worker-thread entry of cv(): trains the folds it was given, a batch of iterations per request. */
import { parentPort, workerData } from "node:worker_threads";
import { poolFromInit, type WorkerInit } from "./cv-workers.js";
import { localRunner } from "./fold-runner.js";

const init = workerData as WorkerInit;
const runner = localRunner({ ...init.job, pool: poolFromInit(init) });
parentPort!.on("message", async (msg: { count: number }) => {
  try {
    parentPort!.postMessage({ ok: true, result: await runner.steps(msg.count) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
});
