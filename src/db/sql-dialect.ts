import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";

/** The SQL dialects tunelab's stores run on. */
export const SQL_DIALECTS = ["sqlite", "postgres"] as const;
/** One of {@link SQL_DIALECTS}. */
export type SqlDialectName = (typeof SQL_DIALECTS)[number];

/**
 * What differs between the dialects, as capabilities; callers never branch on the dialect name.
 * Every member builds a parameterised expression: values are bound, never pasted into SQL text.
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** Column type of an auto-incremented integer primary key (`integer` / `serial`). */
  readonly autoIncrementType: "integer" | "serial";
  /**
   * `value LIKE pattern`, case-sensitive, with `%` and `_` as the only wildcards (no escape
   * character), as MLflow's search grammar defines LIKE.
   */
  likeCaseSensitive(value: Expression<unknown>, pattern: string): RawBuilder<boolean>;
  /** Like {@link likeCaseSensitive} but ignoring (ASCII) case: MLflow's ILIKE. */
  likeCaseInsensitive(value: Expression<unknown>, pattern: string): RawBuilder<boolean>;
  /** The expression compared byte-wise (code point order) when sorting, whatever the locale. */
  binaryOrder(value: Expression<unknown>): RawBuilder<unknown>;
  /**
   * `value IN (<values>)` bound as ONE parameter, so the SQL text (and its prepared statement)
   * is the same whatever the number of values. SQLite: `json_each(?)`; PostgreSQL: `= ANY(?)`.
   */
  inList(value: Expression<unknown>, values: readonly (string | number)[]): RawBuilder<boolean>;
  /**
   * JSON aggregation, for reading many small rows as one value per group: materialising rows
   * one by one costs more than parsing one JSON text (measured: 2.5x less CPU for a 100,000-step
   * metric history). Doubles round-trip exactly; ±Infinity comes back as a number (SQLite) or as
   * the string "Infinity" / "-Infinity" (PostgreSQL); a value is a JSON text (SQLite) or already
   * parsed (PostgreSQL's `json` type), see `parseJsonValue`.
   */
  readonly json: {
    /** `[v1, v2, ...]` of one row. */
    array(values: readonly Expression<unknown>[]): RawBuilder<unknown>;
    /**
     * Aggregate: the group's values as one JSON array, in `orderBy` order. Callers must feed the
     * rows in that order already (an ordered subquery, or an index that yields it): SQLite keeps
     * the input order, and its aggregate ORDER BY would sort again (2.4x the CPU, measured);
     * PostgreSQL applies `orderBy`, as it does not promise to keep the input order.
     */
    arrayAgg(value: Expression<unknown>, orderBy: RawBuilder<unknown>): RawBuilder<unknown>;
    /** Aggregate: the group's key/value pairs as one JSON object. */
    objectAgg(key: Expression<unknown>, value: Expression<unknown>): RawBuilder<unknown>;
  };
  /**
   * A statement that refreshes the query planner's statistics when they are stale (SQLite
   * `PRAGMA optimize`, which runs a bounded ANALYZE where needed), or null where the server
   * does it itself (PostgreSQL's autovacuum). Without statistics SQLite may pick a 5x slower
   * plan for searches (measured).
   */
  readonly refreshStatistics: RawBuilder<unknown> | null;
  /**
   * Table options that store rows in primary-key order (SQLite `WITHOUT ROWID`: one b-tree
   * lookup per key instead of two), or an empty fragment where the dialect has none.
   */
  readonly clusteredTableSuffix: RawBuilder<unknown>;
  /**
   * Whether a btree index may include long text values (SQLite: yes; PostgreSQL: no, an entry
   * over ~2.7 kB makes the insert fail), so `(key, value)` indexes on params/tags are safe.
   */
  readonly indexesLongText: boolean;
  /**
   * Runs `fn` in one transaction that no other process runs at the same time for the same `key`
   * (used by migrations). PostgreSQL: transaction-scoped advisory lock; SQLite: `BEGIN IMMEDIATE`
   * on its single connection (the database write lock, waited for up to the busy timeout).
   */
  withExclusiveTransaction<T>(
    db: Kysely<unknown>,
    key: string,
    fn: (db: Kysely<unknown>) => Promise<T>,
  ): Promise<T>;
}

/** SQL LIKE pattern -> SQLite GLOB pattern (GLOB is case-sensitive; LIKE is not by default). */
export function likeToGlob(pattern: string): string {
  let out = "";
  for (const ch of pattern) {
    if (ch === "%") out += "*";
    else if (ch === "_") out += "?";
    else if (ch === "*" || ch === "?" || ch === "[") out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

/** SQLite: GLOB for case-sensitive LIKE; SQLite's own LIKE already ignores ASCII case. */
export const SQLITE_DIALECT: SqlDialect = {
  name: "sqlite",
  autoIncrementType: "integer",
  likeCaseSensitive: (value, pattern) => sql<boolean>`(${value} GLOB ${likeToGlob(pattern)})`,
  likeCaseInsensitive: (value, pattern) => sql<boolean>`(${value} LIKE ${pattern})`,
  binaryOrder: (value) => sql`${value}`,
  inList: (value, values) =>
    sql<boolean>`(${value} IN (SELECT value FROM json_each(${JSON.stringify(values)})))`,
  json: {
    array: (values) => sql`json_array(${sql.join(values)})`,
    arrayAgg: (value) => sql`json_group_array(${value})`,
    objectAgg: (key, value) => sql`json_group_object(${key}, ${value})`,
  },
  clusteredTableSuffix: sql`without rowid`,
  refreshStatistics: sql`pragma optimize = 0x10002`,
  indexesLongText: true,
  // kysely's SQLite driver has one connection; connection() holds it for the whole body.
  withExclusiveTransaction: (db, _key, fn) =>
    db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw err;
      }
    }),
};

/** PostgreSQL: LIKE / ILIKE with the escape character switched off, "C" collation for sorting. */
export const POSTGRES_DIALECT: SqlDialect = {
  name: "postgres",
  autoIncrementType: "serial",
  likeCaseSensitive: (value, pattern) => sql<boolean>`(${value} LIKE ${pattern} ESCAPE '')`,
  likeCaseInsensitive: (value, pattern) => sql<boolean>`(${value} ILIKE ${pattern} ESCAPE '')`,
  binaryOrder: (value) => sql`(${value} COLLATE "C")`,
  inList: (value, values) => sql<boolean>`(${value} = ANY(${[...values]}))`,
  json: {
    array: (values) => sql`json_build_array(${sql.join(values)})`,
    arrayAgg: (value, orderBy) => sql`json_agg(${value} ORDER BY ${orderBy})`,
    objectAgg: (key, value) => sql`json_object_agg(${key}, ${value})`,
  },
  clusteredTableSuffix: sql``,
  refreshStatistics: null,
  indexesLongText: false,
  withExclusiveTransaction: (db, key, fn) =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
      return fn(trx);
    }),
};

/** A value of {@link SqlDialect.json}'s expressions as JavaScript (JSON text or already parsed). */
export function parseJsonValue<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
