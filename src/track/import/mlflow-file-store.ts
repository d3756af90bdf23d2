import { existsSync } from "node:fs";
import { cp, readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { type Metric, RUN_STATUSES, type RunStatus } from "../entities.js";
import { InvalidParameterValueError } from "../errors.js";
import type { ImportedRun, TrackingStore } from "../store/store.js";

/** Options of {@link importMlflowFileStore}. */
export interface ImportMlflowOptions {
  /**
   * Copy each run's artifact files into the target experiment's artifact location (default
   * false: imported runs point at their files where they are).
   */
  copyArtifacts?: boolean;
  /** Called after each run, for progress output. */
  onRun?: (done: number, total: number) => void;
}

/** What an import did, per experiment and in total. Problems are reported, not thrown. */
export interface ImportMlflowReport {
  readonly experiments: {
    readonly sourceId: string;
    readonly targetId: string;
    readonly name: string;
    /** "created", or "merged" into an existing experiment of the same name. */
    readonly action: "created" | "merged";
    readonly runsImported: number;
    readonly runsSkipped: number;
  }[];
  readonly runsImported: number;
  /** Runs whose id the target already had (an earlier import): left untouched. */
  readonly runsSkipped: number;
  readonly metricValues: number;
  /** Folders or files that could not be read, with the reason; the import went on. */
  readonly problems: { readonly path: string; readonly message: string }[];
}

const RESERVED_EXPERIMENT_DIRS = new Set(["tags", "datasets", "traces", "models"]);

type Yaml = Record<string, unknown>;

async function readYaml(path: string): Promise<Yaml> {
  const doc = parseYaml(await readFile(path, "utf8")) as unknown;
  if (!doc || typeof doc !== "object") throw new Error("meta.yaml is not a mapping");
  return doc as Yaml;
}

const str = (v: unknown, dflt = ""): string => (v === null || v === undefined ? dflt : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined || v === "" ? null : Number(v));

/** Files under `dir`, recursively, as keys joined with "/" (MLflow stores `a/b` keys as folders). */
async function readKeyFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = async (sub: string, prefix: string) => {
    for (const e of await readdir(sub, { withFileTypes: true })) {
      const key = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(join(sub, e.name), key);
      else if (e.isFile()) out.set(key, await readFile(join(sub, e.name), "utf8"));
    }
  };
  await walk(dir, "");
  return out;
}

/** A Python `str(float)` value: 1.0, 1e-05, nan, inf, -inf. */
export function parsePythonFloat(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === "nan") return Number.NaN;
  if (t === "inf" || t === "infinity") return Number.POSITIVE_INFINITY;
  if (t === "-inf" || t === "-infinity") return Number.NEGATIVE_INFINITY;
  const v = Number(t);
  if (t === "" || Number.isNaN(v)) throw new Error(`not a number: ${JSON.stringify(text)}`);
  return v;
}

/** Lines `timestamp value [step [dataset_name dataset_digest]]` of a metric file. */
export function parseMetricLines(key: string, text: string): Metric[] {
  const out: Metric[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const f = line.trim().split(" ");
    if (f.length !== 2 && f.length !== 3 && f.length !== 5)
      throw new Error(`metric '${key}' is malformed: line ${JSON.stringify(line)}`);
    out.push({
      key,
      timestamp: Number(f[0]),
      value: parsePythonFloat(f[1]!),
      step: f.length >= 3 ? Number(f[2]) : 0,
    });
  }
  return out;
}

function statusOf(v: unknown): RunStatus {
  if (v === null || v === undefined) return "RUNNING";
  if (typeof v === "number" || /^\d+$/.test(String(v))) return RUN_STATUSES[Number(v) - 1] ?? "RUNNING";
  const s = String(v).toUpperCase();
  return (RUN_STATUSES as readonly string[]).includes(s) ? (s as RunStatus) : "RUNNING";
}

/**
 * Imports a folder written by MLflow's file store (`mlruns/`, layout in FILESTORE.md of the
 * anchors) into a tracking store: experiments (with tags, active or deleted in `.trash`), runs
 * with their ids, times, status, params, tags and full metric histories.
 *
 * Experiment "0" goes into the target's Default; other experiments get new ids (MLflow's
 * 18-digit ids do not fit the SQL store's integers) and an experiment whose name exists in the
 * target is merged into it. Runs keep their ids, so re-running the import skips what is there.
 * Artifacts stay where they are (the run's artifact URI points at `<source>/<exp>/<run>/artifacts`)
 * unless `copyArtifacts` is set. Unreadable runs are listed in `problems` and skipped.
 *
 * @example
 * const store = await openTrackingStore("mlruns-new");
 * const report = await importMlflowFileStore("mlruns", store);
 */
export async function importMlflowFileStore(
  source: string,
  store: TrackingStore,
  options: ImportMlflowOptions = {},
): Promise<ImportMlflowReport> {
  const root = resolve(/^file:/i.test(source) ? fileURLToPath(source) : source);
  if (!existsSync(root) || !(await stat(root)).isDirectory())
    throw new InvalidParameterValueError(`MLflow file store ${JSON.stringify(source)} is not a folder`);
  if (!store.importRun)
    throw new InvalidParameterValueError(
      "the target tracking store cannot import runs (no importRun capability)",
    );
  const problems: { path: string; message: string }[] = [];
  // Experiment folders: active ones at the top level, deleted ones in .trash.
  const expDirs: string[] = [];
  for (const base of [root, join(root, ".trash")]) {
    if (!existsSync(base)) continue;
    for (const e of await readdir(base, { withFileTypes: true }))
      if (
        e.isDirectory() &&
        !e.name.startsWith(".") &&
        e.name !== "models" &&
        existsSync(join(base, e.name, "meta.yaml"))
      )
        expDirs.push(join(base, e.name));
  }
  if (!expDirs.length)
    throw new InvalidParameterValueError(
      `${JSON.stringify(source)} holds no MLflow experiments (expected <folder>/<experiment id>/meta.yaml)`,
    );
  // Count runs first for progress.
  const plans: { dir: string; meta: Yaml; runDirs: string[] }[] = [];
  for (const dir of expDirs) {
    let meta: Yaml;
    try {
      meta = await readYaml(join(dir, "meta.yaml"));
    } catch (err) {
      problems.push({ path: join(dir, "meta.yaml"), message: (err as Error).message });
      continue;
    }
    const runDirs: string[] = [];
    for (const e of await readdir(dir, { withFileTypes: true }))
      if (
        e.isDirectory() &&
        !RESERVED_EXPERIMENT_DIRS.has(e.name) &&
        existsSync(join(dir, e.name, "meta.yaml"))
      )
        runDirs.push(join(dir, e.name));
    plans.push({ dir, meta, runDirs: runDirs.sort() });
  }
  const total = plans.reduce((n, p) => n + p.runDirs.length, 0);
  let done = 0;
  let runsImported = 0;
  let runsSkipped = 0;
  let metricValues = 0;
  const experiments: ImportMlflowReport["experiments"][number][] = [];

  for (const { dir, meta, runDirs } of plans) {
    const sourceId = str(meta.experiment_id);
    const name = str(meta.name);
    const deleted = str(meta.lifecycle_stage, "active") === "deleted";
    let targetId: string;
    let action: "created" | "merged";
    const existing =
      sourceId === "0" ? await store.getExperiment("0") : await store.getExperimentByName(name);
    if (existing) {
      targetId = existing.experimentId;
      action = "merged";
    } else {
      targetId = await store.createExperiment(name);
      action = "created";
    }
    const expTags = await readKeyFiles(join(dir, "tags"));
    const target = await store.getExperiment(targetId);
    if (target.lifecycleStage === "active")
      for (const [key, value] of expTags) await store.setExperimentTag(targetId, { key, value });
    let imported = 0;
    let skipped = 0;
    for (const runDir of runDirs) {
      try {
        const run = await readRun(runDir, targetId, target.artifactLocation, options.copyArtifacts ?? false);
        if (await store.importRun(run)) {
          imported++;
          metricValues += run.metrics.length;
          if (options.copyArtifacts && existsSync(join(runDir, "artifacts")))
            await cp(join(runDir, "artifacts"), fileURLToPath(run.artifactUri), {
              recursive: true,
              force: false,
            });
        } else skipped++;
      } catch (err) {
        problems.push({ path: runDir, message: (err as Error).message });
      }
      options.onRun?.(++done, total);
    }
    if (deleted && action === "created") await store.deleteExperiment(targetId);
    runsImported += imported;
    runsSkipped += skipped;
    experiments.push({ sourceId, targetId, name, action, runsImported: imported, runsSkipped: skipped });
  }
  return { experiments, runsImported, runsSkipped, metricValues, problems };
}

async function readRun(
  dir: string,
  experimentId: string,
  experimentLocation: string,
  copy: boolean,
): Promise<ImportedRun> {
  const meta = await readYaml(join(dir, "meta.yaml"));
  const runId = str(meta.run_id) || str(meta.run_uuid);
  if (!/^[a-zA-Z0-9][\w-]{0,255}$/.test(runId)) throw new Error(`run id ${JSON.stringify(runId)} is invalid`);
  const params = Object.fromEntries(await readKeyFiles(join(dir, "params")));
  const tags = Object.fromEntries(await readKeyFiles(join(dir, "tags")));
  const metrics: Metric[] = [];
  for (const [key, text] of await readKeyFiles(join(dir, "metrics")))
    metrics.push(...parseMetricLines(key, text));
  const runName = str(meta.run_name) || tags["mlflow.runName"] || runId;
  tags["mlflow.runName"] ??= runName;
  const local = join(dir, "artifacts");
  const artifactUri = copy
    ? `${experimentLocation.replace(/\/+$/, "")}/${runId}/artifacts`
    : existsSync(local)
      ? pathToFileURL(local).href // where the files are now (the folder may have moved since)
      : str(meta.artifact_uri);
  const startTime = num(meta.start_time) ?? 0;
  return {
    runId,
    experimentId,
    runName,
    userId: str(meta.user_id),
    status: statusOf(meta.status),
    startTime,
    endTime: num(meta.end_time),
    lifecycleStage: str(meta.lifecycle_stage, "active") === "deleted" ? "deleted" : "active",
    deletedTime: num(meta.deleted_time),
    artifactUri,
    metrics,
    params,
    tags,
  };
}
