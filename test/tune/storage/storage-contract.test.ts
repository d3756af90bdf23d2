import { CachedStorage, InMemoryStorage, RDBStorage } from "../../../src/tune/index.js";
import { storageSuite } from "../../contracts/storage.contract.js";
import { freshPostgres, freshSqlite, postgresAvailable } from "../../helpers/databases.js";
import { describeIf } from "../../helpers/requires.js";

// SQLite's INTEGER PRIMARY KEY (Optuna's schema, kept as is) hands out max(id)+1, so the ids of
// the study deleted last come back; Optuna's RDB storage behaves the same.
const SQLITE_ID_REUSE = "Optuna's schema has no AUTOINCREMENT on SQLite";

storageSuite("InMemoryStorage", async () => ({ storage: new InMemoryStorage() }));

storageSuite(
  "RDBStorage on SQLite",
  async () => {
    const f = freshSqlite();
    return { storage: await RDBStorage.open(f.url), cleanup: async () => f.remove() };
  },
  { trialIdsReusedAfterDelete: SQLITE_ID_REUSE },
);

storageSuite(
  "CachedStorage over RDBStorage on SQLite",
  async () => {
    const f = freshSqlite();
    return { storage: new CachedStorage(await RDBStorage.open(f.url)), cleanup: async () => f.remove() };
  },
  { trialIdsReusedAfterDelete: SQLITE_ID_REUSE },
);

describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("PostgreSQL", () => {
  storageSuite("RDBStorage on PostgreSQL", async () => {
    const d = await freshPostgres();
    return { storage: await RDBStorage.open(d.url), cleanup: d.drop };
  });
  storageSuite("CachedStorage over RDBStorage on PostgreSQL", async () => {
    const d = await freshPostgres();
    return { storage: new CachedStorage(await RDBStorage.open(d.url)), cleanup: d.drop };
  });
});
