import type {
  Experiment,
  ExperimentTag,
  Metric,
  PagedList,
  Param,
  Run,
  RunInfo,
  RunInputs,
  RunStatus,
  RunTag,
} from "../entities.js";
import {
  InvalidParameterValueError,
  InvalidStateError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
  TunelabError,
} from "../errors.js";
import type {
  CreateRunOptions,
  LogBatchInput,
  LogInputsInput,
  MetricHistoryOptions,
  SearchExperimentsOptions,
  SearchRunsOptions,
  TrackingStore,
  UpdateRunOptions,
} from "./store.js";

/** Options of {@link RestTrackingStore}. */
export interface RestTrackingStoreOptions {
  /**
   * HTTP basic auth. Default: the URL's `user:password@`, else `$MLFLOW_TRACKING_USERNAME` and
   * `$MLFLOW_TRACKING_PASSWORD` when both are set (as MLflow's clients read them).
   */
  readonly auth?: { username: string; password: string };
  /** Bearer token; default `$MLFLOW_TRACKING_TOKEN`. */
  readonly token?: string;
}

type Json = Record<string, unknown>;
type WireKV = { key: string; value?: string };
type WireMetric = { key: string; value: number | string; timestamp?: number; step?: number };

const wireDouble = (v: number): number | string =>
  Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
const readDouble = (v: number | string): number =>
  typeof v === "number"
    ? v
    : v === "NaN"
      ? Number.NaN
      : v === "Infinity"
        ? Number.POSITIVE_INFINITY
        : v === "-Infinity"
          ? Number.NEGATIVE_INFINITY
          : Number(v);
const toRecord = (list: WireKV[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((t) => [t.key, t.value ?? ""]));
const toList = (tags: readonly { key: string; value: string }[] | undefined) =>
  (tags ?? []).map((t) => ({ key: t.key, value: t.value }));
const toMetric = (m: WireMetric): Metric => ({
  key: m.key,
  value: readDouble(m.value),
  timestamp: Number(m.timestamp ?? 0),
  step: Number(m.step ?? 0),
});
const fromMetric = (m: Metric) => ({
  key: m.key,
  value: wireDouble(m.value),
  timestamp: m.timestamp,
  step: m.step,
});

function toExperiment(e: Json): Experiment {
  return {
    experimentId: String(e.experiment_id),
    name: String(e.name ?? ""),
    artifactLocation: String(e.artifact_location ?? ""),
    lifecycleStage: e.lifecycle_stage === "deleted" ? "deleted" : "active",
    tags: toRecord(e.tags as WireKV[] | undefined),
    creationTime: Number(e.creation_time ?? 0),
    lastUpdateTime: Number(e.last_update_time ?? 0),
  };
}

function toRunInfo(i: Json): RunInfo {
  return {
    runId: String(i.run_id ?? i.run_uuid),
    experimentId: String(i.experiment_id),
    runName: String(i.run_name ?? ""),
    status: (i.status ?? "RUNNING") as RunStatus,
    startTime: Number(i.start_time ?? 0),
    endTime: i.end_time === undefined || i.end_time === null ? null : Number(i.end_time),
    artifactUri: String(i.artifact_uri ?? ""),
    lifecycleStage: i.lifecycle_stage === "deleted" ? "deleted" : "active",
    userId: String(i.user_id ?? ""),
  };
}

type WireDatasetInput = { tags?: WireKV[]; dataset: Record<string, string | undefined> };

/** A run's `inputs` from the wire, or undefined when it has none. */
function toInputs(i: Json | undefined): RunInputs | undefined {
  const ds = (i?.dataset_inputs ?? []) as WireDatasetInput[];
  const models = (i?.model_inputs ?? []) as { model_id: string }[];
  if (!ds.length && !models.length) return undefined;
  return {
    datasetInputs: ds.map((x) => ({
      tags: (x.tags ?? []).map((t) => ({ key: t.key, value: t.value ?? "" })),
      dataset: {
        name: String(x.dataset.name ?? ""),
        digest: String(x.dataset.digest ?? ""),
        sourceType: String(x.dataset.source_type ?? ""),
        source: String(x.dataset.source ?? ""),
        ...(x.dataset.schema !== undefined ? { schema: x.dataset.schema } : {}),
        ...(x.dataset.profile !== undefined ? { profile: x.dataset.profile } : {}),
      },
    })),
    modelInputs: models.map((m) => ({ modelId: m.model_id })),
  };
}

function toRun(r: Json): Run {
  const data = (r.data ?? {}) as { metrics?: WireMetric[]; params?: WireKV[]; tags?: WireKV[] };
  const inputs = toInputs(r.inputs as Json | undefined);
  return {
    info: toRunInfo(r.info as Json),
    data: {
      metrics: (data.metrics ?? [])
        .map(toMetric)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      params: toRecord(data.params),
      tags: toRecord(data.tags),
    },
    ...(inputs ? { inputs } : {}),
  };
}

/** The tunelab error for an MLflow `{error_code, message}` answer. */
function errorFor(status: number, code: string | undefined, message: string): Error {
  switch (code) {
    case "INVALID_PARAMETER_VALUE":
      return new InvalidParameterValueError(message);
    case "RESOURCE_DOES_NOT_EXIST":
      return new ResourceDoesNotExistError(message);
    case "RESOURCE_ALREADY_EXISTS":
      return new ResourceAlreadyExistsError(message);
    case "INVALID_STATE":
      return new InvalidStateError(message);
    default:
      return new TunelabError(code ?? `HTTP_${status}`, message, { statusCode: status });
  }
}

/**
 * The REST store: a {@link TrackingStore} over MLflow's tracking REST API, so `TrackingClient`
 * and the fluent API log to any MLflow-compatible server (`tunelab server` or MLflow's own).
 * Errors come back as the same tunelab errors the SQL store throws (by MLflow `error_code`).
 *
 * @example
 * const client = new TrackingClient("http://127.0.0.1:5000");
 * const run = await client.createRun("0");
 */
export class RestTrackingStore implements TrackingStore {
  /** The server's base URL without credentials or trailing slash. */
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;

  constructor(url: string, options: RestTrackingStoreOptions = {}) {
    const u = new URL(url);
    let auth = options.auth;
    if (!auth && u.username)
      auth = { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    const env = process.env;
    if (!auth && env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD)
      auth = { username: env.MLFLOW_TRACKING_USERNAME, password: env.MLFLOW_TRACKING_PASSWORD };
    u.username = "";
    u.password = "";
    this.baseUrl = u.href.replace(/\/+$/, "");
    const token = options.token ?? env.MLFLOW_TRACKING_TOKEN;
    this.headers = auth
      ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` }
      : token
        ? { authorization: `Bearer ${token}` }
        : {};
  }

  /** Calls one RPC under `/api/2.0/mlflow/`; GET fields go in the query string. */
  private async call<T = Json>(method: "GET" | "POST", path: string, fields: Json = {}): Promise<T> {
    let url = `${this.baseUrl}/api/2.0/mlflow/${path}`;
    const init: RequestInit = { method, headers: { ...this.headers } };
    if (method === "GET") {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) {
        if (v === undefined) continue;
        for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
      }
      const qs = q.toString();
      if (qs) url += `?${qs}`;
    } else {
      init.body = JSON.stringify(fields);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
    const res = await fetch(url, init);
    const text = await res.text();
    let body: Json = {};
    try {
      body = text ? (JSON.parse(text) as Json) : {};
    } catch {
      if (!res.ok)
        throw errorFor(res.status, undefined, `${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
      throw new TunelabError(
        "INTERNAL_ERROR",
        `${method} ${path}: answer is not JSON: ${text.slice(0, 200)}`,
      );
    }
    if (!res.ok)
      throw errorFor(
        res.status,
        typeof body.error_code === "string" ? body.error_code : undefined,
        typeof body.message === "string" ? body.message : `${method} ${path}: HTTP ${res.status}`,
      );
    return body as T;
  }

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: readonly ExperimentTag[] } = {},
  ): Promise<string> {
    const r = await this.call<{ experiment_id: string }>("POST", "experiments/create", {
      name,
      ...(options.artifactLocation !== undefined ? { artifact_location: options.artifactLocation } : {}),
      tags: toList(options.tags),
    });
    return String(r.experiment_id);
  }
  async getExperiment(experimentId: string): Promise<Experiment> {
    const r = await this.call<{ experiment: Json }>("GET", "experiments/get", {
      experiment_id: experimentId,
    });
    return toExperiment(r.experiment);
  }
  async getExperimentByName(name: string): Promise<Experiment | null> {
    try {
      const r = await this.call<{ experiment: Json }>("GET", "experiments/get-by-name", {
        experiment_name: name,
      });
      return toExperiment(r.experiment);
    } catch (err) {
      if ((err as { code?: string }).code === "RESOURCE_DOES_NOT_EXIST") return null;
      throw err;
    }
  }
  async searchExperiments(options: SearchExperimentsOptions = {}): Promise<PagedList<Experiment>> {
    const r = await this.call<{ experiments?: Json[]; next_page_token?: string }>(
      "POST",
      "experiments/search",
      {
        max_results: options.maxResults ?? 1000,
        ...(options.viewType ? { view_type: options.viewType } : {}),
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.orderBy ? { order_by: options.orderBy } : {}),
        ...(options.pageToken ? { page_token: options.pageToken } : {}),
      },
    );
    return {
      items: (r.experiments ?? []).map(toExperiment),
      ...(r.next_page_token ? { nextPageToken: r.next_page_token } : {}),
    };
  }
  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    await this.call("POST", "experiments/update", { experiment_id: experimentId, new_name: newName });
  }
  async deleteExperiment(experimentId: string): Promise<void> {
    await this.call("POST", "experiments/delete", { experiment_id: experimentId });
  }
  async restoreExperiment(experimentId: string): Promise<void> {
    await this.call("POST", "experiments/restore", { experiment_id: experimentId });
  }
  async setExperimentTag(experimentId: string, tag: ExperimentTag): Promise<void> {
    await this.call("POST", "experiments/set-experiment-tag", { experiment_id: experimentId, ...tag });
  }
  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    await this.call("POST", "experiments/delete-experiment-tag", { experiment_id: experimentId, key });
  }

  async createRun(options: CreateRunOptions): Promise<Run> {
    const r = await this.call<{ run: Json }>("POST", "runs/create", {
      experiment_id: options.experimentId,
      start_time: options.startTime ?? Date.now(),
      ...(options.userId ? { user_id: options.userId } : {}),
      ...(options.runName !== undefined ? { run_name: options.runName } : {}),
      tags: toList(options.tags),
    });
    return toRun(r.run);
  }
  async getRun(runId: string): Promise<Run> {
    return toRun((await this.call<{ run: Json }>("GET", "runs/get", { run_id: runId })).run);
  }
  async updateRunInfo(runId: string, options: UpdateRunOptions): Promise<RunInfo> {
    const r = await this.call<{ run_info: Json }>("POST", "runs/update", {
      run_id: runId,
      ...(options.status ? { status: options.status } : {}),
      ...(options.endTime !== undefined && options.endTime !== null ? { end_time: options.endTime } : {}),
      ...(options.runName !== undefined ? { run_name: options.runName } : {}),
    });
    return toRunInfo(r.run_info);
  }
  async deleteRun(runId: string): Promise<void> {
    await this.call("POST", "runs/delete", { run_id: runId });
  }
  async restoreRun(runId: string): Promise<void> {
    await this.call("POST", "runs/restore", { run_id: runId });
  }
  async logMetric(runId: string, metric: Metric): Promise<void> {
    await this.call("POST", "runs/log-metric", { run_id: runId, ...fromMetric(metric) });
  }
  async logParam(runId: string, param: Param): Promise<void> {
    await this.call("POST", "runs/log-parameter", { run_id: runId, key: param.key, value: param.value });
  }
  async setTag(runId: string, tag: RunTag): Promise<void> {
    await this.call("POST", "runs/set-tag", { run_id: runId, key: tag.key, value: tag.value });
  }
  async deleteTag(runId: string, key: string): Promise<void> {
    await this.call("POST", "runs/delete-tag", { run_id: runId, key });
  }
  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    await this.call("POST", "runs/log-batch", {
      run_id: runId,
      metrics: (batch.metrics ?? []).map(fromMetric),
      params: toList(batch.params),
      tags: toList(batch.tags),
    });
  }
  async logInputs(runId: string, inputs: LogInputsInput): Promise<void> {
    await this.call("POST", "runs/log-inputs", {
      run_id: runId,
      datasets: (inputs.datasets ?? []).map((i) => ({
        tags: i.tags.map((t) => ({ key: t.key, value: t.value })),
        dataset: {
          name: i.dataset.name,
          digest: i.dataset.digest,
          source_type: i.dataset.sourceType,
          source: i.dataset.source,
          ...(i.dataset.schema !== undefined ? { schema: i.dataset.schema } : {}),
          ...(i.dataset.profile !== undefined ? { profile: i.dataset.profile } : {}),
        },
      })),
      ...(inputs.models?.length ? { models: inputs.models.map((m) => ({ model_id: m.modelId })) } : {}),
    });
  }
  async getMetricHistory(
    runId: string,
    key: string,
    options: MetricHistoryOptions = {},
  ): Promise<PagedList<Metric>> {
    const page = async (maxResults: number, pageToken?: string) =>
      this.call<{ metrics?: WireMetric[]; next_page_token?: string }>("GET", "metrics/get-history", {
        run_id: runId,
        metric_key: key,
        max_results: maxResults,
        ...(pageToken ? { page_token: pageToken } : {}),
      });
    if (options.maxResults !== undefined) {
      const r = await page(options.maxResults, options.pageToken);
      return {
        items: (r.metrics ?? []).map(toMetric),
        ...(r.next_page_token ? { nextPageToken: r.next_page_token } : {}),
      };
    }
    // the whole history: follow the pages (MLflow answers nothing without max_results)
    const items: Metric[] = [];
    let token = options.pageToken;
    do {
      const r = await page(25_000, token);
      items.push(...(r.metrics ?? []).map(toMetric));
      token = r.next_page_token;
    } while (token);
    return { items };
  }
  async searchRuns(options: SearchRunsOptions): Promise<PagedList<Run>> {
    const r = await this.call<{ runs?: Json[]; next_page_token?: string }>("POST", "runs/search", {
      experiment_ids: options.experimentIds,
      ...(options.filter ? { filter: options.filter } : {}),
      ...(options.runViewType ? { run_view_type: options.runViewType } : {}),
      ...(options.maxResults !== undefined ? { max_results: options.maxResults } : {}),
      ...(options.orderBy ? { order_by: options.orderBy } : {}),
      ...(options.pageToken ? { page_token: options.pageToken } : {}),
    });
    return {
      items: (r.runs ?? []).map(toRun),
      ...(r.next_page_token ? { nextPageToken: r.next_page_token } : {}),
    };
  }
  async close(): Promise<void> {}
}
