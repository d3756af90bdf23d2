import type { Kysely } from "kysely";

/** A kysely instance over any schema: the adapters and plumbing serve every module's tables. */
// biome-ignore lint/suspicious/noExplicitAny: kysely's own way to say "no static schema"
export type AnyKysely = Kysely<any>;

/** Column types whose spelling differs between dialects. */
export interface DialectColumnTypes {
  /** An auto-incrementing integer primary key ("integer" on SQLite, "serial" on PostgreSQL). */
  readonly serial: string;
  /** A 64-bit float ("float" on SQLite as SQLAlchemy writes it, "double precision" on PostgreSQL). */
  readonly float: string;
  /** A naive (time-zone-less) timestamp. */
  readonly datetime: string;
}

/**
 * What differs between SQLite and PostgreSQL, as capabilities. Callers use these and never
 * branch on the dialect's name. One adapter per dialect: `sqlite-adapter.ts`, `postgres-adapter.ts`.
 *
 * Concurrency model: SQLite has one writer at a time, so a write transaction that starts with
 * `BEGIN IMMEDIATE` already excludes every other writer; PostgreSQL runs writers concurrently,
 * so callers that need mutual exclusion on a row ask {@link lockRow}.
 */
export interface DialectAdapter {
  /** Short name for messages ("sqlite", "postgresql"). Never branch on it. */
  readonly name: string;
  readonly columnTypes: DialectColumnTypes;
  /** SQL that opens a transaction that will write (SQLite takes the write lock at once). */
  readonly beginWriteSql: string;
  /**
   * Suffix that makes a SELECT lock the rows it reads until the transaction ends, for writes
   * guarded by a read in one statement (PostgreSQL ` for update`; empty on SQLite, whose write
   * transaction already excludes every other writer).
   */
  readonly forUpdateSql: string;
  /**
   * Locks one row until the end of the current transaction, so that two transactions that
   * lock it run one after the other (PostgreSQL: `SELECT ... FOR UPDATE`). A no-op on SQLite,
   * whose write transaction already excludes every other writer. Returns false when the row
   * does not exist.
   */
  lockRow(trx: AnyKysely, table: string, idColumn: string, id: number): Promise<boolean>;
  /**
   * Takes a lock held for the whole migration so that two processes never migrate at once
   * (PostgreSQL: a session advisory lock). Returns the function that releases it.
   */
  acquireMigrationLock(conn: AnyKysely, key: number): Promise<() => Promise<void>>;
  /**
   * Creates an enumerated column type when the dialect has them (PostgreSQL `CREATE TYPE ...
   * AS ENUM`), and returns the type to use in column definitions (`varchar(n)` on SQLite).
   */
  createEnumType(conn: AnyKysely, name: string, values: readonly string[]): Promise<string>;
  /** Names of the tables in the current schema. */
  listTables(conn: AnyKysely): Promise<string[]>;
  /**
   * True when the error is worth retrying the whole transaction for: SQLite busy/locked beyond
   * the busy timeout, PostgreSQL serialization failures, deadlocks, lost connections and a
   * server that is starting or shutting down.
   */
  isTransient(error: unknown): boolean;
}
