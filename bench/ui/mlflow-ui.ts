import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

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
  const child: ChildProcess = spawn(
    join(venv, "bin", "mlflow"),
    [
      "server",
      "--backend-store-uri",
      `sqlite:///${db}`,
      "--default-artifact-root",
      join(dir, "artifacts"),
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--workers",
      "1",
    ],
    { stdio: "ignore", detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    runsLink: `${url}/#/experiments/${experimentId}/runs`,
    close: async () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    },
  };
}
