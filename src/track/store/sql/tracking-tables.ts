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

/** Ordered migrations of the tracking tables. */
export const TRACKING_MIGRATIONS: readonly Migration[] = [{ name: "0001-tracking-tables", up: createTables }];
