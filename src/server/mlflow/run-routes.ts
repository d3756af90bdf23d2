import type { FastifyInstance } from "fastify";
import type { Metric } from "../../track/index.js";
import { invalidParameter } from "./errors.js";
import { kv, parseRunStatus, parseViewType, rpc, runIdOf } from "./rpc.js";
import { body, empty, field } from "./schemas.js";
import { parseDouble, wireMetric, wireRun, wireRunInfo, withToken } from "./wire.js";

type RunRef = { run_id?: string; run_uuid?: string };
const runRef = { run_id: field.str, run_uuid: field.str };
type WireMetric = { key: string; value: number | string; timestamp: number; step?: number };

const metricItem = {
  type: "object",
  required: ["key", "value", "timestamp"],
  properties: { key: field.str, value: field.double, timestamp: field.i64, step: field.i64 },
} as const;

function toMetric(m: WireMetric): Metric {
  let value: number;
  try {
    value = parseDouble(m.value);
  } catch {
    throw invalidParameter(`Invalid value ${JSON.stringify(m.value)} for metric '${m.key}': not a number`);
  }
  return { key: m.key, value, timestamp: m.timestamp, step: m.step ?? 0 };
}

/** runs/* and metrics/get-history. */
export async function runRoutes(app: FastifyInstance): Promise<void> {
  rpc<{
    experiment_id: string;
    user_id?: string;
    start_time?: number;
    tags?: { key: string; value?: string }[];
    run_name?: string;
  }>(app, {
    method: "POST",
    url: "/runs/create",
    fields: {
      experiment_id: field.str,
      user_id: field.str,
      run_name: field.str,
      start_time: field.i64,
      tags: field.tagList,
    },
    required: ["experiment_id"],
    response: body({ run: { $ref: "mlflow.Run#" } }),
    write: true,
    handler: async (b, { store, uris }) => {
      const run = await store.createRun({
        experimentId: b.experiment_id,
        ...(b.user_id ? { userId: b.user_id } : {}),
        ...(b.start_time !== undefined ? { startTime: b.start_time } : {}),
        ...(b.run_name ? { runName: b.run_name } : {}),
        tags: kv(b.tags),
      });
      // MLflow answers runs/create without `outputs` (runs/get and runs/search have it)
      const { outputs: _, ...created } = wireRun(run, uris);
      return { run: created };
    },
  });

  rpc<RunRef>(app, {
    method: "GET",
    url: "/runs/get",
    fields: runRef,
    response: body({ run: { $ref: "mlflow.Run#" } }),
    handler: async (q, { store, uris }) => ({ run: wireRun(await store.getRun(runIdOf(q)), uris) }),
  });

  rpc<RunRef & { status?: string | number; end_time?: number; run_name?: string }>(app, {
    method: "POST",
    url: "/runs/update",
    fields: { ...runRef, status: field.runStatus, end_time: field.i64, run_name: field.str },
    response: body({ run_info: { $ref: "mlflow.RunInfo#" } }),
    write: true,
    handler: async (b, { store, uris }) => {
      const info = await store.updateRunInfo(runIdOf(b), {
        ...(b.status !== undefined ? { status: parseRunStatus(b.status) } : {}),
        ...(b.end_time !== undefined ? { endTime: b.end_time } : {}),
        ...(b.run_name ? { runName: b.run_name } : {}),
      });
      return { run_info: wireRunInfo(info, uris) };
    },
  });

  for (const [url, call] of [
    ["/runs/delete", "deleteRun"],
    ["/runs/restore", "restoreRun"],
  ] as const)
    rpc<RunRef>(app, {
      method: "POST",
      url,
      fields: runRef,
      response: empty,
      write: true,
      handler: async (b, { store }) => {
        await store[call](runIdOf(b));
        return {};
      },
    });

  rpc<RunRef & WireMetric>(app, {
    method: "POST",
    url: "/runs/log-metric",
    fields: {
      ...runRef,
      key: field.str,
      value: field.double,
      timestamp: field.i64,
      step: field.i64,
      model_id: field.str,
      dataset_name: field.str,
      dataset_digest: field.str,
    },
    required: ["key", "value", "timestamp"],
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      await store.logMetric(runIdOf(b), toMetric(b));
      return {};
    },
  });

  rpc<RunRef & { key: string; value?: string }>(app, {
    method: "POST",
    url: "/runs/log-parameter",
    fields: { ...runRef, key: field.str, value: field.str },
    required: ["key"],
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      await store.logParam(runIdOf(b), { key: b.key, value: b.value ?? "" });
      return {};
    },
  });

  rpc<RunRef & { key: string; value?: string }>(app, {
    method: "POST",
    url: "/runs/set-tag",
    fields: { ...runRef, key: field.str, value: field.str },
    required: ["key"],
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      await store.setTag(runIdOf(b), { key: b.key, value: b.value ?? "" });
      return {};
    },
  });

  rpc<RunRef & { key: string }>(app, {
    method: "POST",
    url: "/runs/delete-tag",
    fields: { ...runRef, key: field.str },
    required: ["key"],
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      await store.deleteTag(runIdOf(b), b.key);
      return {};
    },
  });

  rpc<
    RunRef & {
      metrics?: WireMetric[];
      params?: { key: string; value?: string }[];
      tags?: { key: string; value?: string }[];
    }
  >(app, {
    method: "POST",
    url: "/runs/log-batch",
    fields: {
      ...runRef,
      metrics: { type: "array", items: metricItem },
      params: field.tagList,
      tags: field.tagList,
    },
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      await store.logBatch(runIdOf(b), {
        metrics: (b.metrics ?? []).map(toMetric),
        params: kv(b.params),
        tags: kv(b.tags),
      });
      return {};
    },
  });

  rpc<
    RunRef & {
      datasets?: {
        tags?: { key: string; value?: string }[];
        dataset: {
          name: string;
          digest: string;
          source_type: string;
          source: string;
          schema?: string;
          profile?: string;
        };
      }[];
      models?: { model_id?: string }[];
    }
  >(app, {
    method: "POST",
    url: "/runs/log-inputs",
    fields: {
      ...runRef,
      datasets: {
        type: "array",
        items: {
          type: "object",
          required: ["dataset"],
          properties: {
            tags: field.tagList,
            dataset: {
              type: "object",
              required: ["name", "digest", "source_type", "source"],
              properties: {
                name: field.str,
                digest: field.str,
                source_type: field.str,
                source: field.str,
                schema: field.str,
                profile: field.str,
              },
            },
          },
        },
      },
      models: { type: "array", items: { type: "object", properties: { model_id: field.str } } },
    },
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      if (!store.logInputs) throw invalidParameter("This server's store does not record run inputs.");
      await store.logInputs(runIdOf(b), {
        datasets: (b.datasets ?? []).map((i) => ({
          tags: kv(i.tags),
          dataset: {
            name: i.dataset.name,
            digest: i.dataset.digest,
            sourceType: i.dataset.source_type,
            source: i.dataset.source,
            ...(i.dataset.schema !== undefined ? { schema: i.dataset.schema } : {}),
            ...(i.dataset.profile !== undefined ? { profile: i.dataset.profile } : {}),
          },
        })),
        models: (b.models ?? []).map((m) => ({ modelId: m.model_id ?? "" })),
      });
      return {};
    },
  });

  rpc<{
    experiment_ids?: string[];
    filter?: string;
    run_view_type?: string | number;
    max_results?: number;
    order_by?: string[];
    page_token?: string;
  }>(app, {
    method: "POST",
    url: "/runs/search",
    fields: {
      experiment_ids: field.strList,
      filter: field.str,
      run_view_type: field.viewType,
      max_results: field.i64,
      order_by: field.strList,
      page_token: field.str,
    },
    response: body({ runs: { type: "array", items: { $ref: "mlflow.Run#" } }, next_page_token: field.str }),
    stringify: true,
    handler: async (b, { store, uris }) => {
      const runViewType = parseViewType(b.run_view_type, "run_view_type");
      const page = await store.searchRuns({
        experimentIds: b.experiment_ids ?? [],
        ...(b.filter ? { filter: b.filter } : {}),
        ...(runViewType ? { runViewType } : {}),
        ...(b.max_results !== undefined ? { maxResults: b.max_results } : {}),
        ...(b.order_by?.length ? { orderBy: b.order_by } : {}),
        ...(b.page_token ? { pageToken: b.page_token } : {}),
      });
      const runs = page.items.map((r) => wireRun(r, uris));
      return { ...(runs.length ? { runs } : {}), ...withToken(page.nextPageToken) };
    },
  });

  // MLflow 3 clients look for logged models when resolving artifact paths; this server has none.
  rpc<Record<string, unknown>>(app, {
    method: "POST",
    url: "/logged-models/search",
    fields: {
      experiment_ids: field.strList,
      filter: field.str,
      max_results: field.i64,
      page_token: field.str,
      order_by: { type: "array" },
      datasets: { type: "array" },
    },
    response: body({ models: { type: "array" }, next_page_token: field.str }),
    handler: async () => ({}),
  });

  rpc<RunRef & { metric_key: string; max_results?: number; page_token?: string }>(app, {
    method: "GET",
    url: "/metrics/get-history",
    fields: { ...runRef, metric_key: field.str, max_results: field.i64, page_token: field.str },
    required: ["metric_key"],
    response: body({
      metrics: { type: "array", items: { $ref: "mlflow.Metric#" } },
      next_page_token: field.str,
    }),
    stringify: true,
    handler: async (q, { store }) => {
      const runId = runIdOf(q);
      // an unknown run -> 404 from the store
      // without max_results the whole history, as the proto documents (MLflow itself returns none)
      const page = await store.getMetricHistory(runId, q.metric_key, {
        ...(q.max_results ? { maxResults: q.max_results } : {}),
        ...(q.page_token ? { pageToken: q.page_token } : {}),
      });
      // without run_id, as MLflow answers get-history
      const metrics = page.items.map((m) => wireMetric(m));
      return { ...(metrics.length ? { metrics } : {}), ...withToken(page.nextPageToken) };
    },
  });
}
