import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { type DatabaseLocation, parseDatabaseUri } from "./database-uri.js";
import { acquireSharedSqlite } from "./retrying-database.js";
import { POSTGRES_DIALECT, SQLITE_DIALECT, type SqlDialect } from "./sql-dialect.js";
import { KyselyExecutor, type SqlExecutor, SqliteExecutor } from "./sql-executor.js";

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** SQLite: how long (ms) to wait for another process's write lock (when this process opens the file first). Default 60000. */
  busyTimeoutMs?: number;
  /** PostgreSQL: maximum pooled connections. Default 10. */
  poolSize?: number;
}

/** An open database: a kysely instance to build queries with, and an executor to run them. */
export interface OpenDatabase<DB> {
  readonly location: DatabaseLocation;
  readonly dialect: SqlDialect;
  /** Builds (and, for migrations, may run) queries. */
  readonly db: Kysely<DB>;
  /** Runs queries; see {@link SqlExecutor} for the transaction rules of each dialect. */
  readonly executor: SqlExecutor;
  /** Closes the connection or pool. */
  close(): Promise<void>;
}

// int8 (bigint) as a JS number: timestamps and steps fit in 2^53; count(*) too.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens a database from a URI (see {@link parseDatabaseUri}).
 *
 * SQLite files are opened in WAL mode (readers never block the writer, and a process killed
 * mid-write loses only its uncommitted transaction), `synchronous=NORMAL` (a commit is durable
 * against process crashes; an OS crash may lose the last commits) and a busy timeout so that
 * several processes can write to one file. The parent folder is created when missing. Within
 * one process a file has one connection, shared with {@link openRetryingDatabase} users.
 *
 * @example
 * const { db, executor, close } = await openDatabase<MyTables>("sqlite:///mlruns/tunelab.db");
 */
export async function openDatabase<DB>(
  uriOrLocation: string | DatabaseLocation,
  options: OpenDatabaseOptions = {},
): Promise<OpenDatabase<DB>> {
  const { busyTimeoutMs = 60_000, poolSize = 10 } = options;
  const location = typeof uriOrLocation === "string" ? parseDatabaseUri(uriOrLocation) : uriOrLocation;
  if (!location)
    throw new Error(
      `unsupported database URI ${JSON.stringify(uriOrLocation)} (expected sqlite:///path.db or postgresql://...)`,
    );
  if (location.dialect === "sqlite") {
    if (location.path === ":memory:") {
      const raw = new Database(location.path);
      raw.pragma("foreign_keys = ON");
      const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
      return {
        location,
        dialect: SQLITE_DIALECT,
        db,
        executor: new SqliteExecutor(raw, SQLITE_DIALECT),
        close: () => db.destroy(),
      };
    }
    mkdirSync(dirname(location.path), { recursive: true });
    // One connection per file per process, shared with tune's study storage: better-sqlite3 waits
    // for locks synchronously, so a second connection in this process could block the event loop
    // while the first holds the write lock.
    const shared = acquireSharedSqlite(location.path, busyTimeoutMs);
    // Bounded ANALYZE work, so `pragma optimize` stays fast on big databases.
    shared.raw.pragma("analysis_limit = 100000");
    const db = shared.db as Kysely<DB>;
    return {
      location,
      dialect: SQLITE_DIALECT,
      db,
      executor: new SqliteExecutor(shared.raw, SQLITE_DIALECT, shared.db as Kysely<unknown>),
      close: shared.release,
    };
  }
  const pool = new pg.Pool({ connectionString: location.connectionString, max: poolSize, types: pgTypes });
  // A lost server must fail the next query, not crash the process through an unhandled 'error'.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const executor = new KyselyExecutor(db as Kysely<unknown>, POSTGRES_DIALECT);
  return {
    location,
    dialect: POSTGRES_DIALECT,
    db,
    executor,
    close: () => db.destroy(),
  };
}
