import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type CompiledQuery, type Kysely, sql } from "kysely";
import {
  type DatabaseLocation,
  migrateToLatest,
  type OpenDatabase,
  type OpenDatabaseOptions,
  openDatabase,
  parseJsonValue,
  type SqlExecutor,
  SqliteExecutor,
} from "../../../db/index.js";
import {
  type DatasetInput,
  type Experiment,
  type ExperimentTag,
  type LifecycleStage,
  type Metric,
  type PagedList,
  type Param,
  RUN_STATUSES,
  type Run,
  type RunInfo,
  type RunInputs,
  type RunStatus,
  type RunTag,
  SYSTEM_TAGS,
  TERMINAL_RUN_STATUSES,
  VIEW_TYPES,
  type ViewType,
} from "../../entities.js";
import {
  InvalidParameterValueError,
  InvalidStateError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
} from "../../errors.js";
import {
  decodePageToken,
  EXPERIMENT_SEARCH_SCHEMA,
  encodePageToken,
  parseFilter,
  parseOrderBy,
  RUN_SEARCH_SCHEMA,
} from "../../search/index.js";
import {
  normalizeExperimentTag,
  normalizeParam,
  normalizeTag,
  TRACKING_LIMITS,
  validateBatchLimits,
  validateDatasetInputs,
  validateExperimentName,
  validateMaxResults,
  validateMetric,
  validateRunId,
} from "../../validation.js";
import { randomRunName } from "../run-names.js";
import {
  type CreateRunOptions,
  type ImportedRun,
  type LogBatchInput,
  type LogInputsInput,
  type MetricHistoryOptions,
  type SearchExperimentsOptions,
  type SearchRunsOptions,
  TrackingStoreBase,
  type UpdateRunOptions,
} from "../store.js";
import {
  buildExperimentSearch,
  buildRunSearch,
  type ExperimentRow,
  type RunRow,
  runRowFromArray,
} from "./run-search-sql.js";
import { TRACKING_MIGRATION_TABLE, TRACKING_MIGRATIONS, type TrackingTables } from "./tracking-tables.js";

/** Options of {@link SqlTrackingStore.open}. */
export interface SqlTrackingStoreOptions extends OpenDatabaseOptions {
  /**
   * Folder under which new experiments put their artifacts (`<root>/<experimentId>`).
   * Default: `./mlartifacts` (resolved against the working directory).
   */
  artifactRoot?: string;
}

/** The latest of two metric values: greater (step, timestamp), then a number beats NaN, then greater value. */
export function isNewerMetric(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  if (Number.isNaN(a.value)) return false;
  if (Number.isNaN(b.value)) return true;
  return a.value > b.value;
}

const metricRow = (runId: string, m: Metric) => ({
  run_uuid: runId,
  key: m.key,
  value: Number.isNaN(m.value) ? 0 : m.value,
  is_nan: Number.isNaN(m.value) ? 1 : 0,
  timestamp: m.timestamp,
  step: m.step,
});

/** A double read back from the dialect's JSON: null is NaN, "Infinity" strings are numbers. */
function jsonDouble(v: number | string | null): number {
  return typeof v === "number" ? v : v === null ? Number.NaN : Number(v);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "23505" || /UNIQUE constraint failed/i.test(e?.message ?? "");
}

/** A run id as stored: a valid id, else RESOURCE_DOES_NOT_EXIST. */
function experimentIdNumber(experimentId: string): number {
  const s = String(experimentId);
  if (!/^\d{1,15}$/.test(s)) throw new ResourceDoesNotExistError(`Could not find experiment with ID ${s}`);
  return Number(s);
}

/**
 * The tracking store on SQL: a SQLite file or PostgreSQL, through kysely (see
 * `tracking-tables.ts` for the schema). Safe for many processes at once: every write is one
 * transaction; SQLite serialises writers with a busy timeout, PostgreSQL with row-level upserts.
 *
 * @example
 * const store = await SqlTrackingStore.open("sqlite:///mlruns/tunelab.db", { artifactRoot: "mlruns/artifacts" });
 * const experimentId = await store.createExperiment("house-prices");
 */
export class SqlTrackingStore extends TrackingStoreBase {
  private readonly db: Kysely<TrackingTables>;
  private readonly x: SqlExecutor;
  /** Absolute folder for new experiments' artifacts. */
  readonly artifactRoot: string;

  private constructor(
    private readonly database: OpenDatabase<TrackingTables>,
    artifactRoot: string,
  ) {
    super();
    this.db = database.db;
    this.x = database.executor;
    this.artifactRoot = artifactRoot;
  }

  /** Opens (and migrates, and adds the Default experiment to) a tracking database. */
  static async open(
    uri: string | DatabaseLocation,
    options: SqlTrackingStoreOptions = {},
  ): Promise<SqlTrackingStore> {
    const { artifactRoot = "mlartifacts", ...dbOptions } = options;
    const database = await openDatabase<TrackingTables>(uri, dbOptions);
    try {
      await migrateToLatest(database as OpenDatabase<unknown>, TRACKING_MIGRATION_TABLE, TRACKING_MIGRATIONS);
      const store = new SqlTrackingStore(database, resolve(artifactRoot));
      await store.ensureDefaultExperiment();
      return store;
    } catch (err) {
      await database.close();
      throw err;
    }
  }

  private locationFor(experimentId: number): string {
    return pathToFileURL(resolve(this.artifactRoot, String(experimentId))).href;
  }

  private async ensureDefaultExperiment(): Promise<void> {
    const now = Date.now();
    await this.x.run(
      this.db
        .insertInto("experiments")
        .values({
          experiment_id: 0,
          name: "Default",
          artifact_location: this.locationFor(0),
          lifecycle_stage: "active",
          creation_time: now,
          last_update_time: now,
        })
        .onConflict((oc) => oc.doNothing()),
    );
  }

  override async close(): Promise<void> {
    await this.database.close();
  }

  // ---------------------------------------------------------------- experiments

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: readonly ExperimentTag[] } = {},
  ): Promise<string> {
    validateExperimentName(name);
    const tags = (options.tags ?? []).map(normalizeExperimentTag);
    const location = options.artifactLocation;
    if (location !== undefined) {
      if (typeof location !== "string" || location.startsWith("runs:") || /[#?]/.test(location))
        throw new InvalidParameterValueError(
          `Invalid artifact location ${JSON.stringify(location)}: it must be a path or URI without query, fragment or 'runs:' scheme`,
        );
      if (location.length > 2048)
        throw new InvalidParameterValueError("Invalid artifact location: longer than 2048 characters");
    }
    try {
      return await this.x.write(async (tx) => {
        const existing = await tx.first(
          this.db.selectFrom("experiments").select(["lifecycle_stage"]).where("name", "=", name),
        );
        if (existing) throw this.alreadyExists(name, existing.lifecycle_stage);
        const now = Date.now();
        const row = await tx.first(
          this.db
            .insertInto("experiments")
            .values({
              name,
              artifact_location: location ?? "",
              lifecycle_stage: "active",
              creation_time: now,
              last_update_time: now,
            } as TrackingTables["experiments"])
            .returning("experiment_id"),
        );
        const id = row!.experiment_id;
        if (location === undefined)
          await tx.run(
            this.db
              .updateTable("experiments")
              .set({ artifact_location: this.locationFor(id) })
              .where("experiment_id", "=", id),
          );
        if (tags.length)
          await tx.run(
            this.db
              .insertInto("experiment_tags")
              .values(tags.map((t) => ({ experiment_id: id, key: t.key, value: t.value })))
              .onConflict((oc) =>
                oc
                  .columns(["experiment_id", "key"])
                  .doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })),
              ),
          );
        return String(id);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw this.alreadyExists(name, "active");
      throw err;
    }
  }

  private alreadyExists(name: string, stage: string): ResourceAlreadyExistsError {
    return new ResourceAlreadyExistsError(
      stage === "deleted"
        ? `Experiment '${name}' already exists in deleted state. You can restore the experiment, or permanently delete it to reuse the name.`
        : `Experiment '${name}' already exists.`,
    );
  }

  private async experimentRow(tx: SqlExecutor, experimentId: string): Promise<ExperimentRow> {
    const row = await tx.first(
      this.db
        .selectFrom("experiments")
        .selectAll()
        .where("experiment_id", "=", experimentIdNumber(experimentId)),
    );
    if (!row) throw new ResourceDoesNotExistError(`Could not find experiment with ID ${experimentId}`);
    return row;
  }

  private async toExperiments(tx: SqlExecutor, rows: readonly ExperimentRow[]): Promise<Experiment[]> {
    if (!rows.length) return [];
    const tags = await tx.all(
      this.db
        .selectFrom("experiment_tags")
        .select(["experiment_id", "key", "value"])
        .where(
          "experiment_id",
          "in",
          rows.map((r) => r.experiment_id),
        ),
    );
    const byId = new Map<number, Record<string, string>>();
    for (const t of tags) {
      let m = byId.get(t.experiment_id);
      if (!m) {
        m = {};
        byId.set(t.experiment_id, m);
      }
      m[t.key] = t.value;
    }
    return rows.map((r) => ({
      experimentId: String(r.experiment_id),
      name: r.name,
      artifactLocation: r.artifact_location,
      lifecycleStage: r.lifecycle_stage as LifecycleStage,
      tags: byId.get(r.experiment_id) ?? {},
      creationTime: r.creation_time,
      lastUpdateTime: r.last_update_time,
    }));
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    return this.x.read(
      async (tx) => (await this.toExperiments(tx, [await this.experimentRow(tx, experimentId)]))[0]!,
    );
  }

  async getExperimentByName(name: string): Promise<Experiment | null> {
    return this.x.read(async (tx) => {
      const row = await tx.first(this.db.selectFrom("experiments").selectAll().where("name", "=", name));
      return row ? (await this.toExperiments(tx, [row]))[0]! : null;
    });
  }

  async searchExperiments(options: SearchExperimentsOptions = {}): Promise<PagedList<Experiment>> {
    const {
      viewType = "ACTIVE_ONLY",
      maxResults = TRACKING_LIMITS.defaultSearchExperimentsMaxResults,
      filter,
      orderBy,
      pageToken,
    } = options;
    checkViewType(viewType);
    validateMaxResults(maxResults);
    const ast = parseFilter(filter, EXPERIMENT_SEARCH_SCHEMA);
    const order = parseOrderBy(orderBy, EXPERIMENT_SEARCH_SCHEMA);
    const offset = decodePageToken(pageToken);
    const query = buildExperimentSearch({
      view: viewType,
      filter: ast,
      orderBy: order,
      limit: maxResults + 1,
      offset,
      dialect: this.database.dialect,
    }).compile(this.db);
    return this.x.read(async (tx) => {
      const rows = await tx.all(query);
      const page = rows.slice(0, maxResults);
      const items = await this.toExperiments(tx, page);
      return rows.length > maxResults
        ? { items, nextPageToken: encodePageToken(offset + maxResults) }
        : { items };
    });
  }

  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    validateExperimentName(newName);
    try {
      await this.x.write(async (tx) => {
        const row = await this.experimentRow(tx, experimentId);
        if (row.lifecycle_stage !== "active")
          throw new InvalidParameterValueError(`Cannot rename a non-active experiment ${experimentId}.`);
        if (row.name === newName) return;
        const clash = await tx.first(
          this.db.selectFrom("experiments").select(["lifecycle_stage"]).where("name", "=", newName),
        );
        if (clash) throw this.alreadyExists(newName, clash.lifecycle_stage);
        await tx.run(
          this.db
            .updateTable("experiments")
            .set({ name: newName, last_update_time: Date.now() })
            .where("experiment_id", "=", row.experiment_id),
        );
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw this.alreadyExists(newName, "active");
      throw err;
    }
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    await this.x.write(async (tx) => {
      const row = await this.experimentRow(tx, experimentId);
      if (row.lifecycle_stage === "deleted") return;
      // A deletion time no earlier-deleted run shares, so restore brings back exactly these runs.
      const latest = await tx.first(
        this.db
          .selectFrom("runs")
          .select((eb) => eb.fn.max("deleted_time").as("t"))
          .where("experiment_id", "=", row.experiment_id),
      );
      const now = Math.max(Date.now(), Number(latest?.t ?? 0) + 1);
      await tx.run(
        this.db
          .updateTable("experiments")
          .set({ lifecycle_stage: "deleted", last_update_time: now })
          .where("experiment_id", "=", row.experiment_id),
      );
      // deleted_time = the experiment's deletion time marks the runs restoreExperiment brings back.
      await tx.run(
        this.db
          .updateTable("runs")
          .set({ lifecycle_stage: "deleted", deleted_time: now })
          .where("experiment_id", "=", row.experiment_id)
          .where("lifecycle_stage", "=", "active"),
      );
    });
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.x.write(async (tx) => {
      const row = await this.experimentRow(tx, experimentId);
      if (row.lifecycle_stage !== "deleted")
        throw new InvalidParameterValueError(
          `Cannot restore an active experiment. Experiment ${experimentId} is in the '${row.lifecycle_stage}' state.`,
        );
      await tx.run(
        this.db
          .updateTable("runs")
          .set({ lifecycle_stage: "active", deleted_time: null })
          .where("experiment_id", "=", row.experiment_id)
          .where("lifecycle_stage", "=", "deleted")
          .where("deleted_time", "=", row.last_update_time),
      );
      await tx.run(
        this.db
          .updateTable("experiments")
          .set({ lifecycle_stage: "active", last_update_time: Date.now() })
          .where("experiment_id", "=", row.experiment_id),
      );
    });
  }

  private async activeExperiment(tx: SqlExecutor, experimentId: string): Promise<ExperimentRow> {
    const row = await this.experimentRow(tx, experimentId);
    if (row.lifecycle_stage !== "active")
      throw new InvalidParameterValueError(
        `The experiment ${experimentId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`,
      );
    return row;
  }

  async setExperimentTag(experimentId: string, tag: ExperimentTag): Promise<void> {
    const t = normalizeExperimentTag(tag);
    await this.x.write(async (tx) => {
      const row = await this.activeExperiment(tx, experimentId);
      await tx.run(
        this.db
          .insertInto("experiment_tags")
          .values({ experiment_id: row.experiment_id, key: t.key, value: t.value })
          .onConflict((oc) => oc.columns(["experiment_id", "key"]).doUpdateSet({ value: t.value })),
      );
    });
  }

  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    await this.x.write(async (tx) => {
      const row = await this.activeExperiment(tx, experimentId);
      const n = await tx.run(
        this.db
          .deleteFrom("experiment_tags")
          .where("experiment_id", "=", row.experiment_id)
          .where("key", "=", key),
      );
      if (n === 0)
        throw new ResourceDoesNotExistError(`No tag with name: ${key} in experiment with id ${experimentId}`);
    });
  }

  // ---------------------------------------------------------------- runs

  async createRun(options: CreateRunOptions): Promise<Run> {
    const { experimentId, userId = "", startTime = Date.now(), runName } = options;
    if (experimentId === undefined || experimentId === null || String(experimentId) === "")
      throw new InvalidParameterValueError("Invalid experiment ID: ''");
    if (!Number.isSafeInteger(startTime) || startTime < 0)
      throw new InvalidParameterValueError(`Invalid value ${startTime} for parameter 'start_time' supplied.`);
    const tags = new Map<string, string>();
    for (const t of options.tags ?? []) {
      const n = normalizeTag(t);
      tags.set(n.key, n.value);
    }
    const tagName = tags.get(SYSTEM_TAGS.runName);
    if (runName !== undefined && tagName !== undefined && runName !== tagName)
      throw new InvalidParameterValueError(
        `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${runName}', mlflow.runName='${tagName}').`,
      );
    const name = runName ?? tagName ?? randomRunName();
    tags.set(SYSTEM_TAGS.runName, name);
    const runId = randomUUID().replace(/-/g, "");
    return this.x.write(async (tx) => {
      const exp = await this.experimentRow(tx, String(experimentId));
      if (exp.lifecycle_stage !== "active")
        throw new InvalidStateError(
          `The experiment ${experimentId} must be in the 'active' state to create runs. Current state is ${exp.lifecycle_stage}.`,
        );
      const row: RunRow = {
        run_uuid: runId,
        name,
        user_id: userId,
        status: "RUNNING",
        start_time: startTime,
        end_time: null,
        lifecycle_stage: "active",
        artifact_uri: `${exp.artifact_location.replace(/\/+$/, "")}/${runId}/artifacts`,
        experiment_id: exp.experiment_id,
      };
      await tx.run(this.db.insertInto("runs").values({ ...row, deleted_time: null }));
      await tx.run(
        this.db.insertInto("tags").values([...tags].map(([key, value]) => ({ run_uuid: runId, key, value }))),
      );
      return { info: toRunInfo(row), data: { metrics: [], params: {}, tags: Object.fromEntries(tags) } };
    });
  }

  /** The compiled run-row lookup (with `runId` bound when given). */
  private runRowQuery(runId?: string): CompiledQuery<RunRow & { deleted_time: number | null }> {
    return this.hot(
      "runRow",
      () => this.db.selectFrom("runs").selectAll().where("run_uuid", "=", "").compile(),
      runId === undefined ? undefined : [runId],
    );
  }

  private async runRow(tx: SqlExecutor, runId: string): Promise<RunRow & { deleted_time: number | null }> {
    validateRunId(runId);
    const row = await tx.first(this.runRowQuery(runId));
    if (!row) throw new ResourceDoesNotExistError(`Run '${runId}' not found`);
    return row;
  }

  private async activeRun(tx: SqlExecutor, runId: string): Promise<RunRow> {
    return checkActive(runId, await this.runRow(tx, runId));
  }

  private readonly hotQueries = new Map<string, CompiledQuery<unknown>>();
  /**
   * A query of a measured hot path (every write reads its run; logging inserts metrics), built
   * and compiled by kysely once: building it per call cost more than running it (measured). The
   * result has `parameters` in place of the ones it was compiled with.
   */
  private hot<O>(
    name: string,
    build: () => CompiledQuery<O>,
    parameters?: readonly unknown[],
  ): CompiledQuery<O> {
    let q = this.hotQueries.get(name) as CompiledQuery<O> | undefined;
    if (!q) {
      q = build();
      this.hotQueries.set(name, q as CompiledQuery<unknown>);
    }
    return parameters ? { ...q, parameters } : q;
  }

  /** `column IN (values)` as one bound parameter (see SqlDialect.inList). */
  private inListOf(column: string, values: readonly string[]) {
    return this.database.dialect.inList(sql.ref(column), values);
  }

  private async toRuns(tx: SqlExecutor, rows: readonly RunRow[]): Promise<Run[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.run_uuid);
    const data = new Map<
      string,
      { metrics: Metric[]; params: Record<string, string>; tags: Record<string, string> }
    >();
    for (const id of ids) data.set(id, { metrics: [], params: {}, tags: {} });
    const { json, binaryOrder } = this.database.dialect;
    // One JSON text for all the runs of a chunk, [id, metrics, params, tags] per run: one query
    // and one parse instead of a query per table and a parse per run and table (28% less time
    // for 1,000 runs, measured). Chunks keep the bound-parameter count far below every driver's limit.
    const metricJson = json.arrayAgg(
      json.array([
        sql.ref("m.key"),
        sql`CASE WHEN m.is_nan = 1 THEN NULL ELSE m.value END`,
        sql.ref("m.timestamp"),
        sql.ref("m.step"),
      ]),
      binaryOrder(sql.ref("m.key")),
    );
    const kvJson = (table: "params" | "tags") =>
      sql`(SELECT ${json.objectAgg(sql.ref("kv.key"), sql.ref("kv.value"))} FROM ${sql.table(table)} AS kv WHERE kv.run_uuid = r.run_uuid)`;
    const perRun = json.array([
      sql.ref("r.run_uuid"),
      sql`(SELECT ${metricJson} FROM latest_metrics AS m WHERE m.run_uuid = r.run_uuid)`,
      kvJson("params"),
      kvJson("tags"),
    ]);
    for (let i = 0; i < ids.length; i += 5000) {
      const [[list]] = await tx.allArrays(
        sql`SELECT ${json.arrayAgg(perRun, binaryOrder(sql.ref("r.run_uuid")))} FROM runs AS r WHERE ${this.inListOf("r.run_uuid", ids.slice(i, i + 5000))}`.compile(
          this.db,
        ),
      );
      type MetricJson = [string, number | string | null, number, number];
      const runs = parseJsonValue<
        [string, MetricJson[] | null, Record<string, string> | null, Record<string, string> | null][] | null
      >(list);
      // An aggregate over no rows: SQLite gives [] or {}, PostgreSQL null.
      for (const [runId, metrics, params, tags] of runs ?? []) {
        const d = data.get(runId)!;
        for (const m of metrics ?? [])
          d.metrics.push({ key: m[0], value: jsonDouble(m[1]), timestamp: m[2], step: m[3] });
        d.params = params ?? {};
        d.tags = tags ?? {};
      }
    }
    const inputs = await this.datasetInputsOf(tx, ids);
    return rows.map((r) => {
      const datasetInputs = inputs.get(r.run_uuid);
      return {
        info: toRunInfo(r),
        data: data.get(r.run_uuid)!,
        ...(datasetInputs ? { inputs: { datasetInputs, modelInputs: [] } } : {}),
      };
    });
  }

  /** Data set inputs per run id, in logging order, with their tags sorted by name. */
  private async datasetInputsOf(
    tx: SqlExecutor,
    ids: readonly string[],
  ): Promise<Map<string, DatasetInput[]>> {
    const out = new Map<string, DatasetInput[]>();
    const byInput = new Map<string, { key: string; value: string }[]>();
    for (let i = 0; i < ids.length; i += 5000) {
      const rows = await tx.allArrays(
        sql`SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile FROM inputs AS i INNER JOIN datasets AS d ON d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND ${this.inListOf("i.destination_id", ids.slice(i, i + 5000))} ORDER BY i.destination_id, i.position`.compile(
          this.db,
        ),
      );
      for (const [runId, inputUuid, name, digest, sourceType, source, schema, profile] of rows) {
        const tags: { key: string; value: string }[] = [];
        byInput.set(inputUuid as string, tags);
        const list = out.get(runId as string) ?? [];
        out.set(runId as string, list);
        list.push({
          dataset: {
            name: name as string,
            digest: digest as string,
            sourceType: sourceType as string,
            source: source as string,
            ...(schema === null ? {} : { schema: schema as string }),
            ...(profile === null ? {} : { profile: profile as string }),
          },
          tags,
        });
      }
    }
    const inputIds = [...byInput.keys()];
    for (let i = 0; i < inputIds.length; i += 5000) {
      const tags = await tx.allArrays(
        sql`SELECT input_uuid, name, value FROM input_tags WHERE ${this.inListOf("input_uuid", inputIds.slice(i, i + 5000))} ORDER BY input_uuid, ${this.database.dialect.binaryOrder(sql.ref("name"))}`.compile(
          this.db,
        ),
      );
      for (const [inputUuid, key, value] of tags)
        byInput.get(inputUuid as string)!.push({ key: key as string, value: value as string });
    }
    return out;
  }

  /** A run's inputs as getRun returns them (data sets and models), or undefined when none. */
  private async inputsOf(tx: SqlExecutor, runId: string): Promise<RunInputs | undefined> {
    const datasetInputs = (await this.datasetInputsOf(tx, [runId])).get(runId) ?? [];
    const models = await tx.allArrays(
      sql`SELECT destination_id FROM inputs WHERE source_type = 'RUN_INPUT' AND source_id = ${runId} AND destination_type = 'MODEL_INPUT' ORDER BY position`.compile(
        this.db,
      ),
    );
    if (!datasetInputs.length && !models.length) return undefined;
    return { datasetInputs, modelInputs: models.map((m) => ({ modelId: m[0] as string })) };
  }

  override async logInputs(runId: string, inputs: LogInputsInput): Promise<void> {
    validateRunId(runId);
    const datasets = inputs.datasets ?? [];
    const models = inputs.models ?? [];
    validateDatasetInputs(datasets);
    for (const m of models)
      if (typeof m?.modelId !== "string" || m.modelId === "")
        throw new InvalidParameterValueError(
          `Invalid model input ${JSON.stringify(m)}: model_id is required`,
        );
    // the first of several inputs with the same (name, digest) wins, as in MLflow
    const unique = new Map<string, DatasetInput>();
    for (const d of datasets) {
      const k = JSON.stringify([d.dataset.name, d.dataset.digest]);
      if (!unique.has(k)) unique.set(k, d);
    }
    const newId = () => randomUUID().replace(/-/g, "");
    await this.x.write(async (tx) => {
      const run = await this.activeRun(tx, runId);
      const last = await tx.first(
        sql<{
          p: number | null;
        }>`SELECT MAX(position) AS p FROM inputs WHERE (destination_type = 'RUN' AND destination_id = ${runId}) OR (source_type = 'RUN_INPUT' AND source_id = ${runId})`.compile(
          this.db,
        ),
      );
      let position = Number(last?.p ?? 0);
      for (const { dataset: d, tags } of unique.values()) {
        let datasetUuid = (
          await tx.first(
            this.db
              .selectFrom("datasets")
              .select("dataset_uuid")
              .where("experiment_id", "=", run.experiment_id)
              .where("name", "=", d.name)
              .where("digest", "=", d.digest),
          )
        )?.dataset_uuid;
        if (!datasetUuid) {
          datasetUuid = newId();
          await tx.run(
            this.db.insertInto("datasets").values({
              dataset_uuid: datasetUuid,
              experiment_id: run.experiment_id,
              name: d.name,
              digest: d.digest,
              dataset_source_type: d.sourceType,
              dataset_source: d.source,
              dataset_schema: d.schema ?? null,
              dataset_profile: d.profile ?? null,
            }),
          );
        }
        const linked = await tx.first(
          this.db
            .selectFrom("inputs")
            .select("input_uuid")
            .where("source_type", "=", "DATASET")
            .where("source_id", "=", datasetUuid)
            .where("destination_type", "=", "RUN")
            .where("destination_id", "=", runId),
        );
        if (linked) continue; // already an input of this run: MLflow keeps the first tags
        const inputUuid = newId();
        await tx.run(
          this.db.insertInto("inputs").values({
            input_uuid: inputUuid,
            source_type: "DATASET",
            source_id: datasetUuid,
            destination_type: "RUN",
            destination_id: runId,
            position: ++position,
          }),
        );
        const byName = new Map((tags ?? []).map((t) => [t.key, t.value]));
        if (byName.size)
          await tx.run(
            this.db
              .insertInto("input_tags")
              .values([...byName].map(([name, value]) => ({ input_uuid: inputUuid, name, value }))),
          );
      }
      for (const m of models)
        await tx.run(
          this.db
            .insertInto("inputs")
            .values({
              input_uuid: newId(),
              source_type: "RUN_INPUT",
              source_id: runId,
              destination_type: "MODEL_INPUT",
              destination_id: m.modelId,
              position: ++position,
            })
            .onConflict((oc) =>
              oc.columns(["source_type", "source_id", "destination_type", "destination_id"]).doNothing(),
            ),
        );
    });
  }

  async getRun(runId: string): Promise<Run> {
    return this.x.read(async (tx) => {
      const run = (await this.toRuns(tx, [await this.runRow(tx, runId)]))[0]!;
      const inputs = await this.inputsOf(tx, runId);
      return inputs ? { ...run, inputs } : run;
    });
  }

  async updateRunInfo(runId: string, options: UpdateRunOptions): Promise<RunInfo> {
    const { status, endTime, runName } = options;
    if (status !== undefined && !RUN_STATUSES.includes(status))
      throw new InvalidParameterValueError(
        `Invalid run status ${JSON.stringify(status)} (expected ${RUN_STATUSES.join(" | ")})`,
      );
    if (endTime !== undefined && endTime !== null && (!Number.isSafeInteger(endTime) || endTime < 0))
      throw new InvalidParameterValueError(`Invalid value ${endTime} for parameter 'end_time' supplied.`);
    if (runName !== undefined) normalizeTag({ key: SYSTEM_TAGS.runName, value: runName });
    return this.x.write(async (tx) => {
      const row = await this.activeRun(tx, runId);
      const next: RunRow = {
        ...row,
        status: status ?? row.status,
        end_time: endTime === undefined ? row.end_time : endTime,
        name: runName ?? row.name,
      };
      await tx.run(
        this.db
          .updateTable("runs")
          .set({ status: next.status, end_time: next.end_time, name: next.name })
          .where("run_uuid", "=", runId),
      );
      if (runName !== undefined)
        await this.upsertTags(tx, runId, [{ key: SYSTEM_TAGS.runName, value: runName }]);
      return toRunInfo(next);
    });
  }

  async deleteRun(runId: string): Promise<void> {
    await this.x.write(async (tx) => {
      await this.runRow(tx, runId);
      await tx.run(
        this.db
          .updateTable("runs")
          .set({ lifecycle_stage: "deleted", deleted_time: Date.now() })
          .where("run_uuid", "=", runId),
      );
    });
  }

  async restoreRun(runId: string): Promise<void> {
    await this.x.write(async (tx) => {
      await this.runRow(tx, runId);
      await tx.run(
        this.db
          .updateTable("runs")
          .set({ lifecycle_stage: "active", deleted_time: null })
          .where("run_uuid", "=", runId),
      );
    });
  }

  override async logMetric(runId: string, metric: Metric): Promise<void> {
    validateMetric(metric);
    if (this.x instanceof SqliteExecutor) {
      // SQLite: one synchronous transaction of three cached statements (the per-request hot path)
      validateRunId(runId);
      const runSql = this.runRowQuery().sql;
      const insertSql = this.hot("insertMetric", () =>
        this.db.insertInto("metrics").values(metricRow("", metric)).compile(),
      ).sql;
      const upsertSql = this.hot("upsertLatest", () =>
        this.upsertLatest([metricRow("", metric)]).compile(),
      ).sql;
      const nan = Number.isNaN(metric.value);
      const values = [runId, metric.key, nan ? 0 : metric.value, nan ? 1 : 0, metric.timestamp, metric.step];
      await this.x.writeSync((prepare) => {
        checkActive(runId, prepare(runSql).get(runId) as RunRow | undefined);
        prepare(insertSql).run(values);
        prepare(upsertSql).run(values);
      });
      return;
    }
    await this.x.write(async (tx) => {
      await this.activeRun(tx, runId);
      await this.insertMetrics(tx, runId, [metric]);
    });
  }

  override async logParam(runId: string, param: Param): Promise<void> {
    return this.logBatch(runId, { params: [param] });
  }

  override async setTag(runId: string, tag: RunTag): Promise<void> {
    const t = normalizeTag(tag);
    await this.x.write(async (tx) => {
      await this.activeRun(tx, runId);
      await this.upsertTags(tx, runId, [t]);
    });
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.x.write(async (tx) => {
      await this.activeRun(tx, runId);
      const n = await tx.run(this.db.deleteFrom("tags").where("run_uuid", "=", runId).where("key", "=", key));
      if (n === 0) throw new ResourceDoesNotExistError(`No tag with name: ${key} in run with id ${runId}`);
    });
  }

  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    const metrics = batch.metrics ?? [];
    const rawParams = batch.params ?? [];
    const rawTags = batch.tags ?? [];
    validateBatchLimits(metrics, rawParams, rawTags);
    metrics.forEach((m, i) => {
      validateMetric(m, `metrics[${i}].`);
    });
    const params = rawParams.map(normalizeParam);
    const tags = rawTags.map(normalizeTag);
    await this.x.write(async (tx) => {
      const run = await this.activeRun(tx, runId);
      if (params.length) await this.insertParams(tx, run, params);
      if (metrics.length) await this.insertMetrics(tx, runId, metrics);
      if (tags.length) await this.upsertTags(tx, runId, tags);
    });
  }

  private async insertParams(tx: SqlExecutor, run: RunRow, params: readonly Param[]): Promise<void> {
    const existing = await tx.all(
      this.db
        .selectFrom("params")
        .select(["key", "value"])
        .where("run_uuid", "=", run.run_uuid)
        .where(
          "key",
          "in",
          params.map((p) => p.key),
        ),
    );
    const old = new Map(existing.map((r) => [r.key, r.value]));
    const fresh: Param[] = [];
    for (const p of params) {
      const v = old.get(p.key);
      if (v === undefined) fresh.push(p);
      else if (v !== p.value)
        throw new InvalidParameterValueError(
          `Changing param values is not allowed. Param with key='${p.key}' was already logged with value='${v}' ` +
            `for run ID='${run.run_uuid}'. Attempted logging new value '${p.value}'.`,
        );
    }
    if (!fresh.length) return;
    if ((TERMINAL_RUN_STATUSES as readonly string[]).includes(run.status))
      throw new InvalidStateError(
        `Cannot log new params to run '${run.run_uuid}': it has ended (status ${run.status}); params are fixed once a run finishes.`,
      );
    await tx.run(
      this.db
        .insertInto("params")
        .values(fresh.map((p) => ({ run_uuid: run.run_uuid, key: p.key, value: p.value }))),
    );
  }

  private async insertMetrics(tx: SqlExecutor, runId: string, metrics: readonly Metric[]): Promise<void> {
    const latest = new Map<string, Metric>();
    for (const m of metrics) {
      const cur = latest.get(m.key);
      if (!cur || isNewerMetric(m, cur)) latest.set(m.key, m);
    }
    const latestRows = [...latest.values()].map((m) => metricRow(runId, m));
    if (tx.runMany) {
      // One prepared statement per row beats compiling and binding one huge INSERT (measured).
      const lists = new Array<unknown[]>(metrics.length);
      for (let i = 0; i < metrics.length; i++) {
        const m = metrics[i]!;
        const nan = Number.isNaN(m.value);
        lists[i] = [runId, m.key, nan ? 0 : m.value, nan ? 1 : 0, m.timestamp, m.step];
      }
      const r = latestRows[0]!;
      await tx.runMany(
        this.hot("insertMetric", () => this.db.insertInto("metrics").values(r).compile()),
        lists,
      );
      await tx.runMany(
        this.hot("upsertLatest", () => this.upsertLatest([r]).compile()),
        latestRows.map((x) => [x.run_uuid, x.key, x.value, x.is_nan, x.timestamp, x.step]),
      );
      return;
    }
    const rows = metrics.map((m) => metricRow(runId, m));
    for (let i = 0; i < rows.length; i += 1000)
      await tx.run(this.db.insertInto("metrics").values(rows.slice(i, i + 1000)));
    await tx.run(this.upsertLatest(latestRows));
  }

  /** Upserts latest values; a row replaces the stored one only if it is newer (see isNewerMetric). */
  private upsertLatest(rows: ReturnType<typeof metricRow>[]) {
    return this.db
      .insertInto("latest_metrics")
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(["run_uuid", "key"])
          .doUpdateSet((eb) => ({
            value: eb.ref("excluded.value"),
            is_nan: eb.ref("excluded.is_nan"),
            timestamp: eb.ref("excluded.timestamp"),
            step: eb.ref("excluded.step"),
          }))
          .where((eb) =>
            eb.or([
              eb("excluded.step", ">", eb.ref("latest_metrics.step")),
              eb.and([
                eb("excluded.step", "=", eb.ref("latest_metrics.step")),
                eb.or([
                  eb("excluded.timestamp", ">", eb.ref("latest_metrics.timestamp")),
                  eb.and([
                    eb("excluded.timestamp", "=", eb.ref("latest_metrics.timestamp")),
                    eb("excluded.is_nan", "=", eb.lit(0)),
                    eb.or([
                      eb("latest_metrics.is_nan", "=", eb.lit(1)),
                      eb("excluded.value", ">", eb.ref("latest_metrics.value")),
                    ]),
                  ]),
                ]),
              ]),
            ]),
          ),
      );
  }

  private async upsertTags(tx: SqlExecutor, runId: string, tags: readonly RunTag[]): Promise<void> {
    const last = new Map(tags.map((t) => [t.key, t.value]));
    await tx.run(
      this.db
        .insertInto("tags")
        .values([...last].map(([key, value]) => ({ run_uuid: runId, key, value })))
        .onConflict((oc) =>
          oc.columns(["run_uuid", "key"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })),
        ),
    );
    const name = last.get(SYSTEM_TAGS.runName);
    if (name !== undefined)
      await tx.run(this.db.updateTable("runs").set({ name }).where("run_uuid", "=", runId));
  }

  async importRun(run: ImportedRun): Promise<boolean> {
    validateRunId(run.runId);
    const latest = new Map<string, Metric>();
    for (const m of run.metrics) {
      const cur = latest.get(m.key);
      if (!cur || isNewerMetric(m, cur)) latest.set(m.key, m);
    }
    const chunks = <T>(rows: readonly T[], n: number): T[][] =>
      Array.from({ length: Math.ceil(rows.length / n) }, (_, i) => rows.slice(i * n, (i + 1) * n));
    const kv = (rec: Readonly<Record<string, string>>) =>
      Object.entries(rec).map(([key, value]) => ({ run_uuid: run.runId, key, value }));
    return this.x.write(async (tx) => {
      const exp = await this.experimentRow(tx, run.experimentId);
      const exists = await tx.first(
        this.db.selectFrom("runs").select("run_uuid").where("run_uuid", "=", run.runId),
      );
      if (exists) return false;
      await tx.run(
        this.db.insertInto("runs").values({
          run_uuid: run.runId,
          name: run.runName,
          user_id: run.userId,
          status: run.status,
          start_time: run.startTime,
          end_time: run.endTime,
          deleted_time: run.deletedTime ?? null,
          lifecycle_stage: run.lifecycleStage,
          artifact_uri: run.artifactUri,
          experiment_id: exp.experiment_id,
        }),
      );
      for (const c of chunks(kv(run.params), 500)) await tx.run(this.db.insertInto("params").values(c));
      for (const c of chunks(kv(run.tags), 500)) await tx.run(this.db.insertInto("tags").values(c));
      for (const c of chunks(run.metrics, 1000))
        await tx.run(this.db.insertInto("metrics").values(c.map((m) => metricRow(run.runId, m))));
      for (const c of chunks([...latest.values()], 1000))
        await tx.run(this.db.insertInto("latest_metrics").values(c.map((m) => metricRow(run.runId, m))));
      return true;
    });
  }

  async getMetricHistory(
    runId: string,
    key: string,
    options: MetricHistoryOptions = {},
  ): Promise<PagedList<Metric>> {
    const { maxResults, pageToken } = options;
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults <= 0))
      throw new InvalidParameterValueError(
        `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`,
      );
    const offset = decodePageToken(pageToken);
    const { json } = this.database.dialect;
    const order = sql`step, timestamp, value, is_nan`;
    const page =
      maxResults !== undefined
        ? sql`LIMIT ${maxResults + 1} OFFSET ${offset}`
        : offset > 0
          ? sql`LIMIT ${Number.MAX_SAFE_INTEGER} OFFSET ${offset}`
          : sql``;
    // Three flat JSON arrays instead of one row per value: 2.5x less CPU for 100,000 steps (measured).
    const query =
      sql`SELECT ${json.arrayAgg(sql.ref("step"), order)} AS steps, ${json.arrayAgg(sql.ref("timestamp"), order)} AS times, ${json.arrayAgg(sql`CASE WHEN is_nan = 1 THEN NULL ELSE value END`, order)} AS vals FROM (SELECT step, timestamp, value, is_nan FROM metrics WHERE run_uuid = ${runId} AND key = ${key} ORDER BY ${order} ${page}) AS h`.compile(
        this.db,
      );
    return this.x.read(async (tx) => {
      await this.runRow(tx, runId);
      const [row] = await tx.allArrays(query);
      const steps = parseJsonValue<number[] | null>(row?.[0]) ?? [];
      const times = parseJsonValue<number[] | null>(row?.[1]) ?? [];
      const values = parseJsonValue<(number | string | null)[] | null>(row?.[2]) ?? [];
      const items = new Array<Metric>(Math.min(steps.length, maxResults ?? steps.length));
      for (let i = 0; i < items.length; i++)
        items[i] = { key, value: jsonDouble(values[i]!), timestamp: times[i]!, step: steps[i]! };
      return maxResults !== undefined && steps.length > maxResults
        ? { items, nextPageToken: encodePageToken(offset + maxResults) }
        : { items };
    });
  }

  private statisticsRefreshedAt = 0;
  /** Refreshes planner statistics at most once a minute (cheap when they are current). */
  private async maybeRefreshStatistics(): Promise<void> {
    const stmt = this.database.dialect.refreshStatistics;
    if (!stmt || Date.now() - this.statisticsRefreshedAt < 60_000) return;
    this.statisticsRefreshedAt = Date.now();
    await this.x.run(stmt.compile(this.db));
  }

  async searchRuns(options: SearchRunsOptions): Promise<PagedList<Run>> {
    const {
      experimentIds,
      filter,
      runViewType = "ACTIVE_ONLY",
      maxResults = TRACKING_LIMITS.defaultSearchRunsMaxResults,
      orderBy,
      pageToken,
    } = options;
    checkViewType(runViewType);
    validateMaxResults(maxResults);
    const ast = parseFilter(filter, RUN_SEARCH_SCHEMA);
    const order = parseOrderBy(orderBy, RUN_SEARCH_SCHEMA);
    const offset = decodePageToken(pageToken);
    const ids = (experimentIds ?? []).filter((id) => /^\d{1,15}$/.test(String(id))).map(Number);
    if (!ids.length) return { items: [] };
    await this.maybeRefreshStatistics();
    const query = buildRunSearch({
      experimentIds: ids,
      view: runViewType,
      filter: ast,
      orderBy: order,
      limit: maxResults + 1,
      offset,
      dialect: this.database.dialect,
    }).compile(this.db);
    return this.x.read(async (tx) => {
      const rows = (await tx.allArrays(query)).map(runRowFromArray);
      const items = await this.toRuns(tx, rows.slice(0, maxResults));
      return rows.length > maxResults
        ? { items, nextPageToken: encodePageToken(offset + maxResults) }
        : { items };
    });
  }
}

/** The run row of a write: RESOURCE_DOES_NOT_EXIST when absent, INVALID_PARAMETER_VALUE unless active. */
function checkActive(runId: string, row: RunRow | undefined): RunRow {
  if (!row) throw new ResourceDoesNotExistError(`Run '${runId}' not found`);
  if (row.lifecycle_stage !== "active")
    throw new InvalidParameterValueError(
      `The run ${runId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`,
    );
  return row;
}

function checkViewType(view: ViewType): void {
  if (!VIEW_TYPES.includes(view))
    throw new InvalidParameterValueError(
      `Invalid view type ${JSON.stringify(view)} (expected ${VIEW_TYPES.join(" | ")})`,
    );
}

function toRunInfo(r: RunRow): RunInfo {
  return {
    runId: r.run_uuid,
    experimentId: String(r.experiment_id),
    runName: r.name,
    status: r.status as RunStatus,
    startTime: r.start_time,
    endTime: r.end_time,
    artifactUri: r.artifact_uri,
    lifecycleStage: r.lifecycle_stage as LifecycleStage,
    userId: r.user_id,
  };
}
