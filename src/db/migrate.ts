import { type Kysely, sql } from "kysely";
import type { OpenDatabase } from "./connect.js";
import type { SqlDialect } from "./sql-dialect.js";

/** One named, ordered schema change. `up` runs inside the migration transaction. */
export interface Migration {
  /** Unique, sortable name, e.g. `0001-tracking-tables`. Never rename one that has shipped. */
  readonly name: string;
  up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void>;
}

/** What happened to one migration. */
export interface MigrationResult {
  readonly name: string;
  readonly status: "applied" | "already-applied";
}

/**
 * Brings a database up to date with `migrations`, recording applied names in `table` (each
 * module keeps its own table, so modules sharing a database migrate independently).
 *
 * Runs in one transaction under a lock ({@link SqlDialect.withExclusiveTransaction}, keyed by the
 * table name), so processes starting at the same time do not race.
 * Returns one result per migration, in order.
 */
export async function migrateToLatest(
  database: OpenDatabase<unknown>,
  table: string,
  migrations: readonly Migration[],
): Promise<MigrationResult[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`invalid migration table name ${table}`);
  const sorted = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const body = async (db: Kysely<unknown>): Promise<MigrationResult[]> => {
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn("name", "varchar(255)", (c) => c.primaryKey())
      .addColumn("applied_at", "bigint", (c) => c.notNull())
      .execute();
    const rows = await sql<{ name: string }>`select name from ${sql.table(table)}`.execute(db);
    const done = new Set(rows.rows.map((r) => r.name));
    const results: MigrationResult[] = [];
    for (const m of sorted) {
      if (done.has(m.name)) {
        results.push({ name: m.name, status: "already-applied" });
        continue;
      }
      await m.up(db, database.dialect);
      await sql`insert into ${sql.table(table)} (name, applied_at) values (${m.name}, ${Date.now()})`.execute(
        db,
      );
      results.push({ name: m.name, status: "applied" });
    }
    return results;
  };
  return database.dialect.withExclusiveTransaction(database.db as Kysely<unknown>, table, body);
}
