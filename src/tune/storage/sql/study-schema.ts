import { sql } from "kysely";
import type { VersionedMigrationPlan } from "../../../db/index.js";
import { IncompatibleStorageError } from "../../errors.js";

/** Optuna's RDB schema version these tables follow (`version_info.schema_version`). */
export const SCHEMA_VERSION = 12;
/** Optuna's Alembic head for schema version 12. */
export const ALEMBIC_VERSION = "v3.2.0.a";

/** The tables of Optuna's RDB storage, all of which a study database has. */
export const STUDY_TABLES = [
  "studies",
  "version_info",
  "study_directions",
  "study_user_attributes",
  "study_system_attributes",
  "trials",
  "trial_user_attributes",
  "trial_system_attributes",
  "trial_params",
  "trial_values",
  "trial_intermediate_values",
  "trial_heartbeats",
  "alembic_version",
] as const;

/** Enum values, stored by name as SQLAlchemy stores Python enums. */
export const DIRECTION_NAMES = ["NOT_SET", "MINIMIZE", "MAXIMIZE"] as const;
export const STATE_NAMES = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"] as const;
export const VALUE_TYPES = ["FINITE", "INF_POS", "INF_NEG"] as const;
export const INTERMEDIATE_VALUE_TYPES = ["FINITE", "INF_POS", "INF_NEG", "NAN"] as const;

/**
 * The study tables' history. Optuna's own history (Alembic revisions up to v3.2.0.a) is not
 * replayed: a database is either created at version 12 or must already be at version 12.
 */
export function studySchemaPlan(libraryVersion: string): VersionedMigrationPlan {
  return {
    // Distinct from the tracking schema's key, so the two migrate independently.
    lockKey: 0x7475_6e65,
    async currentVersion(conn, database) {
      const tables = new Set(await database.adapter.listTables(conn));
      const present = STUDY_TABLES.filter((t) => tables.has(t));
      if (present.length === 0) return null;
      if (!tables.has("version_info") || !tables.has("studies"))
        throw new IncompatibleStorageError(
          `the database is not a study database: it has table(s) ${present.join(", ")} but no ${tables.has("studies") ? "version_info" : "studies"} table`,
        );
      let rows: { schema_version: unknown }[];
      try {
        rows = await conn.selectFrom("version_info").select("schema_version").execute();
      } catch (e) {
        throw new IncompatibleStorageError(
          `the database is not a study database: cannot read version_info (${(e as Error).message})`,
        );
      }
      const version = rows[0]?.schema_version;
      if (version !== SCHEMA_VERSION)
        throw new IncompatibleStorageError(
          `unknown study schema version ${String(version)} (tunelab reads and writes Optuna's schema version ${SCHEMA_VERSION}; ` +
            `upgrade the database with \`optuna storage upgrade\` first)`,
        );
      const missing = STUDY_TABLES.filter((t) => !tables.has(t));
      if (missing.length)
        throw new IncompatibleStorageError(
          `the database is not a complete study database: table(s) ${missing.join(", ")} are missing`,
        );
      return version;
    },
    units: [
      {
        version: SCHEMA_VERSION,
        name: "optuna-rdb-v12",
        async up(trx, database) {
          const a = database.adapter;
          const { serial, float, datetime } = a.columnTypes;
          const direction = await a.createEnumType(trx, "studydirection", DIRECTION_NAMES);
          const state = await a.createEnumType(trx, "trialstate", STATE_NAMES);
          const valueType = await a.createEnumType(trx, "trialvaluetype", VALUE_TYPES);
          const ivType = await a.createEnumType(trx, "trialintermediatevaluetype", INTERMEDIATE_VALUE_TYPES);
          const t = (s: string) => sql.raw(s);
          const s = trx.schema;
          await s
            .createTable("studies")
            .addColumn("study_id", t(serial), (c) => c.notNull().primaryKey())
            .addColumn("study_name", "varchar(512)", (c) => c.notNull())
            .execute();
          await s.createIndex("ix_studies_study_name").on("studies").column("study_name").unique().execute();
          await s
            .createTable("version_info")
            .addColumn("version_info_id", "integer", (c) => c.notNull().primaryKey())
            .addColumn("schema_version", "integer")
            .addColumn("library_version", "varchar(256)")
            .addCheckConstraint("version_info_version_info_id_check", sql`version_info_id = 1`)
            .execute();
          await s
            .createTable("study_directions")
            .addColumn("study_direction_id", t(serial), (c) => c.notNull().primaryKey())
            .addColumn("direction", t(direction), (c) => c.notNull())
            .addColumn("study_id", "integer", (c) => c.notNull().references("studies.study_id"))
            .addColumn("objective", "integer", (c) => c.notNull())
            .addUniqueConstraint("study_directions_study_id_objective_key", ["study_id", "objective"])
            .execute();
          for (const kind of ["user", "system"]) {
            await s
              .createTable(`study_${kind}_attributes`)
              .addColumn(`study_${kind}_attribute_id`, t(serial), (c) => c.notNull().primaryKey())
              .addColumn("study_id", "integer", (c) => c.references("studies.study_id"))
              .addColumn("key", "varchar(512)")
              .addColumn("value_json", "text")
              .addUniqueConstraint(`study_${kind}_attributes_study_id_key_key`, ["study_id", "key"])
              .execute();
          }
          await s
            .createTable("trials")
            .addColumn("trial_id", t(serial), (c) => c.notNull().primaryKey())
            .addColumn("number", "integer")
            .addColumn("study_id", "integer", (c) => c.references("studies.study_id"))
            .addColumn("state", t(state), (c) => c.notNull())
            .addColumn("datetime_start", t(datetime))
            .addColumn("datetime_complete", t(datetime))
            .execute();
          await s.createIndex("ix_trials_study_id").on("trials").column("study_id").execute();
          for (const kind of ["user", "system"]) {
            await s
              .createTable(`trial_${kind}_attributes`)
              .addColumn(`trial_${kind}_attribute_id`, t(serial), (c) => c.notNull().primaryKey())
              .addColumn("trial_id", "integer", (c) => c.references("trials.trial_id"))
              .addColumn("key", "varchar(512)")
              .addColumn("value_json", "text")
              .addUniqueConstraint(`trial_${kind}_attributes_trial_id_key_key`, ["trial_id", "key"])
              .execute();
          }
          await s
            .createTable("trial_params")
            .addColumn("param_id", t(serial), (c) => c.notNull().primaryKey())
            .addColumn("trial_id", "integer", (c) => c.references("trials.trial_id"))
            .addColumn("param_name", "varchar(512)")
            .addColumn("param_value", t(float))
            .addColumn("distribution_json", "text")
            .addUniqueConstraint("trial_params_trial_id_param_name_key", ["trial_id", "param_name"])
            .execute();
          await s
            .createTable("trial_values")
            .addColumn("trial_value_id", t(serial), (c) => c.notNull().primaryKey())
            .addColumn("trial_id", "integer", (c) => c.notNull().references("trials.trial_id"))
            .addColumn("objective", "integer", (c) => c.notNull())
            .addColumn("value", t(float))
            .addColumn("value_type", t(valueType), (c) => c.notNull())
            .addUniqueConstraint("trial_values_trial_id_objective_key", ["trial_id", "objective"])
            .execute();
          await s
            .createTable("trial_intermediate_values")
            .addColumn("trial_intermediate_value_id", t(serial), (c) => c.notNull().primaryKey())
            .addColumn("trial_id", "integer", (c) => c.notNull().references("trials.trial_id"))
            .addColumn("step", "integer", (c) => c.notNull())
            .addColumn("intermediate_value", t(float))
            .addColumn("intermediate_value_type", t(ivType), (c) => c.notNull())
            .addUniqueConstraint("trial_intermediate_values_trial_id_step_key", ["trial_id", "step"])
            .execute();
          await s
            .createTable("trial_heartbeats")
            .addColumn("trial_heartbeat_id", t(serial), (c) => c.notNull().primaryKey())
            .addColumn("trial_id", "integer", (c) => c.notNull().references("trials.trial_id"))
            .addColumn("heartbeat", t(datetime), (c) => c.notNull())
            .addUniqueConstraint("trial_heartbeats_trial_id_key", ["trial_id"])
            .execute();
          await s
            .createTable("alembic_version")
            .addColumn("version_num", "varchar(32)", (c) => c.notNull())
            .addPrimaryKeyConstraint("alembic_version_pkc", ["version_num"])
            .execute();
          await trx
            .insertInto("version_info")
            .values({ version_info_id: 1, schema_version: SCHEMA_VERSION, library_version: libraryVersion })
            .execute();
          await trx.insertInto("alembic_version").values({ version_num: ALEMBIC_VERSION }).execute();
        },
      },
    ],
  };
}
