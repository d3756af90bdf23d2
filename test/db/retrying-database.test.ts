import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRetryingDatabase, type RetryingDatabase } from "../../src/db/index.js";
import { freshPostgres, freshSqlite, postgresAvailable } from "../helpers/databases.js";
import { describeIf } from "../helpers/requires.js";

async function scriptSuite(open: () => Promise<{ db: RetryingDatabase; done: () => Promise<void> }>) {
  let db: RetryingDatabase;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ db, done } = await open());
    await db.db.schema
      .createTable("t")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("v", "text")
      .execute();
  });
  afterAll(async () => {
    await db.close();
    await done();
  });

  it("returns each statement's rows and changed count, and later statements see earlier ones", async () => {
    const q = (s: string, p: unknown[] = []) => CompiledQuery.raw(s, p);
    const placeholder = db.adapter.name === "sqlite" ? "?" : "$1";
    const r = await db.script([
      q(`insert into t (id, v) values (1, 'a'), (2, 'b')`),
      q(`update t set v = 'c' where id = ${placeholder}`, [2]),
      q(`select id, v from t order by id`),
    ]);
    expect(r.map((x) => x.changed)).toEqual([2, 1, 2]);
    expect(r[2].rows).toEqual([
      { id: 1, v: "a" },
      { id: 2, v: "c" },
    ]);
  });

  it("is one transaction: a failing statement undoes the ones before it", async () => {
    const before = await db.db.selectFrom("t").selectAll().execute();
    const e = await db
      .script([
        CompiledQuery.raw(`insert into t (id, v) values (3, 'x')`),
        CompiledQuery.raw(`insert into t (id, v) values (1, 'dup')`),
      ])
      .catch((x) => x);
    expect(e).toBeInstanceOf(Error);
    expect(await db.db.selectFrom("t").selectAll().execute()).toEqual(before);
  });
}

describe("RetryingDatabase.script on SQLite", () => {
  scriptSuite(async () => {
    const f = freshSqlite();
    return { db: await openRetryingDatabase(f.url), done: async () => f.remove() };
  });
});

describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("RetryingDatabase.script on PostgreSQL", () => {
  scriptSuite(async () => {
    const d = await freshPostgres();
    return { db: await openRetryingDatabase(d.url), done: d.drop };
  });

  it("prepares its statements again when the server forgot them (a connection replaced behind the client)", async () => {
    const d = await freshPostgres();
    const db = await openRetryingDatabase(d.url, { poolSize: 1, retryDelayMs: 1 });
    try {
      const q = CompiledQuery.raw("select $1::int + 1 as n", [41]);
      expect((await db.script([q]))[0].rows[0].n).toBe(42);
      // The one pooled connection's server forgets its prepared statements, as a pooler's new backend would.
      await db.script([CompiledQuery.raw("deallocate all", [])]);
      expect((await db.script([q]))[0].rows[0].n).toBe(42);
    } finally {
      await db.close();
      await d.drop();
    }
  });
});
