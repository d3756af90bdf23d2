import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { VENV } from "./python-venv.js";

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** How to run a real `mlflow server` from the venv (the peer of conformance tests and benches). */
export interface MlflowServerOptions {
  port: number;
  backendStoreUri: string;
  /** `--artifacts-destination` (the artifact proxy) or `--default-artifact-root`. */
  artifacts: { destination: string } | { defaultRoot: string };
  /** Gunicorn/uvicorn workers. Default 1. */
  workers?: number | string;
  cwd?: string;
  /** Own process group, so that `process.kill(-pid)` stops the server and its workers. */
  detached?: boolean;
  /** stderr kept for the start-up error message; else ignored. */
  pipeStderr?: boolean;
  venv?: string;
}

/** Starts `mlflow server` (its deprecated file store allowed, as MLflow >= 3.13 asks). */
export function spawnMlflowServer(o: MlflowServerOptions): ChildProcess {
  const artifacts =
    "destination" in o.artifacts
      ? ["--artifacts-destination", o.artifacts.destination]
      : ["--default-artifact-root", o.artifacts.defaultRoot];
  return spawn(
    join(o.venv ?? VENV, "bin", "mlflow"),
    [
      "server",
      "--backend-store-uri",
      o.backendStoreUri,
      ...artifacts,
      "--host",
      "127.0.0.1",
      "--port",
      String(o.port),
      "--workers",
      String(o.workers ?? 1),
    ],
    {
      cwd: o.cwd,
      detached: o.detached,
      stdio: ["ignore", "ignore", o.pipeStderr ? "pipe" : "ignore"],
      env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: "true" },
    },
  );
}

/** Resolves when `url/health` answers 200; false when the child exits or the time runs out. */
export async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/health`)).ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
