// biome-ignore-all lint/suspicious/noExplicitAny: rows of dynamically named tables are decoded field by field below
import { type CompiledQuery, type RawBuilder, sql } from "kysely";
import type { AnyKysely } from "../../../db/index.js";
import { type Distribution, jsonToDistribution } from "../../distributions.js";
import { FrozenTrial, type JsonValue, type TrialState } from "../../frozen-trial.js";
import type { FrozenStudy, StudyDirection } from "../storage.js";
import { decodeJson, decodeValue, parseDatetime } from "./encoding.js";
import { cachedQuery } from "./query-cache.js";

/**
 * Reads of whole trials and studies, each one statement (a UNION ALL split by `kind`), built apart
 * from their decoding so that a write script can carry them (one round trip for both).
 */

/** A row of {@link trialsQuery}. */
interface TrialPart {
  kind: string;
  trial_id: number;
  k: string | null;
  num: number | null;
  txt: string | null;
  txt2: string | null;
  ord: number;
}

/** A row of the `trials` table as the reads decode it. */
export interface TrialRow {
  trial_id: number;
  number: number;
  state: TrialState;
  datetime_start: string | null;
  datetime_complete: string | null;
}

/**
 * Whole trials whose ids satisfy `idCondition` (an SQL condition on a `trial_id` column, applied
 * to each table): the trial rows and the five child tables.
 */
export function trialsQuery(
  db: AnyKysely,
  idCondition: RawBuilder<unknown>,
): CompiledQuery<Record<string, any>> {
  const w = idCondition;
  return sql<TrialPart>`select 't' as kind, trial_id, cast(state as varchar(8)) as k, number as num,
          cast(datetime_start as varchar(32)) as txt, cast(datetime_complete as varchar(32)) as txt2, study_id as ord
        from trials where ${w}
      union all select 'p', trial_id, param_name, param_value, distribution_json, null, param_id
        from trial_params where ${w}
      union all select 'v', trial_id, null, value, cast(value_type as varchar(8)), null, objective
        from trial_values where ${w}
      union all select 'i', trial_id, null, intermediate_value, cast(intermediate_value_type as varchar(8)), null, step
        from trial_intermediate_values where ${w}
      union all select 'u', trial_id, key, null, value_json, null, trial_user_attribute_id
        from trial_user_attributes where ${w}
      union all select 's', trial_id, key, null, value_json, null, trial_system_attribute_id
        from trial_system_attributes where ${w}
      order by ord`.compile(db);
}

/** For {@link trialsQuery}: the ids that the subquery `ids` (selecting `trial_id` from `trials`) selects. */
export function idsIn(ids: unknown): RawBuilder<unknown> {
  return sql`trial_id in (${ids as RawBuilder<unknown>})`;
}

/** The largest value of a `serial` (32-bit) id. */
const MAX_ID = 2 ** 31 - 1;

/**
 * For {@link trialsQuery}: the ids above `afterTrialId` plus those in `trialIds`, as a condition
 * on each table's own `trial_id` (its index), not a subquery on `trials` (which planners without
 * statistics hash-join to whole tables, and take 5x longer to plan). No study condition:
 * planners would pick the study index and scan the whole study (the decoding drops other
 * studies' trials).
 */
export function idsSince(afterTrialId: number, trialIds: readonly number[]): RawBuilder<unknown> {
  // The upper bound (the largest id a serial column holds) makes `>` a range, which planners
  // without statistics (a fresh study database) estimate as narrow: they then use the index
  // instead of reading whole tables at every sync.
  const above = sql`trial_id > ${afterTrialId} and trial_id <= ${MAX_ID}`;
  return trialIds.length ? sql`((${above}) or trial_id in (${sql.join([...trialIds])}))` : sql`(${above})`;
}

/** {@link trialsQuery} of {@link idsSince}: the read of every sync, its SQL built once per number of `trialIds`. */
export function trialsSinceQuery(
  db: AnyKysely,
  afterTrialId: number,
  trialIds: readonly number[],
): CompiledQuery<Record<string, any>> {
  const perTable = [afterTrialId, MAX_ID, ...trialIds];
  const parameters: unknown[] = [];
  for (let t = 0; t < TRIAL_TABLES; t++) parameters.push(...perTable);
  return cachedQuery(db, `since|${trialIds.length}`, parameters, () =>
    trialsQuery(db, idsSince(afterTrialId, trialIds)),
  ) as CompiledQuery<Record<string, any>>;
}

/** How many tables {@link trialsQuery} reads (each with the id condition). */
const TRIAL_TABLES = 6;

/**
 * The trials in the rows of a {@link trialsQuery}, ordered by number, optionally only those of
 * `studyId`. The children go straight into their trial's parts (no row objects in between) and a
 * step travels as the number it is (`ord`): a study's first read makes one row per intermediate
 * value, so every object less per row shows.
 */
export function decodeTrials(all: readonly Record<string, any>[], studyId?: number): FrozenTrial[] {
  interface Parts {
    readonly row: TrialRow;
    params: Record<string, unknown>;
    distributions: Record<string, Distribution>;
    values: number[];
    iv: Map<number, number>;
    user: Record<string, JsonValue>;
    system: Record<string, JsonValue>;
  }
  const parts = new Map<number, Parts>();
  for (const r of all) {
    if (r.kind !== "t" || (studyId !== undefined && Number(r.ord) !== studyId)) continue;
    const row: TrialRow = {
      trial_id: Number(r.trial_id),
      number: Number(r.num),
      state: r.k as TrialState,
      datetime_start: r.txt,
      datetime_complete: r.txt2,
    };
    parts.set(row.trial_id, {
      row,
      params: {},
      distributions: {},
      values: [],
      iv: new Map(),
      user: {},
      system: {},
    });
  }
  for (const c of all) {
    if (c.kind === "t") continue;
    const x = parts.get(Number(c.trial_id));
    if (!x) continue;
    switch (c.kind) {
      case "p": {
        const json = c.txt as string;
        let d = distributionOfJson.get(json);
        if (!d) {
          d = jsonToDistribution(json);
          if (distributionOfJson.size >= 1024) distributionOfJson.clear();
          distributionOfJson.set(json, d);
        }
        x.distributions[c.k as string] = d;
        x.params[c.k as string] = d.toExternal(Number(c.num));
        break;
      }
      case "v":
        x.values.push(decodeValue(c.num, c.txt as string));
        break;
      case "i":
        x.iv.set(Number(c.ord), decodeValue(c.num, c.txt as string));
        break;
      default:
        (c.kind === "u" ? x.user : x.system)[c.k as string] = decodeJson(c.txt);
    }
  }
  return [...parts.values()]
    .sort((a, b) => a.row.number - b.row.number)
    .map(
      ({ row: r, ...x }) =>
        new FrozenTrial({
          trialId: r.trial_id,
          number: r.number,
          state: r.state,
          values: x.values.length ? x.values : null,
          datetimeStart: parseDatetime(r.datetime_start),
          datetimeComplete: parseDatetime(r.datetime_complete),
          params: x.params as FrozenTrial["params"],
          distributions: x.distributions,
          userAttrs: x.user,
          systemAttrs: x.system,
          intermediateValues: x.iv,
        }),
    );
}

/**
 * Distributions by their stored JSON, across reads (distributions are immutable): every sync
 * reads the new trials' parameters, whose few distinct JSON texts cost a Python-JSON parse each.
 */
const distributionOfJson = new Map<string, Distribution>();

/** Studies (all, or the one with `studyId`) with their directions and attributes. */
export function studiesQuery(db: AnyKysely, studyId: number | null): CompiledQuery<Record<string, any>> {
  const parameters = studyId === null ? [] : [studyId, studyId, studyId, studyId];
  return cachedQuery(db, `studies|${studyId === null}`, parameters, () =>
    studiesQuerySql(db, studyId),
  ) as CompiledQuery<Record<string, any>>;
}

function studiesQuerySql(db: AnyKysely, studyId: number | null): CompiledQuery<Record<string, any>> {
  const only = studyId === null ? sql`` : sql`where study_id = ${studyId}`;
  return sql<{
    kind: string;
    study_id: number;
    k: string | null;
    v: string | null;
  }>`select 'n' as kind, study_id, study_name as k, null as v, study_id as ord from studies ${only}
        union all select 'd', study_id, cast(direction as varchar(8)), null, objective from study_directions ${only}
        union all select 'u', study_id, key, value_json, study_user_attribute_id from study_user_attributes ${only}
        union all select 's', study_id, key, value_json, study_system_attribute_id from study_system_attributes ${only}
        order by ord`.compile(db);
}

/** The studies in the rows of a {@link studiesQuery}, in creation order. */
export function decodeStudies(rows: readonly Record<string, any>[]): FrozenStudy[] {
  const studies = rows.filter((r) => r.kind === "n").map((r) => ({ study_id: r.study_id, study_name: r.k }));
  const directions = rows
    .filter((r) => r.kind === "d")
    .map((r) => ({ study_id: r.study_id, direction: r.k }));
  const user = rows
    .filter((r) => r.kind === "u")
    .map((r) => ({ study_id: r.study_id, key: r.k, value_json: r.v }));
  const system = rows
    .filter((r) => r.kind === "s")
    .map((r) => ({ study_id: r.study_id, key: r.k, value_json: r.v }));
  return studies.map((s) => {
    const id = Number(s.study_id);
    const attrs = (rows: any[]) =>
      Object.fromEntries(
        rows.filter((r) => Number(r.study_id) === id).map((r) => [r.key, decodeJson(r.value_json)]),
      );
    return Object.freeze({
      studyId: id,
      studyName: s.study_name as string,
      directions: Object.freeze(
        directions
          .filter((d) => Number(d.study_id) === id)
          .map((d) => (d.direction === "MAXIMIZE" ? "maximize" : "minimize") as StudyDirection),
      ),
      userAttrs: Object.freeze(attrs(user)),
      systemAttrs: Object.freeze(attrs(system)),
    });
  });
}
