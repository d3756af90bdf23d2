import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildServer, DEFAULT_UI_DIR } from "../../src/server/index.js";
import { TrackingClient } from "../../src/track/index.js";

/** A listening server on a temporary SQLite store, with a tracking client logging to it over HTTP. */
export interface UiServer {
  readonly url: string;
  readonly client: TrackingClient;
  close(): Promise<void>;
}

/**
 * Starts the server with the built UI on a random port. Throws when ui/dist is missing: the
 * e2e tests test the built bundle (`npm run build:ui`).
 */
export async function startUiServer(): Promise<UiServer> {
  if (!existsSync(join(DEFAULT_UI_DIR, "index.html")))
    throw new Error(`the web UI is not built (${DEFAULT_UI_DIR} has no index.html): run npm run build:ui`);
  const dir = await mkdtemp(join(tmpdir(), "tunelab-e2e-"));
  const app: FastifyInstance = await buildServer({
    backendStore: `sqlite:///${join(dir, "tunelab.db")}`,
    artifactsDestination: join(dir, "artifacts"),
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const client = new TrackingClient(url);
  return {
    url,
    client,
    close: async () => {
      await client.close();
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
