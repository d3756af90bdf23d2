import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** Where tests reach PostgreSQL (trust auth); override with TUNELAB_PG_URL. */
export const PG_ADMIN_URL = process.env.TUNELAB_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** True when PostgreSQL answers (checked once, synchronously, for describeIf). */
export const postgresAvailable: boolean = (() => {
  try {
    const u = new URL(PG_ADMIN_URL);
    execFileSync("pg_isready", ["-q", "-h", u.hostname, "-p", u.port || "5432"], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
})();

/** A fresh PostgreSQL database; `drop()` removes it (terminating leftover connections). */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tunelab_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh temporary folder for SQLite files; `remove()` deletes it. */
export function freshSqlite(): { url: string; path: string; dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-test-"));
  const path = join(dir, "studies.db");
  return { url: `sqlite:///${path}`, path, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
