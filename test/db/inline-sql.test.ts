import { CompiledQuery } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { inlinePostgres, pgLiteral } from "../../src/db/inline-sql.js";
import { freshPostgres, postgresAvailable } from "../helpers/databases.js";
import { describeIf } from "../helpers/requires.js";

describe("pgLiteral / inlinePostgres", () => {
  it("spells numbers, strings and null as PostgreSQL literals", () => {
    expect(pgLiteral(1.5)).toBe("1.5");
    expect(pgLiteral(-3)).toBe("-3");
    expect(pgLiteral(1e-300)).toBe("1e-300");
    expect(pgLiteral(null)).toBe("NULL");
    expect(pgLiteral("it's")).toBe("'it''s'");
    expect(pgLiteral("back\\slash")).toBe(" E'back\\\\slash'");
    expect(pgLiteral(Number.NaN)).toBe("cast('NaN' as double precision)");
    expect(pgLiteral(-0)).toBe("cast('-0' as double precision)");
  });

  it("refuses values it cannot spell", () => {
    expect(() => pgLiteral({ a: 1 })).toThrow(/cannot inline a object/);
    expect(() => pgLiteral(new Date(0))).toThrow(/cannot inline/);
  });

  it("replaces $10 as the tenth parameter, not $1 followed by 0", () => {
    const params = Array.from({ length: 10 }, (_, i) => i + 1);
    const q = CompiledQuery.raw(`select $1, $10, $2`, params);
    expect(inlinePostgres(q)).toBe("select 1, 10, 2");
    expect(() => inlinePostgres(CompiledQuery.raw("select $2", [1]))).toThrow(/placeholder \$2/);
  });
});

describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")(
  "inlined literals read back exactly (PostgreSQL)",
  () => {
    it("doubles, -0, infinities and awkward strings survive the round trip", async () => {
      const d = await freshPostgres();
      const client = new pg.Client({ connectionString: d.url });
      await client.connect();
      try {
        const values = [
          0.1 + 0.2,
          5e-324,
          1.7976931348623157e308,
          -0,
          Number.POSITIVE_INFINITY,
          123456789.123,
        ];
        const sql = `select ${values.map((v) => `cast(${pgLiteral(v)} as double precision)`).join(", ")}`;
        const r = await client.query({ text: sql, rowMode: "array" });
        expect(r.rows[0].map(Number).map((x: number) => (Object.is(x, -0) ? "-0" : x))).toEqual(
          values.map((x) => (Object.is(x, -0) ? "-0" : x)),
        );
        const text = "quote ' backslash \\ dollar $1 newline \n unicode é";
        const s = await client.query(`select ${pgLiteral(text)} as t`);
        expect(s.rows[0].t).toBe(text);
      } finally {
        await client.end();
        await d.drop();
      }
    });
  },
);
