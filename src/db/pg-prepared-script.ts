import type { CompiledQuery } from "kysely";
import type pg from "pg";
import { PipelineWriter } from "./pg-pipeline-writer.js";

/** What one statement of a script returned: its rows and its changed-row count. */
export interface PreparedScriptResult {
  // biome-ignore lint/suspicious/noExplicitAny: rows of any statement
  readonly rows: Record<string, any>[];
  readonly changed: number;
}

/** The type parsers of a pool (`types` of its config). */
export interface TypeParsers {
  getTypeParser: typeof pg.types.getTypeParser;
}

/** Named statements per connection: how many may be kept before new texts go unnamed (planned each time). */
const MAX_NAMED = 256;

/**
 * Per connection (one server backend): the statements it has prepared, by SQL text (`names`),
 * and the row fields of each named statement it has described, by statement name (`shapes`; null:
 * it returns no rows). A described statement is not described again: its result's shape is
 * fixed once prepared (the server refuses a plan that would change it), so the server skips
 * building a description and the client parsing it, for every statement of every script.
 */
const connections = new WeakMap<
  object,
  { names: Map<string, string>; shapes: Map<string, RowShape | null> }
>();

/** How to decode a statement's rows: column names, their text parsers, an all-null row to copy. */
interface RowShape {
  readonly names: readonly string[];
  readonly parsers: readonly ((text: string) => unknown)[];
  readonly empty: Readonly<Record<string, null>>;
}

/** The shape of rows with these fields (a RowDescription's), parsed by `types` as pg would. */
function rowShape(fields: readonly { name: string; dataTypeID: number }[], types: TypeParsers): RowShape {
  const empty: Record<string, null> = {};
  for (const f of fields) empty[f.name] = null;
  return {
    names: fields.map((f) => f.name),
    parsers: fields.map((f) => types.getTypeParser(f.dataTypeID, "text") as (text: string) => unknown),
    empty,
  };
}

/** Encodes every script of the process (one at a time: `submit` is synchronous). */
const writer = new PipelineWriter();

/**
 * One text parameter for `value`, as PostgreSQL reads it back exactly: numbers as JavaScript's
 * shortest round-trip spelling (and `NaN`, `Infinity`, `-Infinity`, `-0`, which `String` would
 * lose the sign of), strings as they are. Anything else throws: a caller's mistake.
 */
export function pgParam(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      if (value === Infinity) return "Infinity";
      if (value === -Infinity) return "-Infinity";
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      throw new TypeError(`cannot send a ${typeof value} (${String(value)}) as a PostgreSQL parameter`);
  }
}

/**
 * Several parameterised statements sent to one pg client as one pipeline of the extended
 * protocol, ended by a single Sync: one round trip, one implicit transaction (PostgreSQL commits
 * at the Sync, and an error rolls back the whole script and skips what follows it).
 *
 * Each SQL text is parsed once per connection as a named prepared statement, so the server
 * neither parses nor (once it settles on a generic plan) plans it again: for the short
 * statements of a trial, parsing and planning cost more than running them (measured: about
 * 1.7 of 2.7 ms of server CPU per trial). After an error the connection's set of prepared
 * statements is unknown (a Parse before the error succeeded, those after were skipped): the
 * caller must then discard the connection (`release(error)`).
 *
 * Use through `client.query(script)`, which resolves through `done`.
 */
export class PreparedScript {
  private readonly results: PreparedScriptResult[] = [];
  /** The statement being read: its row shape and the rows so far. */
  private current: { shape: RowShape; rows: Record<string, unknown>[] } | null = null;
  /** Per statement: its name when it was described in this script ("" when unnamed). */
  private describing: (string | undefined)[] = [];
  /** Per statement: its row shape when known without a description (null: no rows). */
  private known: (RowShape | null | undefined)[] = [];
  private shapes: Map<string, RowShape | null> | null = null;
  private rowError: Error | null = null;
  readonly done: Promise<PreparedScriptResult[]>;
  private settle!: { resolve: (r: PreparedScriptResult[]) => void; reject: (e: unknown) => void };

  constructor(
    private readonly queries: readonly CompiledQuery[],
    private readonly types: TypeParsers,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  /** The statements' SQL, one after the other (for traces such as `npm run bench:tune-storage-trips`). */
  get text(): string {
    return this.queries.map((q) => q.sql).join(";\n");
  }

  /** Called by the client when the script may use the connection: writes the whole pipeline. */
  submit(connection: pg.Connection): void {
    let known = connections.get(connection);
    if (!known) {
      known = { names: new Map(), shapes: new Map() };
      connections.set(connection, known);
    }
    const { names, shapes } = known;
    this.shapes = shapes;
    // Encode first: a parameter that cannot be sent throws before anything is sent or named.
    const fresh = new Map<string, string>();
    let bytes: Buffer;
    try {
      for (const q of this.queries) {
        let name = names.get(q.sql) ?? fresh.get(q.sql);
        if (name === undefined) {
          name = names.size + fresh.size < MAX_NAMED ? `tl${names.size + fresh.size}` : "";
          if (name) fresh.set(q.sql, name);
          writer.parse(name, q.sql);
        }
        const values: (string | null)[] = [];
        for (const p of q.parameters) values.push(pgParam(p));
        writer.bind(name, values);
        const shape = name ? shapes.get(name) : undefined;
        this.known.push(shape);
        this.describing.push(shape === undefined ? name : undefined);
        if (shape === undefined) writer.describeExecute();
        else writer.execute();
      }
      bytes = writer.finish();
    } catch (e) {
      writer.reset();
      throw e;
    }
    for (const [text, name] of fresh) names.set(text, name);
    // One write for the whole pipeline.
    if (connection.stream.writable) connection.stream.write(bytes);
  }

  handleRowDescription(msg: { fields: { name: string; dataTypeID: number }[] }): void {
    const shape = rowShape(msg.fields, this.types);
    const name = this.describing[this.results.length];
    if (name) this.shapes?.set(name, shape);
    this.current = { shape, rows: [] };
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    if (!this.current) {
      const shape = this.known[this.results.length];
      if (shape) this.current = { shape, rows: [] };
    }
    if (this.rowError || !this.current) return;
    const { names, parsers, empty } = this.current.shape;
    const row: Record<string, unknown> = { ...empty };
    try {
      const values = msg.fields;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v !== null) row[names[i]] = parsers[i](v);
      }
    } catch (e) {
      this.rowError = e as Error;
      return;
    }
    this.current.rows.push(row);
  }

  handleCommandComplete(msg: { text?: string }): void {
    const name = this.describing[this.results.length];
    // Described, and no fields came: it returns no rows (the server answered NoData).
    if (name && !this.current && !this.shapes?.has(name)) this.shapes?.set(name, null);
    const rows = this.current?.rows ?? [];
    this.current = null;
    // "INSERT 0 n", "UPDATE n", "SELECT n": the count is the last number.
    const m = /(\d+)$/.exec(msg.text ?? "");
    this.results.push({ rows, changed: m ? Number(m[1]) : rows.length });
  }

  handleEmptyQuery(): void {
    this.results.push({ rows: [], changed: 0 });
  }

  handleError(error: unknown): void {
    this.settle.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.rowError) this.settle.reject(this.rowError);
    else this.settle.resolve(this.results);
  }

  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: pg.Connection): void {
    (connection as unknown as { sendCopyFail(m: string): void }).sendCopyFail("no COPY in a script");
  }
  handleCopyData(): void {}
}
