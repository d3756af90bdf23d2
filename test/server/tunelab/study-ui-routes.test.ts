import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../../src/server/index.js";
import type {
  ImportancesJson,
  StudyDetailJson,
  StudyVersionJson,
  TrialPageJson,
} from "../../../src/server/tunelab/study-wire.js";
import { createStudy, RandomSampler, type Study, type Trial, TrialPruned } from "../../../src/tune/index.js";

function suggestAll(trial: Trial): void {
  trial.suggestFloat("x", -10, 10);
  trial.suggestFloat("lr", 1e-4, 1, { log: true });
  trial.suggestCategorical("opt", ["sgd", "adam"]);
}

/** Routes the study pages of the UI use, on a real SQLite study file. */
describe("study API routes for the UI (SQLite study file)", () => {
  let app: FastifyInstance;
  let dir: string;
  let single: Study;
  let multiId: number;
  const get = async <T>(url: string, headers: Record<string, string> = {}) => {
    const r = await app.inject({ method: "GET", url, headers });
    return { status: r.statusCode, body: (r.body ? r.json() : undefined) as T, headers: r.headers };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tunelab-study-ui-"));
    const storage = `sqlite:///${join(dir, "studies.db")}`;
    single = await createStudy({ storage, studyName: "quad", sampler: new RandomSampler({ seed: 1 }) });
    await single.optimize(
      (trial) => {
        suggestAll(trial);
        const { x, opt } = trial.params as { x: number; opt: string };
        for (let step = 0; step < 4; step++) trial.report((x - 2) ** 2 + 4 - step, step);
        if (trial.number % 4 === 3) throw new TrialPruned();
        return (x - 2) ** 2 + (opt === "sgd" ? 1 : 0);
      },
      { nTrials: 24 },
    );
    const multi = await createStudy({
      storage,
      studyName: "two",
      directions: ["minimize", "maximize"],
      sampler: new RandomSampler({ seed: 2 }),
    });
    multiId = multi.studyId;
    await multi.setMetricNames(["loss", "accuracy"]);
    await multi.optimize(
      (t) => {
        const a = t.suggestFloat("a", 0, 1);
        return [a, a * a + t.suggestFloat("b", 0, 0.1)];
      },
      { nTrials: 12 },
    );
    app = await buildServer({
      backendStore: `sqlite:///${join(dir, "t.db")}`,
      artifactsDestination: join(dir, "artifacts"),
      studyStorage: storage,
    });
  });
  afterAll(async () => {
    await app.close();
    await single.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("GET /studies/:id/summary gives the search space (log, categorical), counts by state and metric names", async () => {
    const { body } = await get<StudyDetailJson>(`/api/tunelab/studies/${single.studyId}/summary`);
    expect(body.search_space.lr).toEqual({ type: "float", low: 1e-4, high: 1, log: true, step: null });
    expect(body.search_space.opt).toEqual({ type: "categorical", choices: ["sgd", "adam"] });
    expect(body.n_trials_by_state).toMatchObject({ COMPLETE: 18, PRUNED: 6, RUNNING: 0 });
    expect(body.version).toBe("24.24");
    const multi = await get<StudyDetailJson>(`/api/tunelab/studies/${multiId}/summary`);
    expect(multi.body).toMatchObject({
      directions: ["minimize", "maximize"],
      metric_names: ["loss", "accuracy"],
    });
  });

  it("GET /studies/:id/trials lists every trial with params, values, dates and intermediate pairs", async () => {
    const { body } = await get<TrialPageJson>(`/api/tunelab/studies/${single.studyId}/trials`);
    expect(body.total).toBe(24);
    expect(body.trials.map((t) => t.number)).toEqual([...Array(24).keys()]);
    for (const t of body.trials) {
      expect(Object.keys(t.params).sort()).toEqual(["lr", "opt", "x"]);
      expect(t.intermediate?.map((p) => p[0])).toEqual([0, 1, 2, 3]);
      expect(Date.parse(t.datetime_complete!)).toBeGreaterThanOrEqual(Date.parse(t.datetime_start!));
      const x = t.params.x as number;
      if (t.state === "PRUNED") expect(t.values?.[0]).toBeCloseTo((x - 2) ** 2 + 1, 9);
      else expect(t.values?.[0]).toBeCloseTo((x - 2) ** 2 + (t.params.opt === "sgd" ? 1 : 0), 9);
    }
    expect(body.trials.filter((t) => t.state === "PRUNED").map((t) => t.number)).toEqual([
      3, 7, 11, 15, 19, 23,
    ]);
  });

  it("pages with offset/limit, filters by state and leaves out intermediate values on request", async () => {
    const base = `/api/tunelab/studies/${single.studyId}/trials`;
    const page = await get<TrialPageJson>(`${base}?offset=20&limit=3&intermediate=false`);
    expect(page.body.trials.map((t) => t.number)).toEqual([20, 21, 22]);
    expect(page.body.trials[0]).not.toHaveProperty("intermediate");
    const pruned = await get<TrialPageJson>(`${base}?states=PRUNED&states=FAIL&offset=1&limit=2`);
    expect([pruned.body.total, pruned.body.trials.map((t) => t.number)]).toEqual([6, [7, 11]]);
    const bad = await get<{ code: string; message: string }>(`${base}?states=DONE`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("INVALID_ARGUMENT");
  });

  it("answers 304 to If-None-Match with the current ETag, and a new ETag once a trial changes", async () => {
    const url = `/api/tunelab/studies/${single.studyId}/trials?intermediate=false`;
    const first = await get<TrialPageJson>(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\//);
    expect((await get(url, { "if-none-match": etag })).status).toBe(304);
    const v0 = (await get<StudyVersionJson>(`/api/tunelab/studies/${single.studyId}/version`)).body;
    expect(v0).toMatchObject({ n_trials: 24, n_finished: 24 });

    const running = await single.ask();
    suggestAll(running);
    await single.tell(running, 1); // finish it so the next test sees a stable study
    const v1 = (await get<StudyVersionJson>(`/api/tunelab/studies/${single.studyId}/version`)).body;
    expect(v1.version).not.toBe(v0.version);
    const again = await get<TrialPageJson>(url, { "if-none-match": etag });
    expect(again.status).toBe(200);
    expect(again.body.total).toBe(25);
  });

  it("the version changes with a running trial's intermediate values", async () => {
    const url = `/api/tunelab/studies/${single.studyId}/version`;
    const t = await single.ask();
    suggestAll(t);
    const a = (await get<StudyVersionJson>(url)).body.version;
    t.report(5, 0);
    await t.flush();
    const b = (await get<StudyVersionJson>(url)).body.version;
    t.report(4, 1);
    await t.flush();
    const c = (await get<StudyVersionJson>(url)).body.version;
    expect(new Set([a, b, c]).size).toBe(3);
    await single.tell(t, 3);
  });

  it("GET /studies/:id/importances: fANOVA by default, PED-ANOVA on request, cached while the COMPLETE trials stay the same", async () => {
    const url = `/api/tunelab/studies/${single.studyId}/importances`;
    const fanova = (await get<ImportancesJson>(url)).body;
    expect(fanova).toMatchObject({ evaluator: "fanova", objective: 0, cached: false });
    expect(fanova.importances.map((i) => i.param).sort()).toEqual(["lr", "opt", "x"]);
    expect(fanova.importances[0].param).toBe("x"); // the objective is (x − 2)² + a little
    expect(fanova.importances.reduce((s, i) => s + i.importance, 0)).toBeCloseTo(1, 9);
    const again = (await get<ImportancesJson>(url)).body;
    expect(again.cached).toBe(true);
    expect(again.importances).toEqual(fanova.importances);
    const ped = (await get<ImportancesJson>(`${url}?evaluator=ped-anova`)).body;
    expect(ped).toMatchObject({ evaluator: "ped-anova", cached: false });
    expect(ped.importances).toHaveLength(3);

    const t = await single.ask();
    suggestAll(t);
    expect((await get<ImportancesJson>(url)).body.cached).toBe(true); // a RUNNING trial changes nothing
    await single.tell(t, 0.5);
    // a new COMPLETE trial within the throttle interval: the previous result, marked stale
    const after = (await get<ImportancesJson>(url)).body;
    expect(after).toMatchObject({ cached: true, stale: true, n_trials: fanova.n_trials });
  });

  it("importances per objective of a multi-objective study; bad objective or evaluator → 400", async () => {
    const url = `/api/tunelab/studies/${multiId}/importances`;
    const loss = (await get<ImportancesJson>(`${url}?objective=0`)).body;
    expect(loss.importances[0].param).toBe("a");
    const acc = (await get<ImportancesJson>(`${url}?objective=1&evaluator=ped-anova`)).body;
    expect(acc).toMatchObject({ objective: 1, evaluator: "ped-anova" });
    const out = await get<{ code: string; message: string }>(`${url}?objective=2`);
    expect([out.status, out.body.code]).toEqual([400, "INVALID_ARGUMENT"]);
    expect(out.body.message).toContain("objective 2");
    expect((await get(`${url}?evaluator=shap`)).status).toBe(400);
  });

  it("a study too young for importances answers an empty list with a reason", async () => {
    const fresh = await createStudy({ storage: `sqlite:///${join(dir, "studies.db")}`, studyName: "fresh" });
    await fresh.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 1 });
    const r = await get<ImportancesJson>(`/api/tunelab/studies/${fresh.studyId}/importances`);
    expect(r.body.importances).toEqual([]);
    expect(r.body.reason).toContain("at least 2");
    expect((await get(`/api/tunelab/studies/999/importances`)).status).toBe(404);
    await fresh.close();
  });
});
