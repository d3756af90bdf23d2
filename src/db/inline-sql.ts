import type { CompiledQuery } from "kysely";
import pg from "pg";

/**
 * One PostgreSQL literal for `value`: numbers as numerals (NaN, ±Infinity and -0 as typed
 * `double precision` casts, since numerals cannot spell them), strings escaped by pg's
 * `escapeLiteral` (which also handles backslashes), null as NULL. Anything else throws: it is
 * a caller's mistake, and a literal must never be guessed.
 */
export function pgLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "cast('NaN' as double precision)";
    if (value === Infinity) return "cast('Infinity' as double precision)";
    if (value === -Infinity) return "cast('-Infinity' as double precision)";
    if (Object.is(value, -0)) return "cast('-0' as double precision)";
    return String(value);
  }
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return pg.escapeLiteral(value);
  throw new TypeError(`cannot inline a ${typeof value} (${String(value)}) into PostgreSQL SQL`);
}

/**
 * The query's SQL with its `$n` placeholders replaced by literals, so that several statements
 * can travel as one simple query (PostgreSQL's extended protocol, which carries parameters,
 * takes one statement at a time). Only for SQL built by kysely, whose text holds no `$n` outside
 * placeholders.
 */
export function inlinePostgres(query: CompiledQuery): string {
  const params = query.parameters;
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length)
      throw new RangeError(`placeholder $${n} has no parameter (the query has ${params.length})`);
    return pgLiteral(params[i]);
  });
}
