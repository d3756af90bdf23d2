import { CompiledQuery } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PreparedScript, pgParam } from "../../src/db/pg-prepared-script.js";
import { freshPostgres, postgresAvailable } from "../helpers/databases.js";
import { describeIf } from "../helpers/requires.js";

describe("pgParam", () => {
  it("spells numbers so that PostgreSQL reads back the same double, -0 and infinities included", () => {
    expect(pgParam(1.5)).toBe("1.5");
    expect(pgParam(-0)).toBe("-0");
    expect(pgParam(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(pgParam(Number.NaN)).toBe("NaN");
    expect(pgParam(null)).toBeNull();
    expect(pgParam("it's")).toBe("it's");
  });

  it("refuses values it cannot spell", () => {
    expect(() => pgParam({ a: 1 })).toThrow(/cannot send a object/);
    expect(() => pgParam(new Date(0))).toThrow(/cannot send/);
  });
});

describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("PreparedScript (PostgreSQL)", () => {
  const run = (client: pg.Client, queries: CompiledQuery[]) => {
    const script = new PreparedScript(queries, pg.types);
    client.query(script as unknown as pg.Submittable);
    return script.done;
  };
  /** A client on a fresh database, both gone after `fn`. */
  const withClient = async (fn: (client: pg.Client) => Promise<void>) => {
    const d = await freshPostgres();
    const client = new pg.Client({ connectionString: d.url });
    await client.connect();
    try {
      await fn(client);
    } finally {
      await client.end();
      await d.drop();
    }
  };

  it("returns each statement's rows and count, values read back exactly, statements prepared once", async () => {
    await withClient(async (client) => {
      await client.query("create table t (id int primary key, x double precision, s text)");
      const values = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -0, Number.POSITIVE_INFINITY];
      const insert = (id: number, x: number) =>
        CompiledQuery.raw("insert into t (id, x, s) values ($1, $2, $3)", [id, x, "quote ' \\ $1 é"]);
      for (let round = 0; round < 2; round++) {
        const r = await run(client, [
          ...values.map((x, i) => insert(round * 10 + i, x)),
          CompiledQuery.raw("select x, s from t where id >= $1 order by id", [round * 10]),
        ]);
        expect(r.slice(0, values.length).map((x) => x.changed)).toEqual(values.map(() => 1));
        const rows = r[values.length].rows;
        expect(rows.map((x) => (Object.is(x.x, -0) ? "-0" : x.x))).toEqual(
          values.map((x) => (Object.is(x, -0) ? "-0" : x)),
        );
        expect(rows[0].s).toBe("quote ' \\ $1 é");
      }
      const named = await client.query("select count(*)::int as n from pg_prepared_statements");
      expect(named.rows[0].n).toBe(2);
    });
  });

  it("is one transaction: a failing statement rolls back the statements before it", async () => {
    await withClient(async (client) => {
      await client.query("create table t (id int primary key)");
      await expect(
        run(client, [
          CompiledQuery.raw("insert into t (id) values ($1)", [1]),
          CompiledQuery.raw("insert into t (id) values ($1)", [1]),
        ]),
      ).rejects.toThrow(/duplicate key/);
      expect((await client.query("select count(*)::int as n from t")).rows[0].n).toBe(0);
    });
  });

  it("reads the rows of statements described once, typed as first described, in any mix and order", async () => {
    await withClient(async (client) => {
      await client.query("create table t (id int primary key, x double precision, s text)");
      const insert = (id: number) =>
        CompiledQuery.raw("insert into t (id, x, s) values ($1, $2, $3) returning id", [
          id,
          id / 4,
          `r${id}`,
        ]);
      const update = (id: number) => CompiledQuery.raw("update t set x = x + 1 where id = $1", [id]);
      const select = (from: number) =>
        CompiledQuery.raw("select id, x, s from t where id >= $1 order by id", [from]);
      for (let round = 0; round < 3; round++) {
        const script =
          round === 1
            ? [select(0), update(0), insert(round)]
            : [insert(round), update(round), select(round), select(99)];
        const r = await run(client, script);
        const rowsOf = (i: number) => r[i].rows;
        if (round === 1) {
          expect(rowsOf(0)).toEqual([{ id: 0, x: 1, s: "r0" }]);
          expect(r[1]).toEqual({ rows: [], changed: 1 });
          expect(rowsOf(2)).toEqual([{ id: 1 }]);
        } else {
          expect(rowsOf(0)).toEqual([{ id: round }]);
          expect(r[1]).toEqual({ rows: [], changed: 1 });
          expect(rowsOf(2)).toEqual([{ id: round, x: round / 4 + 1, s: `r${round}` }]);
          expect(r[3]).toEqual({ rows: [], changed: 0 });
        }
      }
    });
  });
});
