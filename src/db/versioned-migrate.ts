import type { AnyKysely } from "./dialect-adapter.js";
import type { RetryingDatabase } from "./retrying-database.js";

/** One ordered, named step of a schema's history. */
export interface VersionedMigrationUnit {
  /** The schema version the database has after this unit. */
  readonly version: number;
  readonly name: string;
  up(trx: AnyKysely, database: RetryingDatabase): Promise<void>;
}

/**
 * A schema that records its own version (as Optuna's study tables do in `version_info`), so no
 * bookkeeping table is added to the database.
 */
export interface VersionedMigrationPlan {
  /** Advisory-lock key, unique per schema, so migrations of different schemas do not wait on each other. */
  readonly lockKey: number;
  readonly units: readonly VersionedMigrationUnit[];
  /**
   * The schema's current version, or null when none of its tables exist. Throws when the
   * database holds something it does not recognise (then nothing is migrated).
   */
  currentVersion(conn: AnyKysely, database: RetryingDatabase): Promise<number | null>;
}

/** The outcome of one unit. */
export interface VersionedMigrationResult {
  readonly version: number;
  readonly name: string;
  readonly status: "applied" | "skipped";
}

/**
 * Brings a schema up to its last unit: under the dialect's migration lock, reads the current
 * version, then applies each later unit in its own write transaction (all or nothing per unit).
 * A second process waiting on the lock finds the work done and applies nothing.
 */
export async function migrateVersioned(
  database: RetryingDatabase,
  plan: VersionedMigrationPlan,
): Promise<VersionedMigrationResult[]> {
  return database.db.connection().execute(async (conn) => {
    const release = await database.adapter.acquireMigrationLock(conn, plan.lockKey);
    try {
      const results: VersionedMigrationResult[] = [];
      for (const unit of plan.units) {
        const applied = await database.transaction(
          async (trx) => {
            const current = (await plan.currentVersion(trx, database)) ?? 0;
            if (current >= unit.version) return false;
            await unit.up(trx, database);
            return true;
          },
          { connection: conn },
        );
        results.push({ version: unit.version, name: unit.name, status: applied ? "applied" : "skipped" });
      }
      return results;
    } finally {
      await release();
    }
  });
}
