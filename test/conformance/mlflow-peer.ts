import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildServer } from "../../src/server/index.js";
import { freePort, spawnMlflowServer, waitHealthy } from "../helpers/mlflow-server.js";

/** A real `mlflow server` (SQLite store, artifact proxy) from the venv, on a free port. */
export async function startMlflowServer(): Promise<{ url: string; dir: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "tunelab-mlflow-peer-"));
  const port = await freePort();
  const child = spawnMlflowServer({
    port,
    backendStoreUri: `sqlite:///${join(dir, "mlflow.db")}`,
    artifacts: { destination: join(dir, "artifacts") },
    cwd: dir,
    pipeStderr: true,
  });
  let log = "";
  child.stderr?.on("data", (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  };
  if (await waitHealthy(url, child)) return { url, dir, stop };
  await stop();
  throw new Error(`mlflow server did not start: ${log}`);
}

/**
 * Runs one client transcript against a fresh tunelab server (temporary SQLite store) and against a
 * real `mlflow server`; resolves with `[tunelab's, MLflow's]`. `parallel: false` runs them one after
 * the other, for clients that patch globals while they run.
 */
export async function transcriptsOfBoth<T>(
  transcript: (url: string) => Promise<T>,
  { parallel = true }: { parallel?: boolean } = {},
): Promise<[T, T]> {
  const dir = await mkdtemp(join(tmpdir(), "tunelab-conformance-server-"));
  const app = await buildServer({
    backendStore: `sqlite:///${join(dir, "tunelab.db")}`,
    artifactsDestination: join(dir, "artifacts"),
  });
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as { port: number };
    const ours = `http://127.0.0.1:${port}`;
    const mlflow = await startMlflowServer();
    try {
      if (parallel) return await Promise.all([transcript(ours), transcript(mlflow.url)]);
      return [await transcript(ours), await transcript(mlflow.url)];
    } finally {
      await mlflow.stop();
    }
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}
