import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqlTrackingStore } from "../../../src/track/index.js";
import { trackingStoreSuite } from "../../contracts/tracking-store.contract.js";
import { createTempDatabase, postgresAvailable } from "../../helpers/pg-database.js";
import { describeIf } from "../../helpers/requires.js";

trackingStoreSuite("SQLite file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "tunelab-track-"));
  const store = await SqlTrackingStore.open(`sqlite:///${join(dir, "tunelab.db")}`, {
    artifactRoot: join(dir, "artifacts"),
  });
  return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
});

const pg = await postgresAvailable();
describeIf(pg, "PostgreSQL on 127.0.0.1:5432 (or $TUNELAB_PG_URL)")("PostgreSQL", () => {
  trackingStoreSuite("PostgreSQL", async () => {
    const db = await createTempDatabase("tunelab_track");
    const store = await SqlTrackingStore.open(db.url, {
      artifactRoot: join(tmpdir(), "tunelab-pg-artifacts"),
    });
    return { store, cleanup: () => db.drop() };
  });
});
