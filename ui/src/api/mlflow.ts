import { ARTIFACTS_API, fetchJson, MLFLOW_API } from "./client";
import type {
  Experiment,
  FileInfo,
  Metric,
  Run,
  SearchExperimentsResponse,
  SearchRunsResponse,
} from "./types";

/** Typed calls of MLflow's REST API (the subset the UI uses). */

export function searchExperiments(
  opts: { filter?: string; pageToken?: string; maxResults?: number },
  signal?: AbortSignal,
): Promise<SearchExperimentsResponse> {
  return fetchJson(`${MLFLOW_API}/experiments/search`, {
    body: {
      max_results: opts.maxResults ?? 1000,
      ...(opts.filter ? { filter: opts.filter } : {}),
      ...(opts.pageToken ? { page_token: opts.pageToken } : {}),
      order_by: ["name ASC"],
    },
    signal,
  });
}

export async function getExperiment(experimentId: string, signal?: AbortSignal): Promise<Experiment> {
  const r = await fetchJson<{ experiment: Experiment }>(`${MLFLOW_API}/experiments/get`, {
    query: { experiment_id: experimentId },
    signal,
  });
  return r.experiment;
}

export interface SearchRunsOptions {
  readonly experimentIds: readonly string[];
  readonly filter?: string;
  readonly orderBy?: readonly string[];
  readonly pageToken?: string;
  readonly maxResults?: number;
}

export function searchRuns(opts: SearchRunsOptions, signal?: AbortSignal): Promise<SearchRunsResponse> {
  return fetchJson(`${MLFLOW_API}/runs/search`, {
    body: {
      experiment_ids: opts.experimentIds,
      max_results: opts.maxResults ?? 1000,
      ...(opts.filter ? { filter: opts.filter } : {}),
      ...(opts.orderBy?.length ? { order_by: opts.orderBy } : {}),
      ...(opts.pageToken ? { page_token: opts.pageToken } : {}),
    },
    signal,
  });
}

export async function getRun(runId: string, signal?: AbortSignal): Promise<Run> {
  const r = await fetchJson<{ run: Run }>(`${MLFLOW_API}/runs/get`, { query: { run_id: runId }, signal });
  return r.run;
}

export async function getMetricHistory(runId: string, key: string, signal?: AbortSignal): Promise<Metric[]> {
  const r = await fetchJson<{ metrics?: Metric[] }>(`${MLFLOW_API}/metrics/get-history`, {
    query: { run_id: runId, metric_key: key },
    signal,
  });
  return r.metrics ?? [];
}

export async function listArtifacts(
  runId: string,
  path: string | undefined,
  signal?: AbortSignal,
): Promise<{ rootUri: string; files: FileInfo[] }> {
  const r = await fetchJson<{ root_uri?: string; files?: FileInfo[] }>(`${MLFLOW_API}/artifacts/list`, {
    query: { run_id: runId, path: path || undefined },
    signal,
  });
  return { rootUri: r.root_uri ?? "", files: r.files ?? [] };
}

/**
 * The proxy path of an artifact, when the run's artifacts live under the server's artifact
 * proxy (`mlflow-artifacts:/...`); otherwise undefined (the UI cannot read them).
 */
export function artifactPath(rootUri: string, path: string): string | undefined {
  const m = /^mlflow-artifacts:\/*(.*)$/.exec(rootUri);
  if (!m) return undefined;
  const base = m[1]!.replace(/\/+$/, "");
  const rel = path.split("/").map(encodeURIComponent).join("/");
  return `${ARTIFACTS_API}/artifacts/${base ? `${base}/` : ""}${rel}`;
}
