import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDatabaseUri } from "../../db/index.js";
import { InvalidParameterValueError } from "../errors.js";
import { SqlTrackingStore, type SqlTrackingStoreOptions } from "./sql/sql-tracking-store.js";
import type { TrackingStore } from "./store.js";

/** The tracking URI used when none is given: `$MLFLOW_TRACKING_URI`, else the folder `mlruns`. */
export function defaultTrackingUri(): string {
  return process.env.MLFLOW_TRACKING_URI || "mlruns";
}

/** Where a tracking URI keeps its database and artifacts. */
export type TrackingLocation =
  | { readonly kind: "sql"; readonly databaseUri: string; readonly artifactRoot: string }
  | { readonly kind: "rest"; readonly url: string };

/**
 * Interprets a tracking URI (DESIGN.md):
 * - a folder (`mlruns`, `./runs`, `file:///abs/mlruns`): `<folder>/tunelab.db` (SQLite, WAL) and
 *   artifacts in `<folder>/artifacts`;
 * - `sqlite:///path/to/x.db`: that file; artifacts in `artifacts/` beside it;
 * - `postgresql://...`: that database; artifacts in `./mlartifacts`;
 * - `http(s)://host:port`: a server speaking the MLflow REST API.
 */
export function parseTrackingUri(uri: string): TrackingLocation {
  if (typeof uri !== "string" || uri.trim() === "")
    throw new InvalidParameterValueError(
      `Invalid tracking URI ${JSON.stringify(uri)}: expected a folder or a URI`,
    );
  if (/^https?:\/\//i.test(uri)) return { kind: "rest", url: uri };
  const db = parseDatabaseUri(uri);
  if (db?.dialect === "sqlite")
    return {
      kind: "sql",
      databaseUri: uri,
      artifactRoot: db.path === ":memory:" ? resolve("mlartifacts") : resolve(db.path, "..", "artifacts"),
    };
  if (db?.dialect === "postgres")
    return { kind: "sql", databaseUri: uri, artifactRoot: resolve("mlartifacts") };
  let folder: string;
  if (/^file:/i.test(uri)) folder = fileURLToPath(uri);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri))
    throw new InvalidParameterValueError(
      `Unsupported tracking URI ${JSON.stringify(uri)}: expected a folder, sqlite:///..., postgresql://... or http(s)://...`,
    );
  else folder = uri;
  const abs = resolve(folder);
  return {
    kind: "sql",
    databaseUri: `sqlite:///${resolve(abs, "tunelab.db")}`,
    artifactRoot: resolve(abs, "artifacts"),
  };
}

/** Opens the store a tracking URI names. */
export async function openTrackingStore(
  uri: string = defaultTrackingUri(),
  options: Omit<SqlTrackingStoreOptions, "artifactRoot"> = {},
): Promise<TrackingStore> {
  const loc = parseTrackingUri(uri);
  if (loc.kind === "rest")
    throw new InvalidParameterValueError(
      `Tracking URI ${uri}: http(s) tracking servers are not yet supported by this version's client ` +
        "(the REST store comes with `tunelab server`); use a folder, sqlite:/// or postgresql:// URI",
    );
  return SqlTrackingStore.open(loc.databaseUri, { ...options, artifactRoot: loc.artifactRoot });
}
