import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildServer } from "../../../src/server/index.js";
import { RestTrackingStore } from "../../../src/track/index.js";
import { trackingStoreSuite } from "../../contracts/tracking-store.contract.js";

// The REST store against a tunelab server on a fresh SQLite file, over real HTTP.
trackingStoreSuite("REST store -> tunelab server (SQLite)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "tunelab-rest-"));
  const app = await buildServer({
    backendStore: `sqlite:///${join(dir, "tunelab.db")}`,
    artifactsDestination: join(dir, "artifacts"),
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as { port: number };
  const store = new RestTrackingStore(`http://127.0.0.1:${port}`);
  return {
    store,
    cleanup: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
