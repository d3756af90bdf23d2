import { sql } from "kysely";
import type { AnyKysely, DialectAdapter } from "./dialect-adapter.js";

/** SQLite: one writer at a time, so locks are the write transaction itself. */
export class SqliteAdapter implements DialectAdapter {
  readonly name = "sqlite";
  readonly columnTypes = { serial: "integer", float: "float", datetime: "datetime" } as const;
  // IMMEDIATE takes the write lock when the transaction starts: a deferred transaction that reads
  // then writes can fail with SQLITE_BUSY at once, without waiting for the busy timeout.
  readonly beginWriteSql = "begin immediate";
  readonly forUpdateSql = "";

  async lockRow(trx: AnyKysely, table: string, idColumn: string, id: number): Promise<boolean> {
    const row = await trx.selectFrom(table).select(idColumn).where(idColumn, "=", id).executeTakeFirst();
    return row !== undefined;
  }

  async acquireMigrationLock(): Promise<() => Promise<void>> {
    // The migration runs in one `begin immediate` transaction, which excludes other writers.
    return async () => {};
  }

  async createEnumType(_conn: AnyKysely, _name: string, values: readonly string[]): Promise<string> {
    // SQLAlchemy's Enum on SQLite is a VARCHAR as long as the longest name, without a CHECK.
    return `varchar(${Math.max(...values.map((v) => v.length))})`;
  }

  async listTables(conn: AnyKysely): Promise<string[]> {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(conn);
    return r.rows.map((x) => x.name);
  }

  isTransient(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || code === "SQLITE_BUSY_SNAPSHOT";
  }
}
