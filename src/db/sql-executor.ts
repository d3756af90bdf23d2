import type BetterSqlite3 from "better-sqlite3";
import type { Compilable, CompiledQuery, Kysely, Transaction } from "kysely";
import type { SqlDialect } from "./sql-dialect.js";

/** A query built with kysely, or one already compiled. */
export type SqlQuery<O> = Compilable<O> | CompiledQuery<O>;

/**
 * Runs compiled kysely queries. Stores build queries with kysely (typed, parameterised) and hand
 * them here, so the same store code runs on SQLite and PostgreSQL.
 *
 * - On SQLite every statement is a cached better-sqlite3 prepared statement, and all work on one
 *   connection is serialised (one operation at a time), so a transaction never sees another
 *   operation's statements. Write transactions start with `BEGIN IMMEDIATE`, which waits (busy
 *   timeout) for other processes instead of failing later with "database is locked".
 * - On PostgreSQL queries go through a pool; a transaction holds one pooled connection.
 */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  /** Rows of a query. */
  all<O>(query: SqlQuery<O>): Promise<O[]>;
  /** Rows as arrays of column values, in select order (cheaper than objects for big results). */
  allArrays(query: SqlQuery<unknown>): Promise<unknown[][]>;
  /**
   * Optional: runs one statement once per parameter list (SQLite: one prepared statement in a
   * loop, faster than a multi-row INSERT that must be compiled and bound as one). Absent where a
   * round trip per row would be slower (PostgreSQL); callers then send multi-row statements.
   */
  runMany?(query: CompiledQuery<unknown>, parameterLists: readonly (readonly unknown[])[]): Promise<number>;
  /** The first row, or undefined. */
  first<O>(query: SqlQuery<O>): Promise<O | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(query: SqlQuery<unknown>): Promise<number>;
  /** Runs `fn` in a write transaction: committed if it resolves, rolled back if it throws. */
  write<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs `fn` on one consistent snapshot (several reads that must agree with each other). */
  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

function compile<O>(query: SqlQuery<O>): CompiledQuery<O> {
  return "compile" in query ? query.compile() : query;
}

/** Serialises async work: each task starts when the previous one has settled. */
class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** {@link SqlExecutor} over one better-sqlite3 connection. */
export class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private pending = 0;
  private readonly queue: { run<T>(task: () => Promise<T>): Promise<T> };
  private readonly inner: SqlExecutor;

  /**
   * @param kysely when the connection is shared with kysely users (other modules' storages in
   *   this process), every operation holds kysely's connection while it runs, so statements of
   *   different modules never interleave inside one transaction.
   */
  constructor(
    readonly raw: BetterSqlite3.Database,
    readonly dialect: SqlDialect,
    kysely?: Kysely<unknown>,
  ) {
    const queue: { run<T>(task: () => Promise<T>): Promise<T> } = kysely
      ? { run: (task) => kysely.connection().execute(() => task()) }
      : new TaskQueue();
    // counts this executor's operations queued or running, so writeSync knows when it may skip the queue
    this.queue = {
      run: <T>(task: () => Promise<T>) => {
        this.pending++;
        return queue.run(task).finally(() => {
          this.pending--;
        }) as Promise<T>;
      },
    };
    // The executor handed to transaction bodies: same statements, no queueing (it already holds the queue).
    this.inner = {
      dialect,
      all: async (q) => this.allSync(compile(q)),
      allArrays: async (q) => this.allArraysSync(compile(q)),
      runMany: async (q, lists) => this.runManySync(q, lists),
      first: async (q) => this.allSync(compile(q))[0],
      run: async (q) => this.runSync(compile(q)),
      write: (fn) => fn(this.inner),
      read: (fn) => fn(this.inner),
    };
  }

  /** The cached prepared statement for `sqlText`. */
  prepare(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sqlText);
    if (!stmt) {
      stmt = this.raw.prepare(sqlText);
      this.statements.set(sqlText, stmt);
    }
    return stmt;
  }

  private readonly arrayStatements = new Map<string, BetterSqlite3.Statement>();
  private allArraysSync(q: CompiledQuery<unknown>): unknown[][] {
    let stmt = this.arrayStatements.get(q.sql);
    if (!stmt) {
      stmt = this.raw.prepare(q.sql).raw(true);
      this.arrayStatements.set(q.sql, stmt);
    }
    return stmt.all(q.parameters as unknown[]) as unknown[][];
  }

  private runManySync(q: CompiledQuery<unknown>, lists: readonly (readonly unknown[])[]): number {
    const stmt = this.prepare(q.sql);
    if (lists.length && lists[0]!.length !== q.parameters.length)
      throw new Error(
        `runMany: ${lists[0]!.length} values per row, the statement takes ${q.parameters.length}`,
      );
    let n = 0;
    for (const params of lists) n += stmt.run(params as unknown[]).changes;
    return n;
  }

  private allSync<O>(q: CompiledQuery<O>): O[] {
    const stmt = this.prepare(q.sql);
    if (!stmt.reader) {
      stmt.run(q.parameters as unknown[]);
      return [];
    }
    return stmt.all(q.parameters as unknown[]) as O[];
  }

  private runSync(q: CompiledQuery<unknown>): number {
    const stmt = this.prepare(q.sql);
    if (stmt.reader) return stmt.all(q.parameters as unknown[]).length;
    return Number(stmt.run(q.parameters as unknown[]).changes);
  }

  all<O>(query: SqlQuery<O>): Promise<O[]> {
    return this.queue.run(async () => this.allSync(compile(query)));
  }
  first<O>(query: SqlQuery<O>): Promise<O | undefined> {
    return this.queue.run(async () => this.allSync(compile(query))[0]);
  }
  allArrays(query: SqlQuery<unknown>): Promise<unknown[][]> {
    return this.queue.run(async () => this.allArraysSync(compile(query)));
  }
  runMany(query: CompiledQuery<unknown>, lists: readonly (readonly unknown[])[]): Promise<number> {
    return this.queue.run(async () => this.runManySync(query, lists));
  }
  run(query: SqlQuery<unknown>): Promise<number> {
    return this.queue.run(async () => this.runSync(compile(query)));
  }
  write<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.transaction("BEGIN IMMEDIATE", fn));
  }
  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.transaction("BEGIN", fn));
  }

  /**
   * Runs a synchronous body in a write transaction: the fastest path, used where measured (logging
   * a metric). `body` gets the raw connection's cached statements. When none of this executor's
   * operations is queued or running and no transaction is open on the connection, the body runs at
   * once instead of through the queue (a whole synchronous transaction cannot interleave with
   * anything, and nothing of ours waits ahead of it): the queue's promises and kysely's connection
   * lock cost a tenth of a one-metric request (measured).
   */
  writeSync<T>(body: (prepare: (sqlText: string) => BetterSqlite3.Statement) => T): Promise<T> {
    if (this.pending === 0 && !this.raw.inTransaction) {
      try {
        return Promise.resolve(this.writeSyncNow(body));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.queue.run(async () => this.writeSyncNow(body));
  }

  private writeSyncNow<T>(body: (prepare: (sqlText: string) => BetterSqlite3.Statement) => T): T {
    this.prepare("BEGIN IMMEDIATE").run();
    try {
      const result = body((s) => this.prepare(s));
      this.prepare("COMMIT").run();
      return result;
    } catch (err) {
      if (this.raw.inTransaction) this.prepare("ROLLBACK").run();
      throw err;
    }
  }

  private async transaction<T>(begin: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.prepare(begin).run();
    try {
      const result = await fn(this.inner);
      this.prepare("COMMIT").run();
      return result;
    } catch (err) {
      if (this.raw.inTransaction) this.prepare("ROLLBACK").run();
      throw err;
    }
  }
}

/** {@link SqlExecutor} over a kysely instance (PostgreSQL pool, or any other kysely dialect). */
export class KyselyExecutor implements SqlExecutor {
  constructor(
    private readonly db: Kysely<unknown> | Transaction<unknown>,
    readonly dialect: SqlDialect,
    private readonly inTransaction = false,
  ) {}

  async all<O>(query: SqlQuery<O>): Promise<O[]> {
    return (await this.db.executeQuery(compile(query))).rows;
  }
  async first<O>(query: SqlQuery<O>): Promise<O | undefined> {
    return (await this.db.executeQuery(compile(query))).rows[0];
  }
  async allArrays(query: SqlQuery<unknown>): Promise<unknown[][]> {
    return (await this.db.executeQuery(compile(query))).rows.map((r) => Object.values(r as object));
  }
  async run(query: SqlQuery<unknown>): Promise<number> {
    const result = await this.db.executeQuery(compile(query));
    return Number(result.numAffectedRows ?? BigInt(result.rows.length));
  }
  write<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db
      .transaction()
      .execute((trx) => fn(new KyselyExecutor(trx as Transaction<unknown>, this.dialect, true)));
  }
  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute((trx) => fn(new KyselyExecutor(trx as Transaction<unknown>, this.dialect, true)));
  }
}
