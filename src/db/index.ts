/**
 * Shared SQL plumbing for tune and track: URI -> connection, dialect capabilities, migrations.
 * @module
 */
// ---- study storage plumbing (issue 4): retrying transactions, dialect adapters, versioned schemas

// ---- tracking store plumbing (issue 5): executor with prepared statements, search capabilities
export { type OpenDatabase, type OpenDatabaseOptions, openDatabase } from "./connect.js";
export { type DatabaseLocation, parseDatabaseUri } from "./database-uri.js";
export type { AnyKysely, DialectAdapter, DialectColumnTypes } from "./dialect-adapter.js";
export { DatabaseError, DatabaseUriError, DB_ERROR_CODES, redactUri } from "./errors.js";
export { type Migration, type MigrationResult, migrateToLatest } from "./migrate.js";
export {
  DATABASE_SCHEMES,
  openRetryingDatabase,
  type RetryingDatabase,
  type RetryingDatabaseOptions,
  type ScriptResult,
} from "./retrying-database.js";
export {
  likeToGlob,
  POSTGRES_DIALECT,
  parseJsonValue,
  SQL_DIALECTS,
  SQLITE_DIALECT,
  type SqlDialect,
  type SqlDialectName,
} from "./sql-dialect.js";
export { KyselyExecutor, type SqlExecutor, SqliteExecutor, type SqlQuery } from "./sql-executor.js";
export {
  migrateVersioned,
  type VersionedMigrationPlan,
  type VersionedMigrationResult,
  type VersionedMigrationUnit,
} from "./versioned-migrate.js";
