// biome-ignore-all lint/suspicious/noExplicitAny: rows of dynamically named tables are decoded field by field below
import { type CompiledQuery, sql } from "kysely";
import {
  type AnyKysely,
  migrateVersioned,
  openRetryingDatabase,
  type RetryingDatabase,
  type RetryingDatabaseOptions,
  type ScriptResult,
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
  StorageInternalError,
  StudyNotFoundError,
  TrialNotFoundError,
  UpdateFinishedTrialError,
} from "../../errors.js";
import { FrozenTrial, isFinished, type JsonValue, type TrialState } from "../../frozen-trial.js";
import type { StaleTrialCallback } from "../heartbeat.js";
import type { FrozenStudy, Storage, StorageOp, StudyDirection, SyncWork } from "../storage.js";
import { encodeIntermediate, encodeJson, encodeValue, formatDatetime, parseDatetime } from "./encoding.js";
import { cachedQuery } from "./query-cache.js";
import {
  decodeStudies,
  decodeTrials,
  idsIn,
  studiesQuery,
  type TrialRow,
  trialsQuery,
  trialsSinceQuery,
} from "./reads.js";
import { studySchemaPlan } from "./study-schema.js";
import {
  attrWrite,
  guardedUpserts,
  intermediateWrite,
  lastWriteWins,
  paramWrite,
  storedValue,
  type TrialRowWrite,
  valueWrites,
} from "./trial-writes.js";

/** Version written to `version_info.library_version` (Optuna shows it in messages only). */
const LIBRARY_VERSION = "tunelab-0.1.0";
/** How many trials finished by this storage it keeps to answer `getTrial` without a read. */
const FINISHED_KEPT = 1000;

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

/** What a batch collected: row writes, and the finishing state of their trial if it ends with one. */
interface Collected {
  writes: TrialRowWrite[];
  finish: { trialId: number; state: TrialState; values: readonly number[] | null } | null;
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
 * Cost per trial: the parameters an objective suggests and its result are stored together in
 * one script (one round trip and one commit on PostgreSQL) when the objective returns at once,
 * otherwise the parameters go first (each write is guarded by its trial being unfinished in the
 * same statement); {@link RDBStorage.batchThenCreateTrial} adds the creation of the next trial to
 * that script, else creating a trial is a script of its own. Trials this storage runs are
 * mirrored in memory as it writes them, so `getTrial` after finishing one needs no read.
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
  /**
   * Trials this storage created or took (RUNNING), as it has written them: their writes are
   * applied here too, so finishing one needs no read to return it. A trial's owner is the only
   * writer of its parameters and values; attributes another process sets on it meanwhile are
   * missed here (and seen by the next read of the study).
   */
  private readonly owned = new Map<number, { studyId: number; trial: FrozenTrial }>();
  /** The last trials this storage finished, as stored (finished trials never change). */
  private readonly finishedHere = new Map<number, { studyId: number; trial: FrozenTrial }>();
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
    for (const mirror of [this.owned, this.finishedHere])
      for (const [id, m] of mirror) if (m.studyId === studyId) mirror.delete(id);
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
    if (!template) return (await this.startNewTrial(studyId)).created;
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
    if (trial.state === "RUNNING") this.own(studyId, trial);
    return trial;
  }

  /**
   * Creates a RUNNING trial in one script (one round trip on PostgreSQL): see {@link newTrialQueries}.
   * The script starts with `reads`, whose results it returns (null without reads).
   */
  private async startNewTrial(
    studyId: number,
    reads: readonly CompiledQuery[] = [],
  ): Promise<{ created: FrozenTrial; read: ScriptResult[] | null }> {
    await this.failStaleTrials(studyId);
    const now = new Date();
    const results = await this.database.script([...reads, ...this.newTrialQueries(studyId, now)]);
    const trial = this.createdTrial(studyId, now, results[reads.length + 1]);
    if (!trial) throw new StudyNotFoundError(studyId, await this.studyNames());
    return { created: trial, read: reads.length ? results.slice(0, reads.length) : null };
  }

  /**
   * The statements that create a RUNNING trial started at `now`: lock the study's row, then
   * insert the trial numbered by counting the study's trials (a statement that starts after the
   * lock is granted, so it sees every earlier trial), and its first heartbeat. With `onlyIf`, the
   * trial and its heartbeat are inserted only when that trial has that state and completion time.
   */
  private newTrialQueries(
    studyId: number,
    now: Date,
    onlyIf?: { trialId: number; state: TrialState; at: string },
  ): CompiledQuery[] {
    const at = formatDatetime(now);
    const db = this.database.db;
    const forUpdate = this.database.adapter.forUpdateSql;
    // Only when the trial `onlyIf` names has that state and completion time (its finish was stored).
    const guardParams = onlyIf ? [onlyIf.trialId, onlyIf.state, onlyIf.at] : [];
    const guard = onlyIf
      ? sql` and exists (select 1 from trials where trial_id = ${onlyIf.trialId} and state = ${onlyIf.state}
        and datetime_complete = ${onlyIf.at})`
      : sql``;
    const queries = [
      cachedQuery(db, `lock|${forUpdate}`, [studyId], () =>
        sql`select study_id from studies where study_id = ${studyId}${sql.raw(forUpdate)}`.compile(db),
      ),
      cachedQuery(
        db,
        `create|${onlyIf !== undefined}`,
        [studyId, "RUNNING", at, studyId, ...guardParams],
        () =>
          sql`insert into trials (number, study_id, state, datetime_start, datetime_complete)
        select (select count(*) from trials where study_id = ${studyId}), study_id, ${"RUNNING"}, ${at}, null
        from studies where study_id = ${studyId}${guard} returning trial_id, number`.compile(db),
      ),
    ];
    if (this.heartbeatMs !== null)
      queries.push(
        cachedQuery(db, `beat|${onlyIf !== undefined}`, [at, studyId, ...guardParams], () =>
          sql`insert into trial_heartbeats (trial_id, heartbeat)
          select max(trial_id), ${at} from trials where study_id = ${studyId}${guard} having count(*) > 0`.compile(
            db,
          ),
        ),
      );
    return queries;
  }

  /** The trial the insert of {@link newTrialQueries} returned (now owned here), or null when it inserted none. */
  private createdTrial(studyId: number, now: Date, inserted: ScriptResult): FrozenTrial | null {
    const created = inserted.rows[0];
    if (!created) return null;
    const trial = new FrozenTrial({
      trialId: Number(created.trial_id),
      number: Number(created.number),
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
    this.own(studyId, trial);
    return trial;
  }

  /** Starts mirroring (and, when heartbeats are on, beating for) a trial this storage runs. */
  private own(studyId: number, trial: FrozenTrial): void {
    this.owned.set(trial.trialId, { studyId, trial });
    this.startBeating(trial.trialId);
  }

  async setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void> {
    await this.writeTrialRows([await this.checkedParamWrite(trialId, name, internalValue, distribution)]);
  }

  /** The write of a parameter, after checking it against the study's first distribution of that name. */
  private async checkedParamWrite(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<TrialRowWrite> {
    const studyId =
      this.owned.get(trialId)?.studyId ?? Number((await this.requireUpdatable(trialId)).study_id);
    await this.checkParam(this.database.db, studyId, name, distribution);
    return paramWrite(trialId, name, internalValue, distribution);
  }

  /**
   * Writes rows of running trials in one script (one round trip and one commit on PostgreSQL),
   * each guarded by its trial being unfinished (see {@link guardedUpserts}), and applies them to
   * the copies of owned trials. Throws, as the writes one by one would, when a trial is unknown
   * or finished. The script ends with `reads`, whose results it returns (null without reads).
   */
  private async writeTrialRows(
    writes: readonly TrialRowWrite[],
    reads: readonly CompiledQuery[] = [],
  ): Promise<ScriptResult[] | null> {
    const unique = lastWriteWins(writes);
    if (!unique.length) return reads.length ? this.database.script(reads) : null;
    const db = this.database.db;
    const forUpdate = this.database.adapter.forUpdateSql;
    const statements = guardedUpserts(db, forUpdate, unique);
    let results: ScriptResult[];
    try {
      results = await this.database.script([...statements.map((x) => x.query), ...reads]);
    } catch (e) {
      for (const w of unique) this.owned.delete(w.trialId); // stored or not: read it next time
      throw e;
    }
    const refused = statements.find((x, i) => results[i].changed !== x.writes.length)?.writes[0];
    if (refused) {
      for (const w of unique) this.owned.delete(w.trialId);
      await this.requireUpdatable(refused.trialId); // throws: unknown or finished
      throw new StorageInternalError(`trial ${refused.trialId}: write to ${refused.table} changed no row`);
    }
    for (const w of writes) {
      const o = this.owned.get(w.trialId);
      if (o) o.trial = w.apply(o.trial);
    }
    return reads.length ? results.slice(statements.length) : null;
  }

  async setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[] | null,
  ): Promise<boolean> {
    if (state !== "RUNNING") {
      await this.finishTrial(trialId, state, values ?? null);
      return true;
    }
    if (this.heartbeatMs !== null) {
      const row = await this.database.read((db) =>
        db.selectFrom("trials").select("study_id").where("trial_id", "=", trialId).executeTakeFirst(),
      );
      if (row) await this.failStaleTrials(Number(row.study_id));
    }
    const now = new Date();
    const taken = await this.database.transaction(async (trx) => {
      const current = await this.requireUpdatable(trialId, trx);
      if (current.state === "RUNNING") return null;
      // Conditional: of several workers claiming one WAITING trial, exactly one updates a row.
      const r = await trx
        .updateTable("trials")
        .set({ state, datetime_start: formatDatetime(now) })
        .where("trial_id", "=", trialId)
        .where("state", "=", current.state)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return null;
      if (this.heartbeatMs !== null) await this.writeHeartbeat(trx, trialId, now);
      const [trial] = await this.readTrials(trx, (q) => q.where("trials.trial_id", "=", trialId));
      return { studyId: Number(current.study_id), trial };
    });
    if (!taken) return false;
    this.own(taken.studyId, taken.trial);
    return true;
  }

  /**
   * Finishes (or sets WAITING) a trial in one script: the pending `writes` of the trial and its
   * values, each inserted only while the trial is unfinished (and locked), then the conditional
   * state update. When the update changes nothing, the trial was unknown or finished, unless
   * this finish was retried and an earlier attempt committed before its answer was lost (a
   * dropped connection): the exact completion time identifies that commit, and then the finish
   * counts as done.
   *
   * With `createIn`, the script goes on to create a RUNNING trial in that study (see
   * {@link newTrialQueries}), inserted only when the trial now has this finish's state and
   * completion time, so a finish that fails creates nothing. Returns that trial (null when
   * none was created, or without `createIn`).
   *
   * `reads` go between the finish and the creation (they see the finish; the study's row lock
   * is not held while they run); their results are returned, or null when the script was
   * retried (the retry runs the finish alone) or there are none.
   */
  private async finishTrial(
    trialId: number,
    state: TrialState,
    values: readonly number[] | null,
    writes: readonly TrialRowWrite[] = [],
    createIn?: number,
    reads: readonly CompiledQuery[] = [],
  ): Promise<{ created: FrozenTrial | null; read: ScriptResult[] | null }> {
    if (createIn !== undefined) await this.failStaleTrials(createIn);
    const now = new Date();
    const at = isFinished(state) ? formatDatetime(now) : null;
    const db = this.database.db;
    const forUpdate = this.database.adapter.forUpdateSql;
    const rows = [...lastWriteWins(writes), ...(values ? valueWrites(trialId, values) : [])];
    const queries = guardedUpserts(db, forUpdate, rows).map((x) => x.query);
    queries.push(
      cachedQuery(db, "finish", [state, at, trialId], () =>
        sql`update trials set state = ${state}, datetime_complete = ${at}
        where trial_id = ${trialId} and state in ('RUNNING', 'WAITING')`.compile(db),
      ),
    );
    const update = queries.length - 1;
    queries.push(...reads);
    if (createIn !== undefined) {
      if (at === null)
        throw new InvalidArgumentError(`a trial can only be created after a finish, not ${state}`);
      queries.push(...this.newTrialQueries(createIn, now, { trialId, state, at }));
    }
    const mine = this.owned.get(trialId);
    this.owned.delete(trialId);
    let retried = false;
    const results = await this.database.script(queries, {
      onRetry: () => {
        retried = true;
        // An attempt whose answer was lost may have committed: retry the finish alone, so that
        // no second trial is created (the first one is found below when that attempt committed).
        queries.splice(update + 1);
      },
    });
    if (isFinished(state)) this.stopBeating(trialId);
    let committedEarlier = false;
    if (results[update].changed !== 1) {
      const row = await this.database.read((d) =>
        d
          .selectFrom("trials")
          .select(["state", sql<string>`cast(datetime_complete as varchar(32))`.as("at")])
          .where("trial_id", "=", trialId)
          .executeTakeFirst(),
      );
      const ours =
        retried && at !== null && row?.state === state && parseDatetime(row.at)?.getTime() === now.getTime();
      if (!ours) {
        await this.requireUpdatable(trialId); // throws: unknown or finished
        throw new StorageInternalError(`trial ${trialId}: the state update changed no row`);
      }
      committedEarlier = true;
    }
    if (mine && isFinished(state)) {
      let written = mine.trial;
      for (const w of writes) written = w.apply(written);
      const trial = written.with({
        state,
        values: values?.length ? values.map(storedValue) : null,
        datetimeComplete: now,
      });
      this.finishedHere.set(trialId, { studyId: mine.studyId, trial });
      if (this.finishedHere.size > FINISHED_KEPT)
        this.finishedHere.delete(this.finishedHere.keys().next().value as number);
    }
    const read = retried || !reads.length ? null : results.slice(update + 1, update + 1 + reads.length);
    let created: FrozenTrial | null = null;
    if (createIn !== undefined && !retried)
      created = this.createdTrial(createIn, now, results[update + reads.length + 2]);
    else if (createIn !== undefined && committedEarlier)
      created = await this.createdEarlier(createIn, trialId, now);
    return { created, read };
  }

  /**
   * The trial created by the committed attempt of a finish-and-create script whose answer was
   * lost: on PostgreSQL, the RUNNING trial of the study written by the same transaction as the
   * finished trial's row (same `xmin`). SQLite never retries a committed script. Null when none.
   */
  private async createdEarlier(studyId: number, finishedId: number, now: Date): Promise<FrozenTrial | null> {
    if (this.database.adapter.name !== "postgresql") return null;
    const { rows } = await this.database.read((db) =>
      sql<{ trial_id: number; number: number }>`select trial_id, number from trials
        where study_id = ${studyId} and state = 'RUNNING'
        and xmin = (select xmin from trials where trial_id = ${finishedId})`.execute(db),
    );
    return rows.length === 1 ? this.createdTrial(studyId, now, { rows, changed: 1 }) : null;
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    await this.writeTrialRows([intermediateWrite(trialId, step, value)]);
  }

  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.setTrialAttr("user", trialId, key, value);
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.setTrialAttr("system", trialId, key, value);
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const mine = this.finishedHere.get(trialId);
    if (mine) return mine.trial;
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
    return this.database.read(async (db) =>
      decodeTrials((await db.executeQuery(trialsSinceQuery(db, afterTrialId, trialIds))).rows, studyId),
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

  private readStudies(studyId: number | null): Promise<FrozenStudy[]> {
    return this.database.read(async (db) =>
      decodeStudies((await db.executeQuery(studiesQuery(db, studyId))).rows),
    );
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

  private async setTrialAttr(
    kind: "user" | "system",
    trialId: number,
    key: string,
    value: JsonValue,
  ): Promise<void> {
    await this.writeTrialRows([attrWrite(trialId, kind, key, value)]);
  }

  /**
   * Runs `ops` (parameter, intermediate-value and attribute writes of running trials, possibly
   * ending with the state that finishes their trial) as one script: one round trip and one
   * commit instead of one each. Called by `Trial` when several of its writes are queued. When
   * one fails, the ops run again one by one (the writes are upserts, so repeating them changes
   * nothing), so each succeeds or fails as it would alone.
   */
  async batch(ops: readonly StorageOp[]): Promise<void> {
    await this.runCollected(ops);
  }

  /**
   * {@link batch}, ending with the finish of a trial, and the creation of the next trial of
   * `studyId` in the same script: one round trip and one commit on PostgreSQL. When the ops
   * cannot be collected, or the script fails, they run one by one as in `batch` and no trial is
   * created (null).
   */
  async batchThenCreateTrial(ops: readonly StorageOp[], studyId: number): Promise<FrozenTrial | null> {
    return (await this.runCollected(ops, studyId)).created;
  }

  /**
   * For {@link CachedStorage}: `work` as `Storage.writeThenSync` does it, then what
   * {@link readTrialsSince} and {@link getStudy} return after it. On PostgreSQL the reads travel
   * in the write script (one round trip); on SQLite they follow it (a script holds the write
   * lock, which they need not). `read` is null when the writes were stored but the reads failed
   * or found no study.
   */
  async writeThenReadSince(
    studyId: number,
    afterTrialId: number,
    trialIds: readonly number[],
    work: SyncWork = {},
  ): Promise<{ trial: FrozenTrial | null; read: { trials: FrozenTrial[]; study: FrozenStudy } | null }> {
    const db = this.database.db;
    const reads = [trialsSinceQuery(db, afterTrialId, trialIds), studiesQuery(db, studyId)];
    const carried = this.database.adapter.name === "postgresql" ? reads : [];
    const ops = work.ops ?? [];
    let done: { created: FrozenTrial | null; read: ScriptResult[] | null };
    if (ops.length) done = await this.runCollected(ops, work.createTrial ? studyId : undefined, carried);
    else if (work.createTrial) done = await this.startNewTrial(studyId, carried);
    else done = { created: null, read: null };
    const trial = done.created;
    let rows = done.read?.map((r) => r.rows);
    if (!rows) {
      try {
        // SQLite, a refresh alone, or a script that could not carry the reads (retried, or ops run one by one).
        rows = carried.length
          ? (await this.database.script(reads)).map((r) => r.rows)
          : await this.database.read((d) =>
              Promise.all(reads.map(async (q) => (await d.executeQuery(q)).rows)),
            );
      } catch (e) {
        if (!ops.length && !work.createTrial) throw e; // nothing written: a failed refresh
        return { trial, read: null };
      }
    }
    const [study] = decodeStudies(rows[1]);
    return { trial, read: study ? { trials: decodeTrials(rows[0], studyId), study } : null };
  }

  /**
   * The ops collected into one script (see {@link batch}), followed, when they end with a finish
   * that is stored, by the creation of a trial in `createIn`, and by `reads`, whose results are
   * returned (see {@link finishTrial}). When the ops cannot be collected (or, with `createIn`, do
   * not end with a finish), or the script fails, they run one by one: nothing is created or read.
   */
  private async runCollected(
    ops: readonly StorageOp[],
    createIn?: number,
    reads: readonly CompiledQuery[] = [],
  ): Promise<{ created: FrozenTrial | null; read: ScriptResult[] | null }> {
    try {
      const collected: Collected = { writes: [], finish: null };
      const view = this.collector(collected);
      for (const op of ops) await op(view);
      const { writes, finish } = collected;
      if (finish && (createIn === undefined || isFinished(finish.state)))
        return await this.finishTrial(finish.trialId, finish.state, finish.values, writes, createIn, reads);
      if (!finish && createIn === undefined)
        return { created: null, read: await this.writeTrialRows(writes, reads) };
    } catch {
      // run one by one below: each op then succeeds or fails as it would alone
    }
    for (const op of ops) await op(this);
    return { created: null, read: null };
  }

  /**
   * A Storage that collects trial writes into `collected`, and a last `setTrialStateValues`
   * that finishes the trial they write to; anything else is refused (the batch then runs its
   * ops one by one).
   */
  private collector(collected: Collected): Storage {
    const refuse = (): never => {
      throw new InvalidArgumentError(
        "only trial parameter, intermediate-value and attribute writes, and a last finishing state, can be batched",
      );
    };
    const writes = collected.writes;
    const more = () => {
      if (collected.finish) refuse();
    };
    return {
      setTrialParam: async (id, name, internal, d) => {
        more();
        writes.push(await this.checkedParamWrite(id, name, internal, d));
      },
      setTrialIntermediateValue: async (id, step, v) => {
        more();
        writes.push(intermediateWrite(id, step, v));
      },
      setTrialUserAttr: async (id, k, v) => {
        more();
        writes.push(attrWrite(id, "user", k, v));
      },
      setTrialSystemAttr: async (id, k, v) => {
        more();
        writes.push(attrWrite(id, "system", k, v));
      },
      setTrialStateValues: async (id, state, values) => {
        more();
        if (state === "RUNNING" || writes.some((w) => w.trialId !== id)) refuse();
        collected.finish = { trialId: id, state, values: values ?? null };
        return true;
      },
      createNewStudy: refuse,
      deleteStudy: refuse,
      setStudyUserAttr: refuse,
      setStudySystemAttr: refuse,
      getStudyIdFromName: refuse,
      getStudy: refuse,
      getAllStudies: refuse,
      createNewTrial: refuse,
      getTrial: refuse,
      getAllTrials: refuse,
    };
  }

  /** The trial's row; throws when it is unknown or finished. */
  private async requireUpdatable(
    trialId: number,
    db: AnyKysely = this.database.db,
  ): Promise<TrialRow & { study_id: number }> {
    const row = (await db
      .selectFrom("trials")
      .select(["trial_id", "number", "state", "study_id", "datetime_start", "datetime_complete"])
      .where("trial_id", "=", trialId)
      .executeTakeFirst()) as (TrialRow & { study_id: number }) | undefined;
    if (!row) throw new TrialNotFoundError(trialId);
    if (isFinished(row.state)) throw new UpdateFinishedTrialError(row.number, row.state);
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

  /** Reads whole trials (one statement whatever their number), ordered by number. */
  private async readTrials(db: AnyKysely, filter: (q: any) => any): Promise<FrozenTrial[]> {
    const ids = filter(db.selectFrom("trials").select("trials.trial_id"));
    return decodeTrials((await db.executeQuery(trialsQuery(db, idsIn(ids)))).rows);
  }
}
