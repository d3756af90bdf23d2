import { type CompiledQuery, sql } from "kysely";
import type { AnyKysely } from "../../../db/index.js";
import { type Distribution, distributionToJson } from "../../distributions.js";
import type { FrozenTrial, JsonValue } from "../../frozen-trial.js";
import { decodeJson, decodeValue, encodeIntermediate, encodeJson, encodeValue } from "./encoding.js";
import { cachedQuery } from "./query-cache.js";

/**
 * One row written to a child table of a running trial (a parameter, an intermediate value, an
 * attribute or an objective value), with its effect on an in-memory copy of the trial.
 */
export interface TrialRowWrite {
  readonly trialId: number;
  readonly table: string;
  /** The columns that, with `trial_id`, form the table's unique key. */
  readonly key: readonly string[];
  /** Column values, `trial_id` aside. */
  readonly row: Readonly<Record<string, unknown>>;
  /** The trial after this write, exactly as reading it back from the database would give it. */
  apply(trial: FrozenTrial): FrozenTrial;
}

/** Stores a parameter's internal value and distribution. */
export function paramWrite(
  trialId: number,
  name: string,
  internalValue: number,
  distribution: Distribution,
): TrialRowWrite {
  return {
    trialId,
    table: "trial_params",
    key: ["param_name"],
    row: {
      param_name: name,
      param_value: internalValue,
      distribution_json: distributionToJson(distribution),
    },
    apply: (t) =>
      t.with({
        params: { ...t.params, [name]: distribution.toExternal(internalValue) },
        distributions: { ...t.distributions, [name]: distribution },
      }),
  };
}

/** Stores an intermediate value (NaN and infinities encoded as Optuna does). */
export function intermediateWrite(trialId: number, step: number, value: number): TrialRowWrite {
  const e = encodeIntermediate(value);
  return {
    trialId,
    table: "trial_intermediate_values",
    key: ["step"],
    row: { step, intermediate_value: e.value, intermediate_value_type: e.type },
    apply: (t) => {
      const iv = new Map(t.intermediateValues);
      iv.set(step, decodeValue(e.value, e.type));
      return t.with({ intermediateValues: iv });
    },
  };
}

/** Stores a user or system attribute as Python `json.dumps` text. */
export function attrWrite(
  trialId: number,
  kind: "user" | "system",
  key: string,
  value: JsonValue,
): TrialRowWrite {
  const json = encodeJson(value);
  const field = kind === "user" ? "userAttrs" : "systemAttrs";
  return {
    trialId,
    table: `trial_${kind}_attributes`,
    key: ["key"],
    row: { key, value_json: json },
    apply: (t) => t.with({ [field]: { ...t[field], [key]: decodeJson(json) } }),
  };
}

/** Stores the objective values (their effect on the copy comes with the finishing state). */
export function valueWrites(trialId: number, values: readonly number[]): TrialRowWrite[] {
  return values.map((v, objective) => {
    const e = encodeValue(v);
    return {
      trialId,
      table: "trial_values",
      key: ["objective"],
      row: { objective, value: e.value, value_type: e.type },
      apply: (t) => t,
    };
  });
}

/** What reading a stored objective value back gives (NaN is stored as NULL). */
export function storedValue(v: number): number {
  const e = encodeValue(v);
  return decodeValue(e.value, e.type);
}

/** The writes with only the last one of each (table, trial, key) kept, in their first order. */
export function lastWriteWins(writes: readonly TrialRowWrite[]): TrialRowWrite[] {
  const byKey = new Map<string, TrialRowWrite>();
  for (const w of writes) {
    const id = [w.table, w.trialId, ...w.key.map((k) => String(w.row[k]))].join("\u0000");
    byKey.set(id, w);
  }
  return [...byKey.values()];
}

/**
 * `INSERT ... SELECT` of the row from the trial's own row, only while the trial is RUNNING or
 * WAITING (and locking it against a concurrent finish where the dialect has row locks),
 * replacing an existing row with the same key. It changes one row, or none when the trial is
 * finished or unknown: the guard and the write are one statement, so no check-then-write race.
 */
export function guardedUpsert(db: AnyKysely, forUpdateSql: string, w: TrialRowWrite): CompiledQuery {
  const columns = Object.keys(w.row);
  const shape = `u|${w.table}|${columns.join(",")}|${w.key.join(",")}|${forUpdateSql}`;
  const parameters = [...columns.map((c) => w.row[c]), w.trialId];
  return cachedQuery(db, shape, parameters, () => guardedUpsertSql(db, forUpdateSql, w, columns));
}

function guardedUpsertSql(
  db: AnyKysely,
  forUpdateSql: string,
  w: TrialRowWrite,
  columns: readonly string[],
): CompiledQuery {
  const others = columns.filter((c) => !w.key.includes(c));
  return sql`insert into ${sql.table(w.table)} (trial_id, ${sql.join(columns.map((c) => sql.ref(c)))})
    select trial_id, ${sql.join(columns.map((c) => sql`${w.row[c]}`))} from trials
    where trial_id = ${w.trialId} and state in ('RUNNING', 'WAITING')${sql.raw(forUpdateSql)}
    on conflict (trial_id, ${sql.join(w.key.map((c) => sql.ref(c)))}) do update set ${sql.join(
      others.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`),
    )}`.compile(db);
}

/** Tables whose rows {@link guardedUpserts} may write several at a time (no enum-typed column). */
const GROUPABLE = new Set(["trial_params", "trial_user_attributes", "trial_system_attributes"]);

/**
 * The SQL types of the grouped tables' columns that are not text: a VALUES list of parameters
 * has text columns on PostgreSQL (parameters are sent untyped), so these are cast back.
 */
const NOT_TEXT: Readonly<Record<string, string>> = { param_value: "double precision" };

/**
 * The statements that store `writes` (unique keys: see {@link lastWriteWins}): the writes of one
 * trial to one table in one statement where the table has no enum column (e.g. all parameters
 * an objective suggested), each other write in a {@link guardedUpsert}. A statement changes as
 * many rows as its writes, or none when the trial is finished or unknown. Statements count
 * twice: parsing and planning one costs the database about as much as running it.
 */
export function guardedUpserts(
  db: AnyKysely,
  forUpdateSql: string,
  writes: readonly TrialRowWrite[],
): { query: CompiledQuery; writes: TrialRowWrite[] }[] {
  const groups = new Map<string, TrialRowWrite[]>();
  const out: TrialRowWrite[][] = [];
  for (const w of writes) {
    const id = `${w.table}\u0000${w.trialId}`;
    const group = GROUPABLE.has(w.table) ? groups.get(id) : undefined;
    if (group) group.push(w);
    else {
      const fresh = [w];
      out.push(fresh);
      if (GROUPABLE.has(w.table)) groups.set(id, fresh);
    }
  }
  return out.map((ws) => ({
    query: ws.length === 1 ? guardedUpsert(db, forUpdateSql, ws[0]) : groupedUpsert(db, forUpdateSql, ws),
    writes: ws,
  }));
}

/**
 * {@link guardedUpsert} of several rows of one trial and table: the rows come from a VALUES list
 * (a CTE with named columns, which SQLite and PostgreSQL both accept), joined to the trial's row
 * under the same guard; `for update of` locks that row only.
 */
function groupedUpsert(db: AnyKysely, forUpdateSql: string, ws: readonly TrialRowWrite[]): CompiledQuery {
  const { table, key, trialId } = ws[0];
  const columns = Object.keys(ws[0].row);
  const shape = `g|${table}|${columns.join(",")}|${key.join(",")}|${ws.length}|${forUpdateSql}`;
  const parameters: unknown[] = [];
  for (const w of ws) for (const c of columns) parameters.push(w.row[c]);
  parameters.push(trialId);
  return cachedQuery(db, shape, parameters, () => groupedUpsertSql(db, forUpdateSql, ws, columns));
}

function groupedUpsertSql(
  db: AnyKysely,
  forUpdateSql: string,
  ws: readonly TrialRowWrite[],
  columns: readonly string[],
): CompiledQuery {
  const { table, key, trialId } = ws[0];
  const others = columns.filter((c) => !key.includes(c));
  const rows = ws.map((w) => sql`(${sql.join(columns.map((c) => sql`${w.row[c]}`))})`);
  const lock = forUpdateSql ? sql.raw(`${forUpdateSql} of t`) : sql``;
  return sql`with v (${sql.join(columns.map((c) => sql.ref(c)))}) as (values ${sql.join(rows)})
    insert into ${sql.table(table)} (trial_id, ${sql.join(columns.map((c) => sql.ref(c)))})
    select t.trial_id, ${sql.join(columns.map((c) => (NOT_TEXT[c] ? sql`cast(${sql.ref(`v.${c}`)} as ${sql.raw(NOT_TEXT[c])})` : sql.ref(`v.${c}`))))} from trials t, v
    where t.trial_id = ${trialId} and t.state in ('RUNNING', 'WAITING')${lock}
    on conflict (trial_id, ${sql.join(key.map((c) => sql.ref(c)))}) do update set ${sql.join(
      others.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`),
    )}`.compile(db);
}
