import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../../src/server/index.js";
import { createStudy, InMemoryStorage } from "../../../src/tune/index.js";

describe("tunelab study API (/api/tunelab)", () => {
  let app: FastifyInstance;
  let dir: string;
  let studyId: number;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tunelab-study-api-"));
    const storage = new InMemoryStorage();
    const study = await createStudy({ storage, studyName: "quad", direction: "minimize" });
    studyId = study.studyId;
    await study.optimize(
      (trial) => {
        const x = trial.suggestFloat("x", -10, 10);
        for (let step = 0; step < 3; step++) trial.report((x - 2) ** 2 + 3 - step, step);
        return (x - 2) ** 2;
      },
      { nTrials: 5 },
    );
    app = await buildServer({
      backendStore: `sqlite:///${join(dir, "t.db")}`,
      artifactsDestination: join(dir, "artifacts"),
      studyStorage: storage,
    });
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("GET /api/tunelab/studies lists studies with trial count and best value", async () => {
    const r = await app.inject({ method: "GET", url: "/api/tunelab/studies" });
    expect(r.statusCode).toBe(200);
    const { studies } = r.json() as {
      studies: { study_name: string; n_trials: number; best_values: number[] }[];
    };
    expect(studies).toHaveLength(1);
    expect(studies[0]).toMatchObject({ study_name: "quad", directions: ["minimize"], n_trials: 5 });
    expect(typeof studies[0]?.best_values[0]).toBe("number");
  });

  it("GET /api/tunelab/studies/:id returns trials with params, values and intermediate values", async () => {
    const r = await app.inject({ method: "GET", url: `/api/tunelab/studies/${studyId}` });
    const body = r.json() as {
      study: { best_values: number[] };
      trials: {
        number: number;
        state: string;
        params: { x: number };
        values: number[];
        intermediate_values: { step: number; value: number }[];
      }[];
    };
    expect(body.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
    for (const t of body.trials) {
      expect(t.state).toBe("COMPLETE");
      expect(t.values[0]).toBeCloseTo((t.params.x - 2) ** 2, 9);
      expect(t.intermediate_values.map((v) => v.step)).toEqual([0, 1, 2]);
    }
    expect(body.study.best_values[0]).toBe(Math.min(...body.trials.map((t) => t.values[0] as number)));
    const one = await app.inject({ method: "GET", url: `/api/tunelab/studies/${studyId}/trials/3` });
    expect((one.json() as { trial: { number: number } }).trial.number).toBe(3);
  });

  it("unknown studies and trials answer 404, bad ids 400, in tunelab's error shape", async () => {
    const missing = await app.inject({ method: "GET", url: "/api/tunelab/studies/999" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ statusCode: 404, code: "STUDY_NOT_FOUND", error: "Not Found" });
    const noTrial = await app.inject({ method: "GET", url: `/api/tunelab/studies/${studyId}/trials/99` });
    expect(noTrial.json()).toMatchObject({ statusCode: 404, code: "TRIAL_NOT_FOUND" });
    const bad = await app.inject({ method: "GET", url: "/api/tunelab/studies/abc" });
    expect(bad.json()).toMatchObject({ statusCode: 400, code: "INVALID_ARGUMENT" });
  });
});
