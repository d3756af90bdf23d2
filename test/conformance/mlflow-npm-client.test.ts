import { createRequire } from "node:module";
import { beforeAll, expect, it } from "vitest";
import { pythonHas, VENV_PYTHON } from "../helpers/python-venv.js";
import { describeIf } from "../helpers/requires.js";
import { transcriptsOfBoth } from "./mlflow-peer.js";

/** The parts of the npm `mlflow` client (2.0.7, a dev dependency) this test calls. */
type Call = (args: Record<string, unknown>) => Promise<Record<string, unknown>>;
interface NpmMlflow {
  Experiments: Record<"create" | "get" | "update" | "delete" | "restore" | "list" | "setExperimentTag", Call>;
  Runs: Record<
    | "create"
    | "get"
    | "update"
    | "delete"
    | "restore"
    | "search"
    | "logMetric"
    | "logParameter"
    | "setTag"
    | "deleteTag"
    | "logBatch",
    Call
  >;
  Metrics: Record<"getHistory", Call>;
  Artifacts: Record<"list", Call>;
}
// CommonJS package whose typings do not match its export (module.exports is the class itself)
const MLflow = createRequire(import.meta.url)("mlflow") as new (opts: { endpoint: string }) => NpmMlflow;

interface Step {
  step: string;
  ok?: unknown;
  /** HTTP status and MLflow error code of a refused call. */
  error?: { status: number; code?: string };
}

/**
 * Runs every call the npm client supports against `url` and returns a transcript with ids
 * replaced by their order of appearance and server-chosen times and random run names removed,
 * so that two servers' transcripts compare equal when they behave the same.
 */
async function transcript(url: string): Promise<Step[]> {
  const c = new MLflow({ endpoint: url });
  const out: Step[] = [];
  const ids = new Map<string, string>();
  const idOf = (v: string) => {
    if (!ids.has(v)) ids.set(v, `<id${ids.size}>`);
    return ids.get(v)!;
  };
  const byKey = (a: unknown, b: unknown) =>
    String((a as { key?: string }).key) < String((b as { key?: string }).key) ? -1 : 1;
  const norm = (v: unknown, key = ""): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x) => norm(x, key));
      // run data lists stand for maps: MLflow sends them in storage order, which means nothing
      return ["metrics", "params", "tags"].includes(key) ? items.sort(byKey) : items;
    }
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.key === "mlflow.runName") return { key: o.key, value: "<random name>" };
      return Object.fromEntries(
        Object.entries(o)
          // server-chosen times and random run names; `workspace` is MLflow 3.17's new experiment
          // field for its multi-workspace mode, which tunelab does not have (exclusion on purpose)
          .filter(
            ([k]) =>
              ![
                "start_time",
                "end_time",
                "creation_time",
                "last_update_time",
                "run_name",
                "workspace",
              ].includes(k),
          )
          .map(([k, x]) => [k, norm(x, k)]),
      );
    }
    if (typeof v === "string") {
      if (["experiment_id", "run_id", "run_uuid"].includes(key)) return idOf(v);
      if (key === "artifact_uri" || key === "artifact_location" || key === "root_uri")
        return v
          .split("/")
          .map((seg) => (ids.has(seg) ? ids.get(seg) : seg))
          .join("/");
    }
    return v;
  };
  const step = async (name: string, fn: () => Promise<unknown>): Promise<unknown> => {
    try {
      const value = await fn();
      out.push({ step: name, ok: norm(value) });
      return value;
    } catch (err) {
      // the client throws Error("Error: {status, statusText, data}")
      const m = /\{.*\}$/s.exec(String((err as Error).message));
      const body = m ? (JSON.parse(m[0]) as { status: number; data?: { error_code?: string } | null }) : null;
      out.push({
        step: name,
        error: {
          status: body?.status ?? -1,
          ...(body?.data?.error_code ? { code: body.data.error_code } : {}),
        },
      });
      return undefined;
    }
  };
  const log = console.log;
  console.log = () => {}; // the client prints every POST body
  try {
    const exp = (await step("experiments create", () => c.Experiments.create({ name: "npm-exp" }))) as {
      experiment_id: string;
    };
    const experiment_id = exp.experiment_id;
    await step("experiments create duplicate", () => c.Experiments.create({ name: "npm-exp" }));
    await step("experiments get", () => c.Experiments.get({ experiment_id }));
    await step("experiments get unknown", () => c.Experiments.get({ experiment_id: "987654" }));
    await step("experiments update", () => c.Experiments.update({ experiment_id, new_name: "npm-exp-2" }));
    await step("experiments get renamed", () => c.Experiments.get({ experiment_id }));
    await step("experiments list (removed in MLflow 2)", () => c.Experiments.list({}));
    const run = (await step("runs create", () =>
      c.Runs.create({ experiment_id, start_time: 1_700_000_000_000, tags: [{ key: "t", value: "1" }] }),
    )) as { run: { info: { run_id: string } } };
    const run_id = run.run.info.run_id;
    await step("runs log-metric", () =>
      c.Runs.logMetric({ run_id, key: "loss", value: 0.5, timestamp: 1_700_000_000_001, step: 1 }),
    );
    await step("runs log-parameter", () => c.Runs.logParameter({ run_id, key: "depth", value: "6" }));
    await step("runs log-parameter changed", () => c.Runs.logParameter({ run_id, key: "depth", value: "7" }));
    await step("runs set-tag", () => c.Runs.setTag({ run_id, key: "stage", value: "dev" }));
    await step("runs delete-tag", () => c.Runs.deleteTag({ run_id, key: "t" }));
    await step("runs delete-tag missing", () => c.Runs.deleteTag({ run_id, key: "nope" }));
    await step("runs log-batch", () =>
      c.Runs.logBatch({
        run_id,
        metrics: Array.from({ length: 5 }, (_, i) => ({
          key: "acc",
          value: i / 10,
          timestamp: 1_700_000_000_010 + i,
          step: i,
        })),
        params: [{ key: "lr", value: "0.1" }],
        tags: [{ key: "note", value: "npm" }],
      }),
    );
    await step("runs log-batch bad metric", () =>
      c.Runs.logBatch({ run_id, metrics: [{ key: "bad key!", value: 1, timestamp: 1, step: 0 }] }),
    );
    await step("runs get", () => c.Runs.get({ run_id }));
    await step("runs get unknown", () => c.Runs.get({ run_id: "0".repeat(32) }));
    await step("runs search", () =>
      c.Runs.search({
        experiment_ids: [experiment_id],
        filter: "metrics.acc > 0.1",
        order_by: ["metrics.acc DESC"],
      }),
    );
    await step("runs search bad filter", () =>
      c.Runs.search({ experiment_ids: [experiment_id], filter: "metrics.acc >> 1" }),
    );
    await step("runs update", () =>
      c.Runs.update({ run_id, status: "FINISHED", end_time: 1_700_000_000_100 }),
    );
    await step("metrics get-history", () => c.Metrics.getHistory({ run_id, metric_key: "acc" }));
    await step("artifacts list", () => c.Artifacts.list({ run_id }));
    await step("runs delete", () => c.Runs.delete({ run_id }));
    await step("runs log-metric to deleted run", () =>
      c.Runs.logMetric({ run_id, key: "loss", value: 1, timestamp: 1_700_000_000_200, step: 2 }),
    );
    await step("runs restore", () => c.Runs.restore({ run_id }));
    await step("experiments delete", () => c.Experiments.delete({ experiment_id }));
    await step("experiments restore", () => c.Experiments.restore({ experiment_id }));
  } finally {
    console.log = log;
  }
  return out;
}

describeIf(pythonHas("mlflow"), `Python with mlflow at ${VENV_PYTHON} (set TUNELAB_VENV)`)(
  "the npm mlflow client: tunelab server vs mlflow server",
  () => {
    let ours: Step[];
    let theirs: Step[];
    beforeAll(async () => {
      [ours, theirs] = await transcriptsOfBoth(transcript, { parallel: false });
    }, 600_000);

    it("covers the client's calls, its successes and MLflow's error codes", () => {
      expect(theirs.length).toBeGreaterThanOrEqual(25);
      expect(theirs.filter((s) => s.error?.code).map((s) => s.error?.code)).toEqual(
        expect.arrayContaining([
          "RESOURCE_ALREADY_EXISTS",
          "RESOURCE_DOES_NOT_EXIST",
          "INVALID_PARAMETER_VALUE",
        ]),
      );
    });

    it("every call gives the same answer, HTTP status and error code on both servers", () => {
      // Where MLflow answers an unknown route with a bare 404 (no MLflow error body), tunelab's
      // JSON 404 (`ENDPOINT_NOT_FOUND`, asked for by the server issue) is compared by status only.
      const bare = new Set(theirs.filter((s) => s.error && !s.error.code).map((s) => s.step));
      const comparable = (t: Step[]) =>
        t.map((s) => (bare.has(s.step) && s.error ? { step: s.step, error: { status: s.error.status } } : s));
      expect(comparable(ours)).toEqual(comparable(theirs));
      // get-history without max_results (the npm client never sends it) returns the whole history
      const history = ours.find((s) => s.step === "metrics get-history")?.ok as {
        metrics: { step: number }[];
      };
      expect(history.metrics.map((m) => m.step)).toEqual([0, 1, 2, 3, 4]);
    });
  },
);
