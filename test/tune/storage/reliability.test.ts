import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createStudy, loadStudy } from "../../../src/tune/index.js";
import { freshPostgres, freshSqlite, postgresAvailable } from "../../helpers/databases.js";
import { expectConsecutive, run } from "../../helpers/processes.js";
import { describeIf } from "../../helpers/requires.js";

const CLI = "bin/tunelab.js";
const OBJECTIVE = "test/cli/fixtures/quadratic-objective.ts";

async function fourWorkers(url: string): Promise<void> {
  const r = await run(process.execPath, [
    CLI,
    "tune",
    OBJECTIVE,
    ...[
      "--study",
      "four",
      "--storage",
      url,
      "--trials",
      "400",
      "--workers",
      "4",
      "--sampler",
      "random",
      "--quiet",
    ],
  ]);
  expect(r.stderr).not.toMatch(/locked|busy|error/i);
  expect(r.code).toBe(0);
  const study = await loadStudy({ studyName: "four", storage: url });
  const trials = study.trials;
  await study.close();
  expect(trials).toHaveLength(400);
  expectConsecutive(trials, 400);
  expect(trials.every((t) => t.state === "COMPLETE")).toBe(true);
}

describe("4 worker processes x 100 trials on one study", () => {
  it("SQLite file: exactly 400 COMPLETE trials numbered 0..399, nothing surfaces to the user", async () => {
    const f = freshSqlite();
    try {
      await fourWorkers(f.url);
    } finally {
      f.remove();
    }
  }, 240_000);

  describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("PostgreSQL", () => {
    it("PostgreSQL: exactly 400 COMPLETE trials numbered 0..399", async () => {
      const d = await freshPostgres();
      try {
        await fourWorkers(d.url);
      } finally {
        await d.drop();
      }
    }, 240_000);
  });
});

describe("kill -9 of a worker in the middle of a trial", () => {
  it("the trial becomes FAIL after the grace period and is retried once with the same params", async () => {
    const f = freshSqlite();
    try {
      const study = await createStudy({ studyName: "hb", storage: f.url });
      await study.close();
      const worker = "test/tune/storage/fixtures/heartbeat-worker.ts";
      const hang = spawn(process.execPath, ["--import", "tsx", worker, f.url, "hb", "5", "hang"], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((ok) => hang.stdout.on("data", (d) => String(d).includes("HANG") && ok()));
      hang.kill("SIGKILL");
      const r = await run(process.execPath, ["--import", "tsx", worker, f.url, "hb", "60", "run"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);

      const after = await loadStudy({ studyName: "hb", storage: f.url });
      const trials = after.trials;
      await after.close();
      expectConsecutive(trials, 62); // trials 0 and 1 of the killed worker, 60 of the second
      const killed = trials[1];
      expect(killed.state).toBe("FAIL");
      expect(String(killed.systemAttrs.fail_reason)).toMatch(/heartbeat/);
      const retries = trials.filter((t) => t.systemAttrs.failed_trial !== undefined);
      expect(retries).toHaveLength(1);
      expect(retries[0].state).toBe("COMPLETE");
      expect(retries[0].params).toEqual(killed.params);
      expect(retries[0].systemAttrs).toMatchObject({ failed_trial: 1, retry_history: [1] });
      expect(trials.filter((t) => t.state !== "COMPLETE").map((t) => t.number)).toEqual([1]);
    } finally {
      f.remove();
    }
  }, 120_000);
});
