import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance } from "fastify";
import { artifactRepositoryFor, type FileInfo } from "../../track/index.js";
import { resolveArtifactPath } from "./artifact-paths.js";
import { MlflowApiError, mlflowErrorHandler } from "./errors.js";
import { rpc, runIdOf } from "./rpc.js";
import { body, empty, errorResponses, field } from "./schemas.js";
import { wireFileInfo, withToken } from "./wire.js";

/** artifacts/list of the tracking API (paths relative to the run's artifact root). */
export async function artifactListRoute(app: FastifyInstance): Promise<void> {
  rpc<{ run_id?: string; run_uuid?: string; path?: string; page_token?: string }>(app, {
    method: "GET",
    url: "/artifacts/list",
    fields: { run_id: field.str, run_uuid: field.str, path: field.str, page_token: field.str },
    response: body({
      root_uri: field.str,
      files: { type: "array", items: { $ref: "mlflow.FileInfo#" } },
      next_page_token: field.str,
    }),
    handler: async (q, { store, uris }) => {
      const run = await store.getRun(runIdOf(q));
      const uri = run.info.artifactUri;
      const files = await artifactRepositoryFor(uri).listArtifacts(q.path || undefined);
      return {
        root_uri: uris.toWire(uri),
        ...(files.length ? { files: files.map(wireFileInfo) } : {}),
        ...withToken(undefined),
      };
    },
  });
}

const CONTENT_TYPES: Record<string, string> = {
  ".txt": "text/plain",
  ".log": "text/plain",
  ".json": "application/json",
  ".yaml": "text/yaml",
  ".yml": "text/yaml",
  ".csv": "text/csv",
  ".html": "text/html",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
};

const notFound = (path: string) =>
  new MlflowApiError("RESOURCE_DOES_NOT_EXIST", `Artifact '${path}' does not exist`, 404);

/** Options of {@link artifactProxyRoutes}. */
export interface ArtifactProxyOptions {
  /** Largest upload in bytes; default 1 GiB. */
  readonly uploadLimit?: number;
}

/** The artifact proxy (`/api/2.0/mlflow-artifacts`): upload, download, list, delete under the root. */
export async function artifactProxyRoutes(app: FastifyInstance, opts: ArtifactProxyOptions): Promise<void> {
  const limit = opts.uploadLimit ?? 1024 ** 3;
  app.setErrorHandler(mlflowErrorHandler);
  // uploads are raw bytes of any content type, streamed to disk
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_req, payload, done) => done(null, payload));

  const wildcard = { type: "object", properties: { "*": field.str } } as const;
  const rawPath = (url: string) =>
    (url.split("?")[0] ?? "").replace(/^.*?\/mlflow-artifacts\/artifacts\/?/, "");

  app.put("/artifacts/*", {
    config: { write: true },
    schema: { params: wildcard, response: { 200: empty, ...errorResponses } },
    handler: async (request) => {
      const path = (request.params as { "*": string })["*"];
      const { rel, full } = await resolveArtifactPath(app.tracking.artifactsRoot, path, rawPath(request.url));
      if (!rel) throw new MlflowApiError("INVALID_PARAMETER_VALUE", "An upload needs a file path");
      await mkdir(dirname(full), { recursive: true });
      const st = await lstat(full).catch(() => undefined);
      if (st?.isDirectory()) throw new MlflowApiError("INVALID_PARAMETER_VALUE", `'${rel}' is a directory`);
      const tmp = `${full}.upload-${process.pid}-${Math.random().toString(36).slice(2)}`;
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > limit)
            cb(new MlflowApiError("RESOURCE_EXHAUSTED", `Upload larger than ${limit} bytes`, 413));
          else cb(null, chunk);
        },
      });
      const source = request.body as NodeJS.ReadableStream | undefined;
      try {
        if (source) await pipeline(source, counter, createWriteStream(tmp));
        else await pipeline([] as Buffer[], createWriteStream(tmp));
        await rename(tmp, full);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return {};
    },
  });

  app.get("/artifacts/*", {
    schema: { params: wildcard },
    handler: async (request, reply) => {
      const path = (request.params as { "*": string })["*"];
      const { rel, full } = await resolveArtifactPath(app.tracking.artifactsRoot, path, rawPath(request.url));
      const st = await lstat(full).catch(() => undefined);
      if (!st || !rel) throw notFound(path);
      if (!st.isFile()) throw new MlflowApiError("INVALID_PARAMETER_VALUE", `'${rel}' is not a file`);
      return reply
        .header("Content-Disposition", `attachment; filename=${JSON.stringify(basename(rel))}`)
        .header("Content-Length", st.size)
        .type(CONTENT_TYPES[extname(rel).toLowerCase()] ?? "application/octet-stream")
        .send(createReadStream(full));
    },
  });

  app.get("/artifacts", {
    schema: {
      querystring: { type: "object", properties: { path: field.str } },
      response: {
        200: body({ files: { type: "array", items: { $ref: "mlflow.FileInfo#" } } }),
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const path = (request.query as { path?: string }).path ?? "";
      const { full } = await resolveArtifactPath(app.tracking.artifactsRoot, path);
      const st = await lstat(full).catch(() => undefined);
      if (!st?.isDirectory()) return {};
      const files: FileInfo[] = [];
      for (const e of await readdir(full, { withFileTypes: true })) {
        if (e.isSymbolicLink() || e.name.includes(".upload-")) continue;
        if (e.isDirectory()) files.push({ path: e.name, isDir: true });
        else if (e.isFile())
          files.push({ path: e.name, isDir: false, fileSize: (await lstat(join(full, e.name))).size });
      }
      files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return files.length ? { files: files.map(wireFileInfo) } : {};
    },
  });

  app.delete("/artifacts/*", {
    config: { write: true },
    schema: { params: wildcard, response: { 200: empty, ...errorResponses } },
    handler: async (request) => {
      const path = (request.params as { "*": string })["*"];
      const { rel, full } = await resolveArtifactPath(app.tracking.artifactsRoot, path, rawPath(request.url));
      if (!rel) throw new MlflowApiError("INVALID_PARAMETER_VALUE", "Refusing to delete the artifact root");
      if (!(await lstat(full).catch(() => undefined))) throw notFound(path);
      await rm(full, { recursive: true, force: true });
      return {};
    },
  });
}
