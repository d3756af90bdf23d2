import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  createStudy,
  createTrial,
  distributionToJson,
  FloatDistribution,
  type FrozenTrial,
  loadStudy,
  pyJsonParse,
  RandomSampler,
  TrialPruned,
} from "../../src/tune/index.js";
import { freshPostgres, freshSqlite, postgresAvailable } from "../helpers/databases.js";
import { describeIf } from "../helpers/requires.js";

/** The Python venv with optuna (created by .ci/run when missing). */
const VENV = process.env.TUNELAB_VENV ?? join(process.env.HOME ?? "/root", ".cache", "tunelab-venv");
const PYTHON = join(VENV, "bin", "python");
const PEER = "test/conformance/optuna_storage_peer.py";
const havePython = existsSync(PYTHON);

function py(...args: string[]): string {
  return execFileSync(PYTHON, [PEER, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

interface PyTrial {
  number: number;
  state: string;
  values: (number | string)[] | null;
  params: Record<string, unknown>;
  distributions: Record<string, string>;
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
  intermediate_values: [number, number | string][];
  datetime_start: string | null;
  datetime_complete: string | null;
}

const num = (v: number | string | null) =>
  v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v;

/** Asserts that Optuna's view of a trial (dumped by the peer) equals tunelab's. */
function expectSameTrial(t: FrozenTrial, p: PyTrial): void {
  expect(t.number).toBe(p.number);
  expect(t.state).toBe(p.state);
  expect(t.values).toEqual(p.values === null ? null : p.values.map(num));
  expect(t.params).toEqual(p.params);
  for (const [name, d] of Object.entries(t.distributions))
    expect(distributionToJson(d)).toBe(p.distributions[name]);
  expect(t.userAttrs).toEqual(p.user_attrs);
  expect(t.systemAttrs).toEqual(p.system_attrs);
  expect([...t.intermediateValues]).toEqual(p.intermediate_values.map(([s, v]) => [s, num(v)]));
  // Optuna keeps microseconds, tunelab milliseconds; both are naive UTC (the peer always prints microseconds).
  expect(t.datetimeStart?.toISOString().slice(0, 23) ?? null).toBe(p.datetime_start?.slice(0, 23) ?? null);
  expect(t.datetimeComplete?.toISOString().slice(0, 23) ?? null).toBe(
    p.datetime_complete?.slice(0, 23) ?? null,
  );
}

/** A tunelab study with every kind of data Optuna stores. */
async function tunelabMadeStudy(url: string): Promise<void> {
  const study = await createStudy({ studyName: "ts", storage: url, sampler: new RandomSampler({ seed: 5 }) });
  await study.setUserAttr("owner", { team: "ts", tags: ["a", 1] });
  await study.optimize(
    (trial) => {
      const x = trial.suggestFloat("x", -5, 5);
      const n = trial.suggestInt("n", 1, 64, { log: true });
      const s = trial.suggestFloat("s", 0, 1, { step: 0.25 });
      const c = trial.suggestCategorical("c", ["a", null, 1.5, true]);
      trial.report(x * x, 0);
      trial.report(NaN, 1);
      trial.report(-Infinity, 2);
      trial.setUserAttr("from", { lang: "ts", list: [1, 2.5, "x"] });
      if (trial.number === 3) throw new TrialPruned();
      if (trial.number === 4) throw new RangeError("boom");
      return x * x + n + s + (c === null ? 1 : 0);
    },
    { nTrials: 6, catch: [RangeError] },
  );
  await study.enqueueTrial({ x: 1.25, c: "a" }, { userAttrs: { enqueued: true } });
  await study.close();
  const mo = await createStudy({ studyName: "ts-mo", storage: url, directions: ["minimize", "maximize"] });
  await mo.addTrial(
    createTrial({
      values: [Infinity, -Infinity],
      params: { x: 0.5 },
      distributions: { x: new FloatDistribution(0, 1) },
    }),
  );
  await mo.addTrial(
    createTrial({
      values: [1, 2],
      params: { k: "b" },
      distributions: { k: new CategoricalDistribution(["a", "b"]) },
    }),
  );
  await mo.close();
}

function interop(
  name: string,
  makeDb: () => Promise<{ url: string; pyUrl: string; cleanup: () => Promise<void> }>,
) {
  describe(name, () => {
    it("Optuna reads a tunelab study (params, values, states, intermediate values, attrs) and continues it", async () => {
      const db = await makeDb();
      try {
        await tunelabMadeStudy(db.url);
        const ours = await loadStudy({ studyName: "ts", storage: db.url });
        const dumped = pyJsonParse(py("dump", db.pyUrl, "ts")) as {
          directions: string[];
          user_attrs: unknown;
          trials: PyTrial[];
        };
        expect(dumped.directions).toEqual(["MINIMIZE"]);
        expect(ours.userAttrs).toEqual({ owner: { team: "ts", tags: ["a", 1] } });
        expect(dumped.user_attrs).toEqual(ours.userAttrs);
        expect(dumped.trials.map((t) => t.state)).toEqual([
          "COMPLETE",
          "COMPLETE",
          "COMPLETE",
          "PRUNED",
          "FAIL",
          "COMPLETE",
          "WAITING",
        ]);
        for (const [i, t] of ours.trials.entries()) expectSameTrial(t, dumped.trials[i]);
        const mo = pyJsonParse(py("dump", db.pyUrl, "ts-mo")) as { directions: string[]; trials: PyTrial[] };
        expect(mo.directions).toEqual(["MINIMIZE", "MAXIMIZE"]);
        expect(mo.trials[0].values).toEqual(["Infinity", "-Infinity"]);
        await ours.close();

        // Every distribution_json tunelab wrote is byte-identical to Optuna's serialisation.
        for (const [stored, optunas] of JSON.parse(py("distjson", db.pyUrl)) as [string, string][])
          expect(stored).toBe(optunas);

        const cont = JSON.parse(py("continue", db.pyUrl, "ts", "3")) as { n_trials: number };
        expect(cont.n_trials).toBe(9); // the WAITING trial ran first, then two new ones
        const after = await loadStudy({ studyName: "ts", storage: db.url });
        expect(after.trials[6].state).toBe("COMPLETE");
        expect(after.trials[6].params).toMatchObject({ x: 1.25, c: "a" });
        expect(after.trials[6].userAttrs).toMatchObject({ enqueued: true, from: "python" });
        expect(after.trials.map((t) => t.number)).toEqual([...Array(9).keys()]);
        await after.close();
      } finally {
        await db.cleanup();
      }
    }, 120_000);

    it("tunelab reads an Optuna study and continues it; Optuna reads the result", async () => {
      const db = await makeDb();
      try {
        py("create", db.pyUrl, "py");
        const dumped = pyJsonParse(py("dump", db.pyUrl, "py")) as { user_attrs: unknown; trials: PyTrial[] };
        const study = await loadStudy({
          studyName: "py",
          storage: db.url,
          sampler: new RandomSampler({ seed: 1 }),
        });
        expect(study.direction).toBe("minimize");
        expect(study.userAttrs).toEqual(dumped.user_attrs);
        expect(study.trials.map((t) => t.state)).toEqual([
          "COMPLETE",
          "COMPLETE",
          "COMPLETE",
          "COMPLETE",
          "PRUNED",
          "FAIL",
          "WAITING",
        ]);
        for (const [i, t] of study.trials.entries()) expectSameTrial(t, dumped.trials[i]);
        expect(study.bestValue).toBe(
          Math.min(...dumped.trials.filter((t) => t.state === "COMPLETE").map((t) => t.values![0] as number)),
        );

        await study.optimize(
          (trial) => {
            const x = trial.suggestFloat("x", -5, 5);
            const n = trial.suggestInt("n", 1, 64, { log: true });
            const c = trial.suggestCategorical("c", ["a", null, 1.5, true]);
            trial.report(x, 0);
            return x * x + n + (c === null ? 1 : 0);
          },
          { nTrials: 3 },
        );
        expect(study.trials[6].state).toBe("COMPLETE");
        expect(study.trials[6].params).toMatchObject({ x: 1.25, c: "a" });
        await study.close();
        const back = pyJsonParse(py("dump", db.pyUrl, "py")) as { trials: PyTrial[] };
        expect(back.trials).toHaveLength(9);
        expect(back.trials.slice(6).map((t) => t.state)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE"]);
        const reread = await loadStudy({ studyName: "py", storage: db.url });
        for (const [i, t] of reread.trials.entries()) expectSameTrial(t, back.trials[i]);
        await reread.close();
        const cont = JSON.parse(py("continue", db.pyUrl, "py", "2")) as { n_trials: number };
        expect(cont.n_trials).toBe(11);
      } finally {
        await db.cleanup();
      }
    }, 120_000);
  });
}

describeIf(havePython, `Python with optuna at ${PYTHON} (set TUNELAB_VENV)`)("Optuna interop", () => {
  interop("SQLite file", async () => {
    const f = freshSqlite();
    return { url: f.url, pyUrl: f.url, cleanup: async () => f.remove() };
  });
  describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("PostgreSQL", () => {
    interop("PostgreSQL database", async () => {
      const d = await freshPostgres();
      // SQLAlchemy 2 maps postgresql:// to psycopg 3; the venv has psycopg2. tunelab reads both spellings.
      const pyUrl = d.url.replace(/^postgresql:/, "postgresql+psycopg2:");
      return { url: pyUrl, pyUrl, cleanup: d.drop };
    });
  });
});
