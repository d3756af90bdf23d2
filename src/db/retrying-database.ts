import { isAbsolute, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { AnyKysely, DialectAdapter } from "./dialect-adapter.js";
import { DatabaseError, DatabaseUriError, redactUri } from "./errors.js";
import { PreparedScript } from "./pg-prepared-script.js";
import { PostgresAdapter } from "./postgres-adapter.js";
import { SqliteAdapter } from "./sqlite-adapter.js";
import { startWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer.js";

/** Options of {@link openRetryingDatabase}. */
export interface RetryingDatabaseOptions {
  /** SQLite: milliseconds a writer waits for the lock before SQLITE_BUSY. Default 30000. */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections in the pool. Default 4. */
  poolSize?: number;
  /** Attempts of a transaction that fails with a transient error (see `DialectAdapter.isTransient`). Default 8. */
  maxAttempts?: number;
  /** First retry delay in ms; doubles each attempt (with jitter), capped at 5 s. Default 50. */
  retryDelayMs?: number;
}

/**
 * An open database: a kysely instance, its dialect's capabilities ({@link DialectAdapter}), and
 * transactions that retry transient failures (busy SQLite, PostgreSQL restarting) with backoff.
 * Used by tune's study storage, whose workers must survive a database restart.
 */
export interface RetryingDatabase {
  /** The URI it was opened from (password redacted). */
  readonly uri: string;
  readonly db: AnyKysely;
  readonly adapter: DialectAdapter;
  /**
   * Runs `fn` in one transaction on one connection and commits; rolls back on error. Transient
   * errors (busy SQLite, lost PostgreSQL connection, deadlock) retry the whole function with
   * exponential backoff, so `fn` must only have effects through `trx`.
   */
  transaction<T>(
    fn: (trx: AnyKysely) => Promise<T>,
    options?: { write?: boolean; connection?: AnyKysely },
  ): Promise<T>;
  /** Runs a read outside a transaction, retrying transient errors. */
  read<T>(fn: (db: AnyKysely) => Promise<T>): Promise<T>;
  /**
   * Runs `queries` in one write transaction and returns each one's rows and changed-row count.
   * On PostgreSQL they travel in one round trip (one pipeline of prepared statements ended by
   * one Sync, see {@link PreparedScript}; each statement sees what the ones before it did), where
   * a transaction of separate statements costs one round trip per statement plus BEGIN and COMMIT.
   * On SQLite they run in a `BEGIN IMMEDIATE` transaction. Transient errors retry the whole
   * script (after calling `onRetry`: when a connection drops, the failed attempt may still have
   * committed; each attempt runs what `queries` holds then, so `onRetry` may shorten it). A
   * statement cannot use another's result except through the database.
   */
  script(
    queries: readonly CompiledQuery[],
    options?: { onRetry?: (error: unknown) => void },
  ): Promise<ScriptResult[]>;
  close(): Promise<void>;
}

/** What one statement of {@link RetryingDatabase.script} returned. */
export interface ScriptResult {
  // biome-ignore lint/suspicious/noExplicitAny: rows of any statement
  readonly rows: Record<string, any>[];
  /** Rows inserted, updated or deleted (for a SELECT: rows returned). */
  readonly changed: number;
}

/** URI schemes {@link openRetryingDatabase} understands, from one list. */
export const DATABASE_SCHEMES = ["sqlite", "postgresql", "postgres"] as const;

/**
 * Opens `sqlite:///relative.db`, `sqlite:////absolute.db` (SQLAlchemy's convention: the path
 * follows the third slash), `sqlite:///:memory:`, or `postgresql://user:pass@host:port/db`
 * (also `postgres://` and SQLAlchemy's `postgresql+psycopg2://`).
 *
 * SQLite opens in WAL mode with a busy timeout, so readers never block the writer and writers
 * wait for each other instead of failing.
 *
 * @example
 * const database = await openRetryingDatabase("sqlite:///studies.db");
 * const rows = await database.read((db) => db.selectFrom("studies").selectAll().execute());
 * await database.close();
 */
export async function openRetryingDatabase(
  uri: string,
  options: RetryingDatabaseOptions = {},
): Promise<RetryingDatabase> {
  const { busyTimeoutMs = 30_000, poolSize = 4, maxAttempts = 8, retryDelayMs = 50 } = options;
  const m = /^([a-z][a-z0-9.-]*)(\+[a-z0-9_]+)?:\/\//i.exec(uri);
  const scheme = m?.[1].toLowerCase();
  if (!m || !(DATABASE_SCHEMES as readonly string[]).includes(scheme ?? ""))
    throw new DatabaseUriError(
      uri,
      `unknown scheme ${m ? `"${scheme}"` : "(none)"} (expected ${DATABASE_SCHEMES.join(", ")})`,
    );
  let db: AnyKysely;
  let adapter: DialectAdapter;
  let runScript: ScriptRunner | undefined;
  if (scheme === "sqlite") {
    const rest = uri.slice(m[0].length);
    if (!rest.startsWith("/")) throw new DatabaseUriError(uri, "expected sqlite:///path (three slashes)");
    const file = rest.slice(1).split("?")[0];
    if (file === "") throw new DatabaseUriError(uri, "the file path is empty");
    const path = file === ":memory:" || isAbsolute(file) ? file : resolve(file);
    const shared = path === ":memory:" ? undefined : sharedSqlite.get(path);
    if (shared) {
      // better-sqlite3 waits for locks synchronously: a second connection to the same file in
      // this process would block the event loop while the first holds the lock (a deadlock until
      // the busy timeout). So one process keeps one connection per file and shares it.
      shared.users++;
      const database = makeDatabase(redactUri(uri), shared.db, shared.adapter, maxAttempts, retryDelayMs);
      return { ...database, close: () => releaseSqlite(path) };
    }
    if (path !== ":memory:") {
      const entry = openSharedSqlite(path, busyTimeoutMs);
      const database = makeDatabase(redactUri(uri), entry.db, entry.adapter, maxAttempts, retryDelayMs);
      return { ...database, close: () => releaseSqlite(path) };
    }
    db = new Kysely({
      dialect: new SqliteDialect({ database: withStatementCache(openSqlite(path, busyTimeoutMs)) }),
    });
    adapter = new SqliteAdapter();
  } else {
    const connectionString = uri.replace(/^[a-z][a-z0-9.-]*(\+[a-z0-9_]+)?:/i, "postgresql:");
    const types = {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        // Naive timestamps stay text (callers read them as UTC); counts become numbers.
        if (oid === 1114) return (v: string) => v;
        if (oid === 20) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    };
    const pool = new pg.Pool({ connectionString, max: poolSize, types });
    // An idle client losing its server (restart) emits 'error' on the pool; the next query retries.
    pool.on("error", () => {});
    // A checked-out client losing its server between queries emits 'error' too (else the process
    // crashes); its next query then fails as transient and is retried on a fresh connection.
    pool.on("connect", (client) => client.on("error", () => {}));
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    adapter = new PostgresAdapter();
    runScript = async (queries) => {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        const script = new PreparedScript(queries, types);
        client.query(script as unknown as pg.Submittable);
        return await script.done;
      } catch (e) {
        // Lost, or its prepared statements unknown (see PreparedScript): it must not go back to the pool.
        failed = e instanceof Error ? e : new Error(String(e));
        throw e;
      } finally {
        client.release(failed);
      }
    };
  }
  const database = makeDatabase(redactUri(uri), db, adapter, maxAttempts, retryDelayMs, runScript);
  try {
    await database.read((d) => sql`select 1`.execute(d));
  } catch (e) {
    await db.destroy().catch(() => {});
    if (e instanceof DatabaseError) throw e;
    throw new DatabaseError(`cannot connect to ${redactUri(uri)}: ${(e as Error).message}`, { cause: e });
  }
  return database;
}

/** Open SQLite files of this process, by absolute path, with the number of users. */
const sharedSqlite = new Map<string, SharedSqlite>();

interface SharedSqlite {
  db: AnyKysely;
  adapter: DialectAdapter;
  raw: BetterSqlite3.Database;
  users: number;
  checkpointer: WalCheckpointer;
}

/**
 * The process's one connection to the SQLite file `path` (opened like {@link openRetryingDatabase}
 * does when no module has it open yet), for modules that run their own prepared statements on it
 * (the tracking store). Whoever uses `raw` must hold kysely's connection (`db.connection()`)
 * meanwhile, so that its statements never interleave with another module's transaction.
 * Call `release()` once done.
 */
export function acquireSharedSqlite(
  path: string,
  busyTimeoutMs = 30_000,
): { db: AnyKysely; raw: BetterSqlite3.Database; release(): Promise<void> } {
  let entry = sharedSqlite.get(path);
  if (entry) entry.users++;
  else entry = openSharedSqlite(path, busyTimeoutMs);
  return { db: entry.db, raw: entry.raw, release: () => releaseSqlite(path) };
}

/**
 * Opens a connection in WAL mode. `synchronous = NORMAL`: a commit is durable against a crash of
 * the process (it is in the WAL), not against power loss until the next checkpoint's fsync.
 */
function openSqlite(path: string, busyTimeoutMs: number): BetterSqlite3.Database {
  try {
    const raw = new BetterSqlite3(path, { timeout: busyTimeoutMs });
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    raw.pragma("foreign_keys = ON");
    // Up to 64 MiB of page cache (the default is 2 MiB): a search over a store of 10,000 runs
    // otherwise rereads its index and data pages from the OS on every request.
    raw.pragma("cache_size = -65536");
    return raw;
  } catch (e) {
    throw new DatabaseError(`cannot open SQLite database ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Opens the process's connection to the file `path`, with its WAL checkpointer, as the first user. */
function openSharedSqlite(path: string, busyTimeoutMs: number): SharedSqlite {
  const raw = openSqlite(path, busyTimeoutMs);
  const db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  const entry = {
    db,
    adapter: new SqliteAdapter(),
    raw,
    users: 1,
    checkpointer: startWalCheckpointer(raw, path),
  };
  sharedSqlite.set(path, entry);
  return entry;
}

async function releaseSqlite(path: string): Promise<void> {
  const entry = sharedSqlite.get(path);
  if (!entry) return;
  entry.users--;
  if (entry.users > 0) return;
  sharedSqlite.delete(path);
  // The checkpointer's connection closes first, so closing the last one checkpoints and removes the WAL.
  await entry.checkpointer.stop();
  await entry.db.destroy();
}

/** Runs a script's statements in one round trip (PostgreSQL), without retrying. */
type ScriptRunner = (queries: readonly CompiledQuery[]) => Promise<ScriptResult[]>;

function makeDatabase(
  uri: string,
  db: AnyKysely,
  adapter: DialectAdapter,
  maxAttempts: number,
  retryDelayMs: number,
  runScript?: ScriptRunner,
): RetryingDatabase {
  const withRetry = async <T>(op: () => Promise<T>, onRetry?: (error: unknown) => void): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        if (!adapter.isTransient(e)) throw e;
        if (attempt >= maxAttempts)
          throw new DatabaseError(
            `${adapter.name} failed ${attempt} times in a row, giving up: ${(e as Error).message}`,
            { cause: e },
          );
        onRetry?.(e);
        const delay = Math.min(5000, retryDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random());
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
  const transaction = <T>(
    fn: (trx: AnyKysely) => Promise<T>,
    options: { write?: boolean; connection?: AnyKysely; onRetry?: (error: unknown) => void } = {},
  ): Promise<T> => {
    const run = async (conn: AnyKysely) => {
      await sql.raw(options.write === false ? "begin" : adapter.beginWriteSql).execute(conn);
      let result: T;
      try {
        result = await fn(conn);
      } catch (e) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw e;
      }
      await sql`commit`.execute(conn);
      return result;
    };
    // An explicit connection (e.g. one holding a migration lock) is used as is.
    const conn = options.connection;
    return withRetry(() => (conn ? run(conn) : db.connection().execute(run)), options.onRetry);
  };
  return {
    uri,
    db,
    adapter,
    transaction,
    read: (fn) => withRetry(() => fn(db)),
    script(queries, options = {}) {
      if (runScript) return withRetry(() => runScript(queries), options.onRetry);
      return transaction(async (trx) => {
        const out: ScriptResult[] = [];
        for (const q of queries) {
          const r = await trx.executeQuery(q);
          out.push({
            rows: r.rows as ScriptResult["rows"],
            changed: Number(r.numAffectedRows ?? r.rows.length),
          });
        }
        return out;
      }, options);
    },
    close: () => db.destroy(),
  };
}

/**
 * kysely prepares every query anew; preparing costs as much as running a small query, and an
 * application issues the same few dozen statements over and over. Cache them by SQL text.
 */
function withStatementCache(raw: BetterSqlite3.Database, size = 256): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return new Proxy(raw, {
    get(target, prop) {
      if (prop === "prepare")
        return (text: string) => {
          let stmt = cache.get(text);
          if (stmt === undefined) {
            stmt = target.prepare(text);
            if (cache.size >= size) cache.delete(cache.keys().next().value as string);
            cache.set(text, stmt);
          }
          return stmt;
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
