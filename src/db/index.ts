/**
 * Shared SQL plumbing for tune and track: URI -> connection, dialect capabilities, migrations.
 * @module
 */
// ---- study storage plumbing (issue 4): retrying transactions, dialect adapters, versioned schemas
export type { AnyKysely, DialectAdapter, DialectColumnTypes } from "./dialect-adapter.js";
export { DatabaseError, DatabaseUriError, DB_ERROR_CODES, redactUri } from "./errors.js";
export {
  DATABASE_SCHEMES,
  openRetryingDatabase,
  type RetryingDatabase,
  type RetryingDatabaseOptions,
} from "./retrying-database.js";
export {
  migrateVersioned,
  type VersionedMigrationPlan,
  type VersionedMigrationResult,
  type VersionedMigrationUnit,
} from "./versioned-migrate.js";
