import { randomBytes } from "node:crypto";
import pg from "pg";

/** Server the PostgreSQL tests use: `$TUNELAB_PG_URL`, default the local trust-auth server. */
export const PG_ADMIN_URL = process.env.TUNELAB_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Whether the PostgreSQL server answers (checked once per test file, at collection time). */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh, empty database; `drop()` removes it (even with connections still open). */
export async function createTempDatabase(
  prefix = "tunelab_test",
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        // Wait for closed pools' connections to go away; terminating them (FORCE) makes their
        // clients emit late errors. FORCE only as a last resort.
        for (let i = 0; i < 40; i++) {
          try {
            await c.query(`drop database if exists ${name}`);
            return;
          } catch (err) {
            if ((err as { code?: string }).code !== "55006") throw err; // 55006: still in use
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
