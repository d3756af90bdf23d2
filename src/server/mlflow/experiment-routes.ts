import type { FastifyInstance } from "fastify";
import { invalidParameter, MlflowApiError, missingParameter } from "./errors.js";
import { kv, parseViewType, rpc } from "./rpc.js";
import { body, empty, field } from "./schemas.js";
import { wireExperiment, withToken } from "./wire.js";

const experimentAnswer = {
  type: "object",
  properties: { experiment: { $ref: "mlflow.Experiment#" } },
} as const;

/** experiments/create, get, get-by-name, search, update, delete, restore, set/delete-experiment-tag. */
export async function experimentRoutes(app: FastifyInstance): Promise<void> {
  rpc<{ name: string; artifact_location?: string; tags?: { key: string; value?: string }[] }>(app, {
    method: "POST",
    url: "/experiments/create",
    fields: { name: field.str, artifact_location: field.str, tags: field.tagList },
    required: ["name"],
    response: body({ experiment_id: field.str }),
    write: true,
    handler: async (b, { store, uris }) => ({
      experiment_id: await store.createExperiment(b.name, {
        ...(b.artifact_location ? { artifactLocation: uris.fromWire(b.artifact_location) } : {}),
        tags: kv(b.tags),
      }),
    }),
  });

  rpc<{ experiment_id: string }>(app, {
    method: "GET",
    url: "/experiments/get",
    fields: { experiment_id: field.str },
    required: ["experiment_id"],
    response: experimentAnswer,
    handler: async (q, { store, uris }) => ({
      experiment: wireExperiment(await store.getExperiment(q.experiment_id), uris),
    }),
  });

  rpc<{ experiment_name: string }>(app, {
    method: "GET",
    url: "/experiments/get-by-name",
    fields: { experiment_name: field.str },
    required: ["experiment_name"],
    response: experimentAnswer,
    handler: async (q, { store, uris }) => {
      const e = await store.getExperimentByName(q.experiment_name);
      if (!e)
        throw new MlflowApiError(
          "RESOURCE_DOES_NOT_EXIST",
          `Could not find experiment with name '${q.experiment_name}'`,
          404,
        );
      return { experiment: wireExperiment(e, uris) };
    },
  });

  rpc<{
    max_results?: number;
    page_token?: string;
    filter?: string;
    order_by?: string[];
    view_type?: string | number;
  }>(app, {
    method: ["GET", "POST"],
    url: "/experiments/search",
    fields: {
      max_results: field.i64,
      page_token: field.str,
      filter: field.str,
      order_by: field.strList,
      view_type: field.viewType,
    },
    response: body({
      experiments: { type: "array", items: { $ref: "mlflow.Experiment#" } },
      next_page_token: field.str,
    }),
    handler: async (q, { store, uris }) => {
      // MLflow reads an absent max_results as 0, which it rejects
      if (!q.max_results)
        throw invalidParameter(
          `Invalid value ${q.max_results ?? 0} for parameter 'max_results' supplied. It must be a positive integer`,
        );
      const viewType = parseViewType(q.view_type, "view_type");
      const page = await store.searchExperiments({
        maxResults: q.max_results,
        ...(viewType ? { viewType } : {}),
        ...(q.filter ? { filter: q.filter } : {}),
        ...(q.order_by?.length ? { orderBy: q.order_by } : {}),
        ...(q.page_token ? { pageToken: q.page_token } : {}),
      });
      const experiments = page.items.map((e) => wireExperiment(e, uris));
      return { ...(experiments.length ? { experiments } : {}), ...withToken(page.nextPageToken) };
    },
  });

  rpc<{ experiment_id: string; new_name?: string }>(app, {
    method: "POST",
    url: "/experiments/update",
    fields: { experiment_id: field.str, new_name: field.str },
    required: ["experiment_id"],
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      if (!b.new_name) throw missingParameter("new_name");
      await store.renameExperiment(b.experiment_id, b.new_name);
      return {};
    },
  });

  for (const [url, call] of [
    ["/experiments/delete", "deleteExperiment"],
    ["/experiments/restore", "restoreExperiment"],
  ] as const)
    rpc<{ experiment_id: string }>(app, {
      method: "POST",
      url,
      fields: { experiment_id: field.str },
      required: ["experiment_id"],
      response: empty,
      write: true,
      handler: async (b, { store }) => {
        await store[call](b.experiment_id);
        return {};
      },
    });

  rpc<{ experiment_id: string; key: string; value?: string }>(app, {
    method: "POST",
    url: "/experiments/set-experiment-tag",
    fields: { experiment_id: field.str, key: field.str, value: field.str },
    required: ["experiment_id", "key"],
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      await store.setExperimentTag(b.experiment_id, { key: b.key, value: b.value ?? "" });
      return {};
    },
  });

  rpc<{ experiment_id: string; key: string }>(app, {
    method: "POST",
    url: "/experiments/delete-experiment-tag",
    fields: { experiment_id: field.str, key: field.str },
    required: ["experiment_id", "key"],
    response: empty,
    write: true,
    handler: async (b, { store }) => {
      await store.deleteExperimentTag(b.experiment_id, b.key);
      return {};
    },
  });
}
