import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { parseTrackingUri, SqlTrackingStore, type TrackingStore } from "../track/index.js";
import { type ArtifactUriMapper, proxiedUris } from "./mlflow/wire.js";

/** What the routes share: the tracking store and the artifact proxy's root. */
export interface TrackingContext {
  readonly store: TrackingStore;
  /** Absolute folder the artifact proxy serves (`--artifacts-destination`). */
  readonly artifactsRoot: string;
  /** Stored artifact URIs <-> `mlflow-artifacts:/` URIs. */
  readonly uris: ArtifactUriMapper;
  /** Whether writes are refused. */
  readonly readOnly: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The tracking store and artifact root shared by the API plugins. */
    tracking: TrackingContext;
  }
}

/** How {@link trackingContextPlugin} gets its store. */
export interface TrackingContextOptions {
  /** An open store (closed with the server), or a tracking URI to open; default "mlruns". */
  readonly store?: TrackingStore | string;
  /**
   * Folder of the artifact proxy; new experiments put their artifacts under it. Default: the
   * artifact folder of the tracking URI (`<folder>/artifacts` for a folder URI). Required with a
   * store object.
   */
  readonly artifactsDestination?: string;
  readonly readOnly?: boolean;
}

/** Opens the store a URI names, with its artifacts under `artifactsDestination` when given. */
export async function openServerStore(
  uri: string,
  artifactsDestination?: string,
): Promise<{ store: TrackingStore; artifactsRoot: string }> {
  const loc = parseTrackingUri(uri);
  if (loc.kind === "rest")
    throw new Error(`--backend-store-uri ${uri}: a tracking server cannot use another server as its store`);
  const artifactsRoot = resolve(artifactsDestination ?? loc.artifactRoot);
  const store = await SqlTrackingStore.open(loc.databaseUri, { artifactRoot: artifactsRoot });
  return { store, artifactsRoot };
}

/**
 * Decorates the instance with `tracking` and closes the store in `onClose`. Not encapsulated
 * (skip-override), so every API plugin registered after it sees the same store.
 */
export async function trackingContextPlugin(
  app: FastifyInstance,
  opts: TrackingContextOptions,
): Promise<void> {
  let store: TrackingStore;
  let artifactsRoot: string;
  if (typeof opts.store === "object") {
    if (!opts.artifactsDestination) throw new Error("artifactsDestination is required with a store object");
    store = opts.store;
    artifactsRoot = resolve(opts.artifactsDestination);
  } else
    ({ store, artifactsRoot } = await openServerStore(opts.store ?? "mlruns", opts.artifactsDestination));
  await mkdir(artifactsRoot, { recursive: true });
  app.decorate("tracking", {
    store,
    artifactsRoot,
    uris: proxiedUris(pathToFileURL(artifactsRoot).href),
    readOnly: opts.readOnly ?? false,
  });
  app.addHook("onClose", async () => {
    await store.close?.();
  });
}
(trackingContextPlugin as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;
