import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadStudy } from "../../src/tune/index.js";
import { freshPostgres, postgresAvailable } from "../helpers/databases.js";
import { expectConsecutive, run } from "../helpers/processes.js";
import { describeIf } from "../helpers/requires.js";

// This test restarts the machine's PostgreSQL, so it runs alone (`npm run test:serial`, after
// the other suites) and only when TUNELAB_PG_RESTART=1: other test runs on the same server would fail.
const CLI = "bin/tunelab.js";
const PG_VERSION = process.env.TUNELAB_PG_CLUSTER_VERSION ?? "15";
const pgCtl = (action: string) =>
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", PG_VERSION, "main", action], {
    stdio: "ignore",
  });
const pgReady = () => {
  try {
    execFileSync("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"]);
    return true;
  } catch {
    return false;
  }
};
let canRestart = false;
try {
  execFileSync("pg_lsclusters", [], { stdio: "ignore" });
  canRestart = postgresAvailable && process.env.TUNELAB_PG_RESTART === "1";
} catch {}

describeIf(canRestart, "TUNELAB_PG_RESTART=1 and a local PostgreSQL cluster that pg_ctlcluster can restart")(
  "PostgreSQL restart",
  () => {
    let drop: (() => Promise<void>) | undefined;
    let url = "";
    beforeAll(async () => {
      ({ url, drop } = await freshPostgres());
    });
    afterAll(async () => {
      // Whatever happened, leave PostgreSQL running.
      for (let i = 0; i < 30 && !pgReady(); i++) {
        try {
          pgCtl("start");
        } catch {}
        await new Promise((r) => setTimeout(r, 1000));
      }
      await drop?.();
    });

    it("workers retry with backoff while PostgreSQL restarts and the study finishes with every trial", async () => {
      const workers = run(process.execPath, [
        CLI,
        "tune",
        "test/tune/storage/fixtures/slow-objective.ts",
        ...[
          "--study",
          "restart",
          "--storage",
          url,
          "--trials",
          "160",
          "--workers",
          "2",
          "--sampler",
          "random",
          "--quiet",
        ],
      ]);
      let finished = false;
      void workers.then(() => {
        finished = true;
      });
      await new Promise((r) => setTimeout(r, 2500));
      expect(finished).toBe(false); // the restart must hit running workers
      pgCtl("restart");
      const r = await workers;
      expect(r.code, r.stderr).toBe(0);
      const study = await loadStudy({ studyName: "restart", storage: url });
      const trials = study.trials;
      await study.close();
      const complete = trials.filter((t) => t.state === "COMPLETE");
      expect(complete).toHaveLength(160);
      expectConsecutive(trials, trials.length);
      // A commit cut by the restart can leave its trial RUNNING; list them so a failure is explicit.
      expect(trials.filter((t) => t.state !== "COMPLETE").map((t) => `${t.number}:${t.state}`)).toEqual([]);
    }, 180_000);
  },
);
