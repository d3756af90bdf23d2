import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { buildServer, DEFAULT_UI_DIR } from "../../src/server/index.js";
import { TrackingClient } from "../../src/track/index.js";

/**
 * A listening server on a temporary SQLite store, and a tracking client on the same store.
 * Experiments the client creates should put their artifacts under `artifactsRoot` (see
 * {@link artifactLocation}) so that the server's artifact proxy serves them.
 */
export interface UiServer {
  readonly url: string;
  readonly client: TrackingClient;
  readonly artifactsRoot: string;
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
  const store = `sqlite:///${join(dir, "tunelab.db")}`;
  const artifactsRoot = join(dir, "artifacts");
  const app: FastifyInstance = await buildServer({
    backendStore: store,
    artifactsDestination: artifactsRoot,
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  // the tracking API on the store itself: the HTTP client cannot upload artifacts yet
  const client = new TrackingClient(store);
  return {
    url,
    client,
    artifactsRoot,
    close: async () => {
      await client.close();
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The artifact location for a new experiment, under the server's artifact proxy. */
export function artifactLocation(server: UiServer, experimentName: string): string {
  return pathToFileURL(join(server.artifactsRoot, experimentName)).href;
}
