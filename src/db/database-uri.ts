import { isAbsolute, resolve } from "node:path";

/** A database URI taken apart: which dialect, and where the database is. */
export type DatabaseLocation =
  | { readonly dialect: "sqlite"; readonly path: string }
  | { readonly dialect: "postgres"; readonly connectionString: string };

/**
 * Reads a database URI in SQLAlchemy's spelling, which Optuna and MLflow users already write:
 * - `sqlite:///relative/path.db` (three slashes: relative to the working directory),
 *   `sqlite:////absolute/path.db` (four slashes), `sqlite:///:memory:`;
 * - `postgresql://user@host:port/db` (also `postgres://` and `postgresql+<driver>://`).
 *
 * Returns `undefined` for any other scheme so that callers can try their own (folders, http).
 *
 * @example
 * parseDatabaseUri("sqlite:///mlruns/tunelab.db"); // { dialect: "sqlite", path: "/cwd/mlruns/tunelab.db" }
 */
export function parseDatabaseUri(uri: string): DatabaseLocation | undefined {
  const sqlite = /^sqlite:\/\/(\/?)(.*)$/i.exec(uri);
  if (sqlite) {
    const rest = (sqlite[2] ?? "").replace(/\?.*$/, "");
    if (rest === "" || rest === ":memory:") return { dialect: "sqlite", path: ":memory:" };
    // sqlite:////abs -> rest "/abs"; sqlite:///rel -> rest "rel"
    const path = isAbsolute(rest) ? rest : resolve(rest);
    return { dialect: "sqlite", path };
  }
  const pg = /^postgres(?:ql)?(?:\+[a-z0-9_]+)?:\/\/(.*)$/i.exec(uri);
  if (pg) return { dialect: "postgres", connectionString: `postgresql://${pg[1]}` };
  return undefined;
}
