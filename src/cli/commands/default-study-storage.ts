import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { parseDatabaseUri } from "../../db/index.js";
import { parseTrackingUri } from "../../track/index.js";

/**
 * The study storage `tunelab ui` serves when `--study-storage` is not given:
 * `$TUNELAB_STUDY_STORAGE` when set; else the tracking database itself when it is a SQLite file
 * that already holds studies (Optuna's `studies` table; `npm run demo` keeps its study in
 * `mlruns/tunelab.db` beside its runs); else none. The file is only read here, never created.
 *
 * @example
 * defaultStudyStorage("mlruns") // "sqlite:////home/me/project/mlruns/tunelab.db" after `npm run demo`
 */
export function defaultStudyStorage(trackingUri: string, env = process.env): string | undefined {
  if (env.TUNELAB_STUDY_STORAGE) return env.TUNELAB_STUDY_STORAGE;
  let databaseUri: string;
  try {
    const loc = parseTrackingUri(trackingUri);
    if (loc.kind !== "sql") return undefined;
    databaseUri = loc.databaseUri;
  } catch {
    return undefined; // the server reports a bad tracking URI itself
  }
  const db = parseDatabaseUri(databaseUri);
  if (db?.dialect !== "sqlite" || db.path === ":memory:" || !existsSync(db.path)) return undefined;
  return hasStudies(db.path) ? databaseUri : undefined;
}

function hasStudies(path: string): boolean {
  let conn: Database.Database | undefined;
  try {
    conn = new Database(path, { readonly: true, fileMustExist: true });
    return (
      conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'studies'").get() !==
      undefined
    );
  } catch {
    return false;
  } finally {
    conn?.close();
  }
}
