import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:ui` writes the web UI (ui/dist at the package root). */
export const DEFAULT_UI_DIR = fileURLToPath(new URL("../../ui/dist/", import.meta.url));

const MISSING_UI = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tunelab</title></head>
<body style="font-family:system-ui;max-width:40em;margin:3em auto">
<h1>The web UI is not built</h1>
<p>This server answers MLflow's REST API, but the web UI's files (<code>ui/dist</code>) are missing.
Run <code>npm run build:ui</code> in the tunelab folder, then restart the server.</p>
</body></html>`;

/** API paths (and missing assets) never fall back to the UI: their 404s stay MLflow-style JSON. */
const isApiPath = (url: string) =>
  /^\/(api|ajax-api|assets)\//.test(url) || url === "/health" || url === "/version";

/**
 * Serves the built web UI at `/` (`index.html` and its assets), and answers GETs of other
 * non-API paths that want HTML with `index.html` (single-page-app fallback). Without a built UI,
 * `/` explains how to build it; the API works either way. Returns the fallback to call from the
 * app's not-found handler (true when it answered).
 */
export async function serveUi(
  app: FastifyInstance,
  uiDir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const built = existsSync(join(uiDir, "index.html"));
  if (!built) {
    app.get("/", async (_req, reply) => reply.type("text/html").send(MISSING_UI));
    return () => false;
  }
  await app.register(fastifyStatic, {
    root: uiDir,
    prefix: "/",
    index: ["index.html"],
    // hashed asset names: cache them for good; index.html must be revalidated to see a new build
    setHeaders: (reply, path) =>
      reply.header(
        "Cache-Control",
        path.endsWith("index.html") ? "no-cache" : "public, max-age=31536000, immutable",
      ),
  });
  return (request, reply) => {
    if (request.method !== "GET" || isApiPath(request.url)) return false;
    if (!(request.headers.accept ?? "").includes("text/html")) return false;
    void reply.header("Cache-Control", "no-cache").sendFile("index.html");
    return true;
  };
}
