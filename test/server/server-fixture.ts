import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildServer, type ServerOptions } from "../../src/server/index.js";

/** A server on a fresh SQLite file and artifact folder, and a JSON call helper over inject(). */
export async function serverFixture(opts: Omit<ServerOptions, "backendStore" | "artifactsDestination"> = {}) {
  const dir = await mkdtemp(join(tmpdir(), "tunelab-server-"));
  const artifacts = join(dir, "artifacts");
  const app: FastifyInstance = await buildServer({
    ...opts,
    backendStore: `sqlite:///${join(dir, "tunelab.db")}`,
    artifactsDestination: artifacts,
  });
  const call = async (
    method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const r = await app.inject({
      method,
      url: url.startsWith("/") ? url : `/api/2.0/mlflow/${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    let json: Record<string, unknown> = {};
    try {
      json = r.json();
    } catch {}
    return { status: r.statusCode, json, body: r.body, headers: r.headers };
  };
  return {
    app,
    dir,
    artifacts,
    call,
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
