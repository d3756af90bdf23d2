import Fastify, { type FastifyInstance } from "fastify";
import type { TrackingStore } from "../track/index.js";
import { resolveStorage, type Storage } from "../tune/index.js";
import { type BasicAuth, installGuards } from "./guards.js";
import { artifactProxyRoutes } from "./mlflow/artifact-routes.js";
import { mlflowErrorHandler } from "./mlflow/errors.js";
import { mlflowApi } from "./mlflow/mlflow-api.js";
import { entitySchemas } from "./mlflow/schemas.js";
import { trackingContextPlugin } from "./tracking-context.js";
import { studyApi } from "./tunelab/study-api.js";
import { DEFAULT_UI_DIR, serveUi } from "./ui-static.js";

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** The tracking store: an open store (closed with the server) or a tracking URI; default "mlruns". */
  readonly backendStore?: TrackingStore | string;
  /**
   * Folder the artifact proxy serves and new experiments write to. Default: the tracking URI's
   * artifact folder. Required when `backendStore` is a store object.
   */
  readonly artifactsDestination?: string;
  /** HTTP basic auth; default none. */
  readonly auth?: BasicAuth;
  /** Refuse every write (403 PERMISSION_DENIED); default false. */
  readonly readOnly?: boolean;
  /** Largest JSON body in bytes (larger: 413); default 16 MiB. */
  readonly bodyLimit?: number;
  /** Largest artifact upload in bytes (larger: 413); default 1 GiB. */
  readonly artifactUploadLimit?: number;
  /**
   * Study storage for tunelab's study API under `/api/tunelab` (a storage or a URI the tune
   * module resolves); default none (the study API is not mounted). A URI-opened storage is
   * closed with the server.
   */
  readonly studyStorage?: Storage | string;
  /**
   * Folder of the built web UI served at `/` (default: the package's `ui/dist`); `false` serves
   * no UI. When the folder has no `index.html`, `/` says how to build it.
   */
  readonly uiDir?: string | false;
  /** Fastify logger option; default false. */
  readonly logger?: boolean | object;
}

/** The version `GET /version` reports. */
export const SERVER_VERSION = "tunelab-0.1.0";

/**
 * Builds the tracking server: MLflow's REST API under `/api/2.0/mlflow` and
 * `/ajax-api/2.0/mlflow`, the artifact proxy under `/api/2.0/mlflow-artifacts`, `/health` and
 * `/version`, and the web UI at `/`. The caller listens (`app.listen({ host: "127.0.0.1", port })`); tests use `inject()`.
 * Closing the app waits for requests in flight, then closes the store.
 *
 * @example
 * const app = await buildServer({ backendStore: "sqlite:///mlruns.db", artifactsDestination: "mlartifacts" });
 * await app.listen({ host: "127.0.0.1", port: 5000 });
 */
export async function buildServer(opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 16 * 1024 * 1024,
    forceCloseConnections: "idle",
    ajv: {
      customOptions: {
        coerceTypes: "array",
        removeAdditional: false,
        allErrors: false,
        allowUnionTypes: true,
      },
    },
  });
  for (const s of entitySchemas) app.addSchema(s);
  installGuards(app, {
    ...(opts.auth ? { auth: opts.auth } : {}),
    ...(opts.readOnly ? { readOnly: true } : {}),
  });
  await app.register(trackingContextPlugin, {
    ...(opts.backendStore !== undefined ? { store: opts.backendStore } : {}),
    ...(opts.artifactsDestination ? { artifactsDestination: opts.artifactsDestination } : {}),
    readOnly: opts.readOnly ?? false,
  });
  await app.register(mlflowApi, { prefix: "/api/2.0/mlflow" });
  await app.register(mlflowApi, { prefix: "/ajax-api/2.0/mlflow" });
  await app.register(artifactProxyRoutes, {
    prefix: "/api/2.0/mlflow-artifacts",
    ...(opts.artifactUploadLimit ? { uploadLimit: opts.artifactUploadLimit } : {}),
  });
  await app.register(artifactProxyRoutes, {
    prefix: "/ajax-api/2.0/mlflow-artifacts",
    ...(opts.artifactUploadLimit ? { uploadLimit: opts.artifactUploadLimit } : {}),
  });
  if (opts.studyStorage !== undefined) {
    const storage = await resolveStorage(opts.studyStorage);
    if (typeof opts.studyStorage === "string") app.addHook("onClose", async () => storage.close?.());
    await app.register(studyApi, { prefix: "/api/tunelab", storage });
  }
  app.get("/health", async (_req, reply) => reply.type("text/plain").send("OK"));
  app.get("/version", async (_req, reply) => reply.type("text/plain").send(SERVER_VERSION));
  const uiFallback = opts.uiDir === false ? () => false : await serveUi(app, opts.uiDir ?? DEFAULT_UI_DIR);
  // unknown routes and wrong methods: MLflow-style JSON 404 (pages of the web UI: its index.html)
  app.setNotFoundHandler(async (request, reply) => {
    if (uiFallback(request, reply)) return reply;
    return reply.status(404).send({
      error_code: "ENDPOINT_NOT_FOUND",
      message: `No route for ${request.method} ${request.url.split("?")[0]}`,
    });
  });
  app.setErrorHandler(mlflowErrorHandler);
  return app;
}
