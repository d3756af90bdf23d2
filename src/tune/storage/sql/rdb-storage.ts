// biome-ignore-all lint/suspicious/noExplicitAny: rows of dynamically named tables are decoded field by field below
import { type ExpressionBuilder, type RawBuilder, sql } from "kysely";
import {
  type AnyKysely,
  migrateVersioned,
  openRetryingDatabase,
  type RetryingDatabase,
  type RetryingDatabaseOptions,
} from "../../../db/index.js";
import {
  checkDistributionCompatibility,
  type Distribution,
  distributionToJson,
  jsonToDistribution,
} from "../../distributions.js";
import {
  DuplicatedStudyError,
  InvalidArgumentError,
  StudyNotFoundError,
  TrialNotFoundError,
  UpdateFinishedTrialError,
} from "../../errors.js";
import { FrozenTrial, isFinished, type JsonValue, type TrialState } from "../../frozen-trial.js";
import type { StaleTrialCallback } from "../heartbeat.js";
import type { FrozenStudy, Storage, StudyDirection } from "../storage.js";
import {
  decodeJson,
  decodeValue,
  encodeIntermediate,
  encodeJson,
  encodeValue,
  formatDatetime,
  parseDatetime,
} from "./encoding.js";
import { studySchemaPlan } from "./study-schema.js";

/** Version written to `version_info.library_version` (Optuna shows it in messages only). */
const LIBRARY_VERSION = "tunelab-0.1.0";

/** Options of {@link RDBStorage.open}. */
export interface RDBStorageOptions extends RetryingDatabaseOptions {
  /**
   * Seconds between heartbeats of the trials this storage runs. Default: no heartbeats (a crashed
   * worker's trial then stays RUNNING forever).
   */
  heartbeatInterval?: number;
  /** Seconds without a heartbeat after which a RUNNING trial is failed. Default 2 × heartbeatInterval. */
  gracePeriod?: number;
  /** Called after a stale trial was marked FAIL, e.g. {@link retryFailedTrialCallback}. */
  staleTrialCallback?: StaleTrialCallback;
}

interface TrialRow {
  trial_id: number;
  number: number;
  state: TrialState;
  datetime_start: string | null;
  datetime_complete: string | null;
}

/**
 * Studies in SQLite or PostgreSQL, in the tables of Optuna's RDB storage (schema version 12), so
 * Python Optuna and optuna-dashboard open the same database. Use it through a URI
 * (`createStudy({storage: "sqlite:///studies.db"})`, which wraps it in a {@link CachedStorage}),
 * or open it directly for heartbeats.
 *
 * Concurrency: a new trial's number is counted inside a write transaction that holds the study's
 * row lock (PostgreSQL) or the database's write lock (SQLite), so numbers stay unique and
 * consecutive under any number of processes; a WAITING trial becomes RUNNING through one
 * conditional UPDATE, so exactly one worker gets it.
 *
 * @example
 * const storage = await RDBStorage.open("sqlite:///studies.db", { heartbeatInterval: 10 });
 * const study = await createStudy({ studyName: "s", storage });
 */
export class RDBStorage implements Storage {
  /** First distribution seen per study and parameter name (they never change once stored). */
  private readonly distributionCache = new Map<number, Map<string, Distribution>>();
  /** Trials this storage set RUNNING and keeps alive with heartbeats. */
  private readonly beating = new Map<number, number>();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  /** Rows buffered by a batch transaction, per table, keyed by their unique key. */
  private readonly batchRows = new WeakMap<
    AnyKysely,
    Map<string, { keys: string[]; rows: Map<string, Record<string, unknown>> }>
  >();
  /** Trials already checked updatable inside a batch transaction, per transaction. */
  private readonly batchChecks = new WeakMap<AnyKysely, Map<number, TrialRow & { study_id: number }>>();
  private readonly heartbeatMs: number | null;
  private readonly graceMs: number | null;

  private constructor(
    readonly database: RetryingDatabase,
    private readonly options: RDBStorageOptions,
  ) {
    const { heartbeatInterval, gracePeriod } = options;
    if (heartbeatInterval !== undefined && !(heartbeatInterval > 0))
      throw new InvalidArgumentError(`heartbeatInterval must be > 0 seconds, got ${heartbeatInterval}`);
    if (gracePeriod !== undefined && !(gracePeriod > 0))
      throw new InvalidArgumentError(`gracePeriod must be > 0 seconds, got ${gracePeriod}`);
    if (gracePeriod !== undefined && heartbeatInterval === undefined)
      throw new InvalidArgumentError("gracePeriod needs heartbeatInterval");
    this.heartbeatMs = heartbeatInterval === undefined ? null : heartbeatInterval * 1000;
    this.graceMs = this.heartbeatMs === null ? null : (gracePeriod ?? 2 * heartbeatInterval!) * 1000;
  }

  /**
   * Opens the database and creates the study tables when it has none. Throws
   * {@link IncompatibleStorageError} (changing nothing) for a database that is not a study
   * database or has another schema version.
   */
  static async open(uri: string, options: RDBStorageOptions = {}): Promise<RDBStorage> {
    const database = await openRetryingDatabase(uri, options);
    try {
      await migrateVersioned(database, studySchemaPlan(LIBRARY_VERSION));
      return new RDBStorage(database, options);
    } catch (e) {
      await database.close();
      throw e;
    }
  }

  /** True when heartbeats are on. */
  get heartbeatEnabled(): boolean {
    return this.heartbeatMs !== null;
  }

  // ---- studies ----

  async createNewStudy(directions: readonly StudyDirection[], studyName: string): Promise<number> {
    return this.database.transaction(async (trx) => {
      const existing = await trx
        .selectFrom("studies")
        .select("study_id")
        .where("study_name", "=", studyName)
        .executeTakeFirst();
      if (existing) throw new DuplicatedStudyError(studyName);
      const { study_id } = await trx
        .insertInto("studies")
        .values({ study_name: studyName })
        .returning("study_id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("study_directions")
        .values(directions.map((d, objective) => ({ direction: d.toUpperCase(), study_id, objective })))
        .execute();
      return Number(study_id);
    });
  }

  async deleteStudy(studyId: number): Promise<void> {
    await this.database.transaction(async (trx) => {
      await this.requireStudy(trx, studyId);
      const trials = trx.selectFrom("trials").select("trial_id").where("study_id", "=", studyId);
      for (const table of [
        "trial_params",
        "trial_values",
        "trial_intermediate_values",
        "trial_user_attributes",
        "trial_system_attributes",
        "trial_heartbeats",
      ])
        await trx.deleteFrom(table).where("trial_id", "in", trials).execute();
      for (const table of ["trials", "study_directions", "study_user_attributes", "study_system_attributes"])
        await trx.deleteFrom(table).where("study_id", "=", studyId).execute();
      await trx.deleteFrom("studies").where("study_id", "=", studyId).execute();
    });
    this.distributionCache.delete(studyId);
  }

  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.setStudyAttr("study_user_attributes", studyId, key, value);
  }

  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.setStudyAttr("study_system_attributes", studyId, key, value);
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    const row = await this.database.read((db) =>
      db.selectFrom("studies").select("study_id").where("study_name", "=", studyName).executeTakeFirst(),
    );
    if (!row) throw new StudyNotFoundError(studyName, await this.studyNames());
    return Number(row.study_id);
  }

  async getStudy(studyId: number): Promise<FrozenStudy> {
    const [study] = await this.readStudies(studyId);
    if (!study) throw new StudyNotFoundError(studyId, await this.studyNames());
    return study;
  }

  getAllStudies(): Promise<FrozenStudy[]> {
    return this.readStudies(null);
  }

  // ---- trials ----

  async createNewTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial> {
    if (!template) await this.failStaleTrials(studyId);
    const now = new Date();
    const trial = await this.database.transaction(async (trx) => {
      // Serialises trial creation per study: the count below then sees every earlier trial.
      if (!(await this.database.adapter.lockRow(trx, "studies", "study_id", studyId)))
        throw new StudyNotFoundError(studyId, await this.studyNames(trx));
      const { n } = (await trx
        .selectFrom("trials")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("study_id", "=", studyId)
        .executeTakeFirstOrThrow()) as { n: number | string };
      const number = Number(n);
      if (template)
        for (const [name, d] of Object.entries(template.distributions))
          await this.checkParam(trx, studyId, name, d);
      const base =
        template ??
        new FrozenTrial({
          trialId: -1,
          number,
          state: "RUNNING",
          values: null,
          datetimeStart: now,
          datetimeComplete: null,
          params: {},
          distributions: {},
          userAttrs: {},
          systemAttrs: {},
          intermediateValues: new Map(),
        });
      const { trial_id } = await trx
        .insertInto("trials")
        .values({
          number,
          study_id: studyId,
          state: base.state,
          datetime_start: base.datetimeStart ? formatDatetime(base.datetimeStart) : null,
          datetime_complete: base.datetimeComplete ? formatDatetime(base.datetimeComplete) : null,
        })
        .returning("trial_id")
        .executeTakeFirstOrThrow();
      const trialId = Number(trial_id);
      if (template) await this.insertTrialContents(trx, trialId, template);
      if (base.state === "RUNNING" && this.heartbeatMs !== null) await this.writeHeartbeat(trx, trialId, now);
      return base.with({ trialId, number });
    });
    if (trial.state === "RUNNING") this.startBeating(trial.trialId);
    return trial;
  }

  async setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void> {
    await this.database.transaction((trx) =>
      this.setTrialParamOn(trx, trialId, name, internalValue, distribution),
    );
  }

  private async setTrialParamOn(
    trx: AnyKysely,
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void> {
    const row = await this.requireUpdatable(trx, trialId);
    await this.checkParam(trx, Number(row.study_id), name, distribution);
    await this.upsert(trx, "trial_params", ["trial_id", "param_name"], {
      trial_id: trialId,
      param_name: name,
      param_value: internalValue,
      distribution_json: distributionToJson(distribution),
    });
  }

  /**
   * Inserts or replaces one row keyed by `keys`. Inside a batch the row is buffered (the last
   * write of a key wins) and written with one multi-row statement per table at the end.
   */
  private async upsert(
    db: AnyKysely,
    table: string,
    keys: string[],
    row: Record<string, unknown>,
  ): Promise<void> {
    const pending = this.batchRows.get(db);
    if (pending) {
      let rows = pending.get(table);
      if (!rows) {
        rows = { keys, rows: new Map() };
        pending.set(table, rows);
      }
      rows.rows.set(keys.map((k) => String(row[k])).join("\u0000"), row);
      return;
    }
    await this.writeRows(db, table, keys, [row]);
  }

  private async writeRows(db: AnyKysely, table: string, keys: string[], rows: Record<string, unknown>[]) {
    const others = Object.keys(rows[0]).filter((c) => !keys.includes(c));
    await db
      .insertInto(table)
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(keys as never[])
          .doUpdateSet((eb) => Object.fromEntries(others.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
  }

  async setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[] | null,
  ): Promise<boolean> {
    if (state === "RUNNING" && this.heartbeatMs !== null) {
      const row = await this.database.read((db) =>
        db.selectFrom("trials").select("study_id").where("trial_id", "=", trialId).executeTakeFirst(),
      );
      if (row) await this.failStaleTrials(Number(row.study_id));
    }
    const now = new Date();
    const changed = await this.database.transaction(async (trx) => {
      if (state === "RUNNING") {
        const current = await this.requireUpdatable(trx, trialId);
        if (current.state === "RUNNING") return false;
        // Conditional: of several workers claiming one WAITING trial, exactly one updates a row.
        const r = await trx
          .updateTable("trials")
          .set({ state, datetime_start: formatDatetime(now) })
          .where("trial_id", "=", trialId)
          .where("state", "=", current.state)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        if (this.heartbeatMs !== null) await this.writeHeartbeat(trx, trialId, now);
        return true;
      }
      // Conditional on the trial being unfinished: a worker that failed it meanwhile wins.
      const r = await trx
        .updateTable("trials")
        .set({ state, datetime_complete: isFinished(state) ? formatDatetime(now) : null })
        .where("trial_id", "=", trialId)
        .where("state", "in", ["RUNNING", "WAITING"])
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) await this.requireUpdatable(trx, trialId); // throws
      if (values) await this.writeValues(trx, trialId, values);
      return true;
    });
    if (changed && state === "RUNNING") this.startBeating(trialId);
    if (isFinished(state)) this.stopBeating(trialId);
    return changed;
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    await this.database.transaction((trx) => this.setTrialIntermediateValueOn(trx, trialId, step, value));
  }

  private async setTrialIntermediateValueOn(trx: AnyKysely, trialId: number, step: number, value: number) {
    const { value: v, type } = encodeIntermediate(value);
    await this.requireUpdatable(trx, trialId);
    await this.upsert(trx, "trial_intermediate_values", ["trial_id", "step"], {
      trial_id: trialId,
      step,
      intermediate_value: v,
      intermediate_value_type: type,
    });
  }

  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.setTrialAttr("trial_user_attributes", trialId, key, value);
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.setTrialAttr("trial_system_attributes", trialId, key, value);
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const [trial] = await this.database.read((db) =>
      this.readTrials(db, (q) => q.where("trials.trial_id", "=", trialId)),
    );
    if (!trial) throw new TrialNotFoundError(trialId);
    return trial;
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[] } = {},
  ): Promise<FrozenTrial[]> {
    const { states } = options;
    const trials = await this.database.read(async (db) => {
      await this.requireStudy(db, studyId);
      if (states?.length === 0) return [];
      return this.readTrials(db, (q) => {
        let w = q.where("trials.study_id", "=", studyId);
        if (states) w = w.where("trials.state", "in", [...states]);
        return w;
      });
    });
    return trials;
  }

  /**
   * Incremental read for {@link CachedStorage}: the study's trials whose id is above
   * `afterTrialId` (a study's trial ids grow with their numbers, since both are assigned under
   * the study's lock) plus those whose id is in `trialIds`, ordered by number. Reads by primary
   * key, so its cost follows the number of trials read, not the size of the study.
   */
  readTrialsSince(
    studyId: number,
    afterTrialId: number,
    trialIds: readonly number[],
  ): Promise<FrozenTrial[]> {
    // No study_id condition in SQL: planners would pick the study index and scan the whole study.
    return this.database.read((db) =>
      this.readTrialsWhere(
        db,
        db
          .selectFrom("trials")
          .select("trial_id")
          .where((eb: ExpressionBuilder<any, any>) =>
            trialIds.length
              ? eb.or([eb("trial_id", ">", afterTrialId), eb("trial_id", "in", [...trialIds])])
              : eb("trial_id", ">", afterTrialId),
          ),
        studyId,
      ),
    );
  }

  /**
   * Marks FAIL every RUNNING trial of the study whose heartbeat is older than the grace period,
   * then calls `staleTrialCallback` for each. Called before this storage starts a trial (when
   * heartbeats are on). Returns the failed trials.
   */
  async failStaleTrials(studyId: number): Promise<FrozenTrial[]> {
    if (this.graceMs === null) return [];
    const limit = formatDatetime(new Date(Date.now() - this.graceMs));
    const stale = await this.database.read((db) =>
      db
        .selectFrom("trials")
        .innerJoin("trial_heartbeats", "trial_heartbeats.trial_id", "trials.trial_id")
        .select("trials.trial_id")
        .where("trials.study_id", "=", studyId)
        .where("trials.state", "=", "RUNNING")
        .where("trial_heartbeats.heartbeat", "<", limit)
        .execute(),
    );
    const failed: FrozenTrial[] = [];
    for (const { trial_id } of stale) {
      const trialId = Number(trial_id);
      if (this.beating.has(trialId)) continue;
      const won = await this.database.transaction(async (trx) => {
        const r = await trx
          .updateTable("trials")
          .set({ state: "FAIL", datetime_complete: formatDatetime(new Date()) })
          .where("trial_id", "=", trialId)
          .where("state", "=", "RUNNING")
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto("trial_system_attributes")
          .values({
            trial_id: trialId,
            key: "fail_reason",
            value_json: encodeJson(`heartbeat stale for more than ${this.graceMs! / 1000} s`),
          })
          .onConflict((oc) => oc.columns(["trial_id", "key"]).doNothing())
          .execute();
        return true;
      });
      if (!won) continue;
      const trial = await this.getTrial(trialId);
      failed.push(trial);
      await this.options.staleTrialCallback?.(this, studyId, trial);
    }
    return failed;
  }

  async close(): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.beating.clear();
    await this.database.close();
  }

  // ---- heartbeats ----

  private startBeating(trialId: number): void {
    if (this.heartbeatMs === null) return;
    this.beating.set(trialId, Date.now());
    this.heartbeatTimer ??= setInterval(() => void this.beat().catch(() => {}), this.heartbeatMs);
    // Heartbeats must not keep a finished program alive.
    this.heartbeatTimer.unref?.();
  }

  private stopBeating(trialId: number): void {
    this.beating.delete(trialId);
    if (this.beating.size === 0 && this.heartbeatTimer) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = null;
    }
  }

  private async beat(): Promise<void> {
    const ids = [...this.beating.keys()];
    if (!ids.length) return;
    const now = new Date();
    await this.database.transaction(async (trx) => {
      for (const id of ids) await this.writeHeartbeat(trx, id, now);
    });
  }

  private async writeHeartbeat(trx: AnyKysely, trialId: number, at: Date): Promise<void> {
    const heartbeat = formatDatetime(at);
    await trx
      .insertInto("trial_heartbeats")
      .values({ trial_id: trialId, heartbeat })
      .onConflict((oc) => oc.column("trial_id").doUpdateSet({ heartbeat }))
      .execute();
  }

  // ---- helpers ----

  private async studyNames(db: AnyKysely = this.database.db): Promise<string[]> {
    const rows = await db.selectFrom("studies").select("study_name").orderBy("study_id").execute();
    return rows.map((r) => r.study_name as string);
  }

  private async requireStudy(db: AnyKysely, studyId: number): Promise<void> {
    const row = await db
      .selectFrom("studies")
      .select("study_id")
      .where("study_id", "=", studyId)
      .executeTakeFirst();
    if (!row) throw new StudyNotFoundError(studyId, await this.studyNames(db));
  }

  private async readStudies(studyId: number | null): Promise<FrozenStudy[]> {
    return this.database.read(async (db) => {
      // One round trip: the studies and their directions and attributes, split by `kind`.
      const only = studyId === null ? sql`` : sql`where study_id = ${studyId}`;
      const { rows } = await sql<{
        kind: string;
        study_id: number;
        k: string | null;
        v: string | null;
      }>`select 'n' as kind, study_id, study_name as k, null as v, study_id as ord from studies ${only}
        union all select 'd', study_id, cast(direction as varchar(8)), null, objective from study_directions ${only}
        union all select 'u', study_id, key, value_json, study_user_attribute_id from study_user_attributes ${only}
        union all select 's', study_id, key, value_json, study_system_attribute_id from study_system_attributes ${only}
        order by ord`.execute(db);
      const studies = rows
        .filter((r) => r.kind === "n")
        .map((r) => ({ study_id: r.study_id, study_name: r.k }));
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
    });
  }

  private async setStudyAttr(table: string, studyId: number, key: string, value: JsonValue): Promise<void> {
    const value_json = encodeJson(value);
    await this.database.transaction(async (trx) => {
      await this.requireStudy(trx, studyId);
      await trx
        .insertInto(table)
        .values({ study_id: studyId, key, value_json })
        .onConflict((oc) => oc.columns(["study_id", "key"]).doUpdateSet({ value_json }))
        .execute();
    });
  }

  private async setTrialAttr(table: string, trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.database.transaction((trx) => this.setTrialAttrOn(trx, table, trialId, key, value));
  }

  private async setTrialAttrOn(
    trx: AnyKysely,
    table: string,
    trialId: number,
    key: string,
    value: JsonValue,
  ) {
    await this.requireUpdatable(trx, trialId);
    await this.upsert(trx, table, ["trial_id", "key"], {
      trial_id: trialId,
      key,
      value_json: encodeJson(value),
    });
  }

  /**
   * Runs `ops` (parameter, intermediate-value and attribute writes of running trials) in one
   * transaction: one commit instead of one per write. Called by `Trial` when several of its
   * writes are queued. When an op fails, the transaction is rolled back and the ops run one by
   * one, so each succeeds or fails exactly as it would alone.
   */
  async batch(ops: readonly ((storage: Storage) => Promise<void>)[]): Promise<void> {
    try {
      await this.database.transaction(async (trx) => {
        const view = this.writerOn(trx);
        for (const op of ops) await op(view);
        const pending = this.batchRows.get(trx)!;
        for (const [table, { keys, rows }] of pending)
          await this.writeRows(trx, table, keys, [...rows.values()]);
      });
    } catch {
      for (const op of ops) await op(this);
    }
  }

  /** A Storage whose trial writes run on `trx`; anything else is refused. */
  private writerOn(trx: AnyKysely): Storage {
    this.batchChecks.set(trx, new Map());
    this.batchRows.set(trx, new Map());
    const refuse = (): never => {
      throw new InvalidArgumentError(
        "only trial parameter, intermediate-value and attribute writes can be batched",
      );
    };
    return {
      setTrialParam: (id, name, internal, d) => this.setTrialParamOn(trx, id, name, internal, d),
      setTrialIntermediateValue: (id, step, v) => this.setTrialIntermediateValueOn(trx, id, step, v),
      setTrialUserAttr: (id, k, v) => this.setTrialAttrOn(trx, "trial_user_attributes", id, k, v),
      setTrialSystemAttr: (id, k, v) => this.setTrialAttrOn(trx, "trial_system_attributes", id, k, v),
      createNewStudy: refuse,
      deleteStudy: refuse,
      setStudyUserAttr: refuse,
      setStudySystemAttr: refuse,
      getStudyIdFromName: refuse,
      getStudy: refuse,
      getAllStudies: refuse,
      createNewTrial: refuse,
      setTrialStateValues: refuse,
      getTrial: refuse,
      getAllTrials: refuse,
    };
  }

  /** The trial's row; throws when it is unknown or finished. */
  private async requireUpdatable(db: AnyKysely, trialId: number): Promise<TrialRow & { study_id: number }> {
    // Within one batch, a trial checked once stays updatable (the batch holds the write lock).
    const memo = this.batchChecks.get(db);
    const known = memo?.get(trialId);
    if (known) return known;
    const row = (await db
      .selectFrom("trials")
      .select(["trial_id", "number", "state", "study_id", "datetime_start", "datetime_complete"])
      .where("trial_id", "=", trialId)
      .executeTakeFirst()) as (TrialRow & { study_id: number }) | undefined;
    if (!row) throw new TrialNotFoundError(trialId);
    if (isFinished(row.state)) throw new UpdateFinishedTrialError(row.number, row.state);
    memo?.set(trialId, row);
    return row;
  }

  /** Same rule as the in-memory storage: a name keeps the kind and choices of its first distribution. */
  private async checkParam(db: AnyKysely, studyId: number, name: string, d: Distribution): Promise<void> {
    let known = this.distributionCache.get(studyId);
    if (!known) {
      known = new Map();
      this.distributionCache.set(studyId, known);
    }
    let first = known.get(name);
    if (!first) {
      const row = await db
        .selectFrom("trial_params")
        .innerJoin("trials", "trials.trial_id", "trial_params.trial_id")
        .select("trial_params.distribution_json")
        .where("trials.study_id", "=", studyId)
        .where("trial_params.param_name", "=", name)
        .orderBy("trial_params.param_id")
        .limit(1)
        .executeTakeFirst();
      if (!row) return;
      first = jsonToDistribution(row.distribution_json as string);
      known.set(name, first);
    }
    checkDistributionCompatibility(name, first, d);
  }

  private async writeValues(trx: AnyKysely, trialId: number, values: readonly number[]): Promise<void> {
    if (!values.length) return;
    const rows = values.map((v, objective) => {
      const e = encodeValue(v);
      return { trial_id: trialId, objective, value: e.value, value_type: e.type };
    });
    await trx
      .insertInto("trial_values")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["trial_id", "objective"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          value_type: eb.ref("excluded.value_type"),
        })),
      )
      .execute();
  }

  private async insertTrialContents(trx: AnyKysely, trialId: number, t: FrozenTrial): Promise<void> {
    const params = Object.entries(t.distributions).map(([name, d]) => ({
      trial_id: trialId,
      param_name: name,
      param_value: d.toInternal(t.params[name]),
      distribution_json: distributionToJson(d),
    }));
    if (params.length) await trx.insertInto("trial_params").values(params).execute();
    if (t.values) await this.writeValues(trx, trialId, t.values);
    const iv = [...t.intermediateValues].map(([step, v]) => {
      const e = encodeIntermediate(v);
      return { trial_id: trialId, step, intermediate_value: e.value, intermediate_value_type: e.type };
    });
    if (iv.length) await trx.insertInto("trial_intermediate_values").values(iv).execute();
    for (const [table, attrs] of [
      ["trial_user_attributes", t.userAttrs],
      ["trial_system_attributes", t.systemAttrs],
    ] as const) {
      const rows = Object.entries(attrs).map(([key, v]) => ({
        trial_id: trialId,
        key,
        value_json: encodeJson(v),
      }));
      if (rows.length) await trx.insertInto(table).values(rows).execute();
    }
  }

  /** Reads whole trials (6 queries whatever their number), ordered by number. */
  private readTrials(db: AnyKysely, filter: (q: any) => any): Promise<FrozenTrial[]> {
    return this.readTrialsWhere(db, filter(db.selectFrom("trials").select("trials.trial_id")));
  }

  /**
   * Whole trials (ordered by number) whose ids the subquery `ids` selects, optionally only those
   * of `studyId`: one round trip, a UNION ALL over the trial rows and the five child tables,
   * split by `kind` below.
   */
  private async readTrialsWhere(db: AnyKysely, ids: unknown, studyId?: number): Promise<FrozenTrial[]> {
    const inIds = sql`(${ids as RawBuilder<unknown>})`;
    const { rows: all } = await sql<{
      kind: string;
      trial_id: number;
      k: string | null;
      num: number | null;
      txt: string | null;
      txt2: string | null;
      ord: number;
    }>`select 't' as kind, trial_id, cast(state as varchar(8)) as k, number as num,
          cast(datetime_start as varchar(32)) as txt, cast(datetime_complete as varchar(32)) as txt2, study_id as ord
        from trials where trial_id in ${inIds}
      union all select 'p', trial_id, param_name, param_value, distribution_json, null, param_id
        from trial_params where trial_id in ${inIds}
      union all select 'v', trial_id, null, value, cast(value_type as varchar(8)), null, objective
        from trial_values where trial_id in ${inIds}
      union all select 'i', trial_id, cast(step as varchar(16)), intermediate_value, cast(intermediate_value_type as varchar(8)), null, step
        from trial_intermediate_values where trial_id in ${inIds}
      union all select 'u', trial_id, key, null, value_json, null, trial_user_attribute_id
        from trial_user_attributes where trial_id in ${inIds}
      union all select 's', trial_id, key, null, value_json, null, trial_system_attribute_id
        from trial_system_attributes where trial_id in ${inIds}
      order by ord`.execute(db);
    const rows: TrialRow[] = [];
    const children: typeof all = [];
    for (const r of all) {
      if (r.kind !== "t") children.push(r);
      else if (studyId === undefined || Number(r.ord) === studyId)
        rows.push({
          trial_id: r.trial_id,
          number: Number(r.num),
          state: r.k as TrialState,
          datetime_start: r.txt,
          datetime_complete: r.txt2,
        });
    }
    rows.sort((a, b) => a.number - b.number);
    const params: any[] = [];
    const values: any[] = [];
    const ivs: any[] = [];
    const user: any[] = [];
    const system: any[] = [];
    for (const c of children) {
      if (c.kind === "p")
        params.push({ trial_id: c.trial_id, param_name: c.k, param_value: c.num, distribution_json: c.txt });
      else if (c.kind === "v") values.push({ trial_id: c.trial_id, value: c.num, value_type: c.txt });
      else if (c.kind === "i")
        ivs.push({
          trial_id: c.trial_id,
          step: Number(c.k),
          intermediate_value: c.num,
          intermediate_value_type: c.txt,
        });
      else (c.kind === "u" ? user : system).push({ trial_id: c.trial_id, key: c.k, value_json: c.txt });
    }
    interface Parts {
      params: Record<string, unknown>;
      distributions: Record<string, Distribution>;
      values: number[];
      iv: Map<number, number>;
      user: Record<string, JsonValue>;
      system: Record<string, JsonValue>;
    }
    const parts = new Map<number, Parts>();
    for (const r of rows)
      parts.set(Number(r.trial_id), {
        params: {},
        distributions: {},
        values: [],
        iv: new Map(),
        user: {},
        system: {},
      });
    const distCache = new Map<string, Distribution>();
    for (const p of params) {
      const x = parts.get(Number(p.trial_id));
      if (!x) continue;
      let d = distCache.get(p.distribution_json);
      if (!d) {
        d = jsonToDistribution(p.distribution_json);
        distCache.set(p.distribution_json, d);
      }
      x.distributions[p.param_name] = d;
      x.params[p.param_name] = d.toExternal(Number(p.param_value));
    }
    for (const v of values) parts.get(Number(v.trial_id))?.values.push(decodeValue(v.value, v.value_type));
    for (const v of ivs)
      parts
        .get(Number(v.trial_id))
        ?.iv.set(Number(v.step), decodeValue(v.intermediate_value, v.intermediate_value_type));
    for (const a of user) {
      const x = parts.get(Number(a.trial_id));
      if (x) x.user[a.key] = decodeJson(a.value_json);
    }
    for (const a of system) {
      const x = parts.get(Number(a.trial_id));
      if (x) x.system[a.key] = decodeJson(a.value_json);
    }
    return rows.map((r) => {
      const x = parts.get(Number(r.trial_id))!;
      return new FrozenTrial({
        trialId: Number(r.trial_id),
        number: Number(r.number),
        state: r.state,
        values: x.values.length ? x.values : null,
        datetimeStart: parseDatetime(r.datetime_start),
        datetimeComplete: parseDatetime(r.datetime_complete),
        params: x.params as FrozenTrial["params"],
        distributions: x.distributions,
        userAttrs: x.user,
        systemAttrs: x.system,
        intermediateValues: x.iv,
      });
    });
  }
}
