import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importMlflowFileStore, parseMetricLines, SqlTrackingStore } from "../../../src/track/index.js";
import { pythonHas, VENV_PYTHON } from "../../helpers/python-venv.js";
import { describeIf } from "../../helpers/requires.js";

const SCRIPT = fileURLToPath(new URL("./make_mlflow_file_store.py", import.meta.url));
const num = (v: number | string) =>
  v === "NaN" ? Number.NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : (v as number);

describe("parseMetricLines(key, text)", () => {
  it("reads 2-, 3- and 5-field lines and Python's nan/inf spellings", () => {
    expect(parseMetricLines("k", "1 1.0\n2 nan 3\n3 -inf 4 ds abc\n")).toEqual([
      { key: "k", timestamp: 1, value: 1, step: 0 },
      { key: "k", timestamp: 2, value: Number.NaN, step: 3 },
      { key: "k", timestamp: 3, value: -Infinity, step: 4 },
    ]);
    expect(() => parseMetricLines("k", "1 2 3 4\n")).toThrow(/malformed/);
  });
});

interface PyRun {
  experiment: string;
  run_id: string;
  run_name: string;
  status: string;
  start_time: number;
  end_time: number | null;
  stage: string;
  user_id: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, number | string>;
  history: Record<string, [number, number, number | string][]>;
}

describeIf(pythonHas("mlflow"), `Python with mlflow at ${VENV_PYTHON} (set TUNELAB_VENV)`)(
  "importMlflowFileStore() on a folder written by MLflow itself",
  () => {
    let dir: string;
    let expected: {
      experiments: { id: string; name: string; stage: string; tags: Record<string, string> }[];
      runs: PyRun[];
    };
    let store: SqlTrackingStore;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "tunelab-import-"));
      expected = JSON.parse(
        execFileSync(VENV_PYTHON, [SCRIPT, dir], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
      );
      store = await SqlTrackingStore.open(`sqlite:///${join(dir, "target", "tunelab.db")}`, {
        artifactRoot: join(dir, "target", "artifacts"),
      });
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("imports every experiment and run with ids, names, status, times, params, tags, latest metrics and histories", async () => {
      const report = await importMlflowFileStore(join(dir, "mlruns"), store);
      expect(report.problems).toEqual([]);
      expect(report.runsImported).toBe(expected.runs.length);
      for (const e of expected.experiments) {
        const got = e.id === "0" ? await store.getExperiment("0") : await store.getExperimentByName(e.name);
        expect(got, e.name).not.toBeNull();
        expect(got!.lifecycleStage).toBe(e.stage);
        expect(got!.tags).toMatchObject(e.tags);
      }
      for (const r of expected.runs) {
        const run = await store.getRun(r.run_id);
        expect(run.info).toMatchObject({
          runName: r.run_name,
          status: r.status,
          startTime: r.start_time,
          endTime: r.end_time,
          lifecycleStage: r.stage,
          userId: r.user_id,
        });
        expect(run.data.params).toEqual(r.params);
        expect(run.data.tags).toEqual(r.tags);
        expect(Object.fromEntries(run.data.metrics.map((m) => [m.key, m.value]))).toEqual(
          Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, num(v)])),
        );
        for (const [key, hist] of Object.entries(r.history)) {
          const got = (await store.getMetricHistory(r.run_id, key)).items.map((m) => [
            m.step,
            m.timestamp,
            m.value,
          ]);
          const want = hist
            .map(([s, t, v]) => [s, t, num(v)])
            .sort((a, b) => (a[0] as number) - (b[0] as number));
          expect(got, `${r.run_name}/${key}`).toEqual(want);
        }
      }
      const parent = expected.runs.find((r) => r.run_name === "parent")!;
      const files = await import("../../../src/track/index.js").then(({ artifactRepositoryFor }) =>
        store
          .getRun(parent.run_id)
          .then((run) => artifactRepositoryFor(run.info.artifactUri).listArtifacts("model")),
      );
      expect(files).toEqual([{ path: "model/model.txt", isDir: false, fileSize: 7 }]);
      const child = expected.runs.find((r) => r.run_name === "child")!;
      expect((await store.getRun(child.run_id)).data.tags["mlflow.parentRunId"]).toBe(parent.run_id);
    });

    it("a second import skips what is there and changes nothing", async () => {
      const before = (await store.searchRuns({ experimentIds: ["0", "1", "2"], runViewType: "ALL" })).items
        .length;
      const report = await importMlflowFileStore(join(dir, "mlruns"), store);
      expect(report.runsImported).toBe(0);
      expect(report.runsSkipped).toBe(expected.runs.length);
      expect(
        (await store.searchRuns({ experimentIds: ["0", "1", "2"], runViewType: "ALL" })).items.length,
      ).toBe(before);
    });

    it("`tunelab import-mlflow` imports into a folder tracking URI and copies artifacts on request", async () => {
      const target = join(dir, "cli-target");
      const out = execFileSync(
        process.execPath,
        [
          "bin/tunelab.js",
          "import-mlflow",
          join(dir, "mlruns"),
          "--tracking-uri",
          target,
          "--copy-artifacts",
        ],
        { encoding: "utf8" },
      );
      expect(out).toContain(`imported ${expected.runs.length} runs`);
      const s = await SqlTrackingStore.open(`sqlite:///${join(target, "tunelab.db")}`, {
        artifactRoot: join(target, "artifacts"),
      });
      try {
        const parent = expected.runs.find((r) => r.run_name === "parent")!;
        const run = await s.getRun(parent.run_id);
        expect(run.info.artifactUri.startsWith(`file://${join(target, "artifacts")}`)).toBe(true);
        expect(await readFile(join(fileURLToPath(run.info.artifactUri), "model", "model.txt"), "utf8")).toBe(
          "weights",
        );
      } finally {
        await s.close();
      }
    });
  },
);
