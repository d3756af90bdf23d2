import { sql } from "kysely";
import type { AnyKysely, DialectAdapter } from "./dialect-adapter.js";

/**
 * SQLSTATEs worth retrying: serialization failure, deadlock, server shutting down or starting,
 * and a prepared statement the server does not know (26000: the connection was replaced behind
 * the client, e.g. by a pooler; the script that failed is discarded with its connection, and the
 * retry prepares its statements anew).
 */
const TRANSIENT_SQLSTATES = new Set([
  "40001",
  "40P01",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "26000",
]);
const TRANSIENT_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"]);

/** PostgreSQL: concurrent writers, so mutual exclusion takes row locks and advisory locks. */
export class PostgresAdapter implements DialectAdapter {
  readonly name = "postgresql";
  readonly columnTypes = { serial: "serial", float: "double precision", datetime: "timestamp" } as const;
  readonly beginWriteSql = "begin";
  readonly forUpdateSql = " for update";

  async lockRow(trx: AnyKysely, table: string, idColumn: string, id: number): Promise<boolean> {
    const row = await trx
      .selectFrom(table)
      .select(idColumn)
      .where(idColumn, "=", id)
      .forUpdate()
      .executeTakeFirst();
    return row !== undefined;
  }

  async acquireMigrationLock(conn: AnyKysely, key: number): Promise<() => Promise<void>> {
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    return async () => {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    };
  }

  async createEnumType(conn: AnyKysely, name: string, values: readonly string[]): Promise<string> {
    const exists = await sql`select 1 from pg_type where typname = ${name}`.execute(conn);
    if (exists.rows.length === 0)
      await conn.schema
        .createType(name)
        .asEnum([...values])
        .execute();
    return name;
  }

  async listTables(conn: AnyKysely): Promise<string[]> {
    const r = await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(conn);
    return r.rows.map((x) => x.name);
  }

  isTransient(error: unknown): boolean {
    const e = error as { code?: unknown; message?: unknown } | null;
    if (e === null || typeof e !== "object") return false;
    if (typeof e.code === "string" && (TRANSIENT_SQLSTATES.has(e.code) || TRANSIENT_NODE_CODES.has(e.code)))
      return true;
    const message = typeof e.message === "string" ? e.message : "";
    return /Connection terminated|connection error|Client has encountered a connection error|terminating connection/i.test(
      message,
    );
  }
}
