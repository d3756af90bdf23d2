import { execFileSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { freePort, spawnMlflowServer, waitHealthy } from "../../test/helpers/mlflow-server.js";

/**
 * `mlflow server` on an SQLite store holding the bench's runs (bench/ui/mlflow_fill.py); its
 * runs page link and a close().
 */
export async function startMlflowUi(
  venv: string,
  dir: string,
  n: number,
): Promise<{ runsLink: string; close(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const db = join(dir, "store.db");
  const experimentId = execFileSync(
    join(venv, "bin", "python"),
    [join(import.meta.dirname, "mlflow_fill.py"), db, join(dir, "artifacts"), String(n)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  ).trim();
  const port = await freePort();
  const child = spawnMlflowServer({
    venv,
    port,
    backendStoreUri: `sqlite:///${db}`,
    artifacts: { defaultRoot: join(dir, "artifacts") },
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, 60_000);
  return {
    runsLink: `${url}/#/experiments/${experimentId}/runs`,
    close: async () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    },
  };
}
