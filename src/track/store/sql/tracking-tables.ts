import type { Kysely } from "kysely";
import type { Migration, SqlDialect } from "../../../db/index.js";

/**
 * The tracking tables. Names follow MLflow's SQL store (experiments, runs, metrics, latest_metrics,
 * params, tags, experiment_tags), which do not collide with Optuna's study tables, so studies and
 * runs can share one database. Applied migrations are recorded in `tunelab_track_migrations`.
 */
export interface TrackingTables {
  experiments: {
    experiment_id: number;
    name: string;
    artifact_location: string;
    lifecycle_stage: string;
    creation_time: number;
    last_update_time: number;
  };
  experiment_tags: { experiment_id: number; key: string; value: string };
  runs: {
    run_uuid: string;
    name: string;
    user_id: string;
    status: string;
    start_time: number;
    end_time: number | null;
    deleted_time: number | null;
    lifecycle_stage: string;
    artifact_uri: string;
    experiment_id: number;
  };
  /** Every logged value. NaN is stored as value 0 with is_nan 1 (SQLite has no NaN). */
  metrics: { run_uuid: string; key: string; value: number; is_nan: number; timestamp: number; step: number };
  /** The latest value per (run, key), kept up to date on every write, so search never reads history. */
  latest_metrics: {
    run_uuid: string;
    key: string;
    value: number;
    is_nan: number;
    timestamp: number;
    step: number;
  };
  params: { run_uuid: string; key: string; value: string };
  tags: { run_uuid: string; key: string; value: string };
  /** Data sets per experiment, one per (name, digest), as MLflow's `datasets`. */
  datasets: {
    dataset_uuid: string;
    experiment_id: number;
    name: string;
    digest: string;
    dataset_source_type: string;
    dataset_source: string;
    dataset_schema: string | null;
    dataset_profile: string | null;
  };
  /**
   * Edges as MLflow's `inputs`: DATASET -> RUN (a run used a data set) and RUN_INPUT -> MODEL_INPUT
   * (a run used a logged model). `position` keeps the logging order.
   */
  inputs: {
    input_uuid: string;
    source_type: string;
    source_id: string;
    destination_type: string;
    destination_id: string;
    position: number;
  };
  /** Tags of a DATASET -> RUN input (e.g. `mlflow.data.context`). */
  input_tags: { input_uuid: string; name: string; value: string };
}

/** Name of the table that records applied tracking migrations. */
export const TRACKING_MIGRATION_TABLE = "tunelab_track_migrations";

async function createTables(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable("experiments")
    .addColumn("experiment_id", dialect.autoIncrementType, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("artifact_location", "text", (c) => c.notNull())
    .addColumn("lifecycle_stage", "varchar(32)", (c) => c.notNull())
    .addColumn("creation_time", "bigint", (c) => c.notNull())
    .addColumn("last_update_time", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("experiment_tags")
    .addColumn("experiment_id", "integer", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("experiment_tags_pk", ["experiment_id", "key"])
    .modifyEnd(dialect.clusteredTableSuffix)
    .execute();
  await db.schema
    .createTable("runs")
    .addColumn("run_uuid", "varchar(32)", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("start_time", "bigint", (c) => c.notNull())
    .addColumn("end_time", "bigint")
    .addColumn("deleted_time", "bigint")
    .addColumn("lifecycle_stage", "varchar(20)", (c) => c.notNull())
    .addColumn("artifact_uri", "text", (c) => c.notNull())
    .addColumn("experiment_id", "integer", (c) => c.notNull().references("experiments.experiment_id"))
    .execute();
  await db.schema
    .createIndex("runs_experiment_idx")
    .on("runs")
    .columns(["experiment_id", "lifecycle_stage", "start_time"])
    .execute();
  for (const table of ["metrics", "latest_metrics"]) {
    let t = db.schema
      .createTable(table)
      .addColumn("run_uuid", "varchar(32)", (c) => c.notNull().references("runs.run_uuid"))
      .addColumn("key", "varchar(250)", (c) => c.notNull())
      .addColumn("value", "double precision", (c) => c.notNull())
      .addColumn("is_nan", "integer", (c) => c.notNull())
      .addColumn("timestamp", "bigint", (c) => c.notNull())
      .addColumn("step", "bigint", (c) => c.notNull());
    if (table === "latest_metrics")
      t = t
        .addPrimaryKeyConstraint("latest_metrics_pk", ["run_uuid", "key"])
        .modifyEnd(dialect.clusteredTableSuffix);
    await t.execute();
  }
  await db.schema
    .createIndex("metrics_history_idx")
    .on("metrics")
    // covering: a history read never touches the table
    .columns(["run_uuid", "key", "step", "timestamp", "value", "is_nan"])
    .execute();
  await db.schema
    .createIndex("latest_metrics_key_value_idx")
    .on("latest_metrics")
    .columns(["key", "value"])
    .execute();
  for (const table of ["params", "tags"]) {
    await db.schema
      .createTable(table)
      .addColumn("run_uuid", "varchar(32)", (c) => c.notNull().references("runs.run_uuid"))
      .addColumn("key", "varchar(250)", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["run_uuid", "key"])
      .modifyEnd(dialect.clusteredTableSuffix)
      .execute();
    // Searches by value (params.model = 'xgb') start from this index where the dialect allows
    // long text in an index; elsewhere (PostgreSQL) (key) alone, values can be 8000 characters.
    await db.schema
      .createIndex(`${table}_key_value_idx`)
      .on(table)
      .columns(dialect.indexesLongText ? ["key", "value"] : ["key"])
      .execute();
  }
}

/** Datasets and run inputs (MLflow's `log-inputs`). */
async function createInputTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("datasets")
    .addColumn("dataset_uuid", "varchar(36)", (c) => c.notNull().unique())
    .addColumn("experiment_id", "integer", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("name", "varchar(500)", (c) => c.notNull())
    .addColumn("digest", "varchar(36)", (c) => c.notNull())
    .addColumn("dataset_source_type", "varchar(36)", (c) => c.notNull())
    .addColumn("dataset_source", "text", (c) => c.notNull())
    .addColumn("dataset_schema", "text")
    .addColumn("dataset_profile", "text")
    .addPrimaryKeyConstraint("datasets_pk", ["experiment_id", "name", "digest"])
    .execute();
  await db.schema
    .createTable("inputs")
    .addColumn("input_uuid", "varchar(36)", (c) => c.notNull().unique())
    .addColumn("source_type", "varchar(36)", (c) => c.notNull())
    .addColumn("source_id", "varchar(36)", (c) => c.notNull())
    .addColumn("destination_type", "varchar(36)", (c) => c.notNull())
    .addColumn("destination_id", "varchar(36)", (c) => c.notNull())
    .addColumn("position", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("inputs_pk", ["source_type", "source_id", "destination_type", "destination_id"])
    .execute();
  await db.schema
    .createIndex("inputs_destination_idx")
    .on("inputs")
    .columns(["destination_type", "destination_id", "position"])
    .execute();
  await db.schema
    .createTable("input_tags")
    .addColumn("input_uuid", "varchar(36)", (c) => c.notNull().references("inputs.input_uuid"))
    .addColumn("name", "varchar(255)", (c) => c.notNull())
    .addColumn("value", "varchar(500)", (c) => c.notNull())
    .addPrimaryKeyConstraint("input_tags_pk", ["input_uuid", "name"])
    .execute();
}

/** Ordered migrations of the tracking tables. */
export const TRACKING_MIGRATIONS: readonly Migration[] = [
  { name: "0001-tracking-tables", up: createTables },
  { name: "0002-run-inputs", up: createInputTables },
];
