/**
 * JSON schemas of MLflow's wire entities and request fields. Entities are `$id` schemas the routes
 * reference (`{ $ref: "mlflow.Run#" }`); response schemas also drop undeclared fields.
 */

const str = { type: "string" } as const;
const i64 = { type: "integer" } as const;
const keyValue = {
  type: "object",
  properties: { key: str, value: str },
} as const;

/** Request field fragments. */
export const field = {
  str,
  i64,
  bool: { type: "boolean" },
  /** A double: a number or "NaN" / "Infinity" / a numeric string. */
  double: { type: ["number", "string"] },
  strList: { type: "array", items: str },
  /** Key/value pairs sent in requests (value may be absent; key checked by the store). */
  tagList: {
    type: "array",
    items: { type: "object", required: ["key"], properties: { key: str, value: str } },
  },
  /** RunStatus by name or number. */
  runStatus: { enum: ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED", 1, 2, 3, 4, 5] },
  /** ViewType by name or number. */
  viewType: { enum: ["ACTIVE_ONLY", "DELETED_ONLY", "ALL", 1, 2, 3] },
} as const;

const metric = {
  type: "object",
  properties: {
    key: str,
    value: { type: ["number", "string"] },
    timestamp: i64,
    step: i64,
    run_id: str,
  },
} as const;

/** Shared entity schemas, added once at the root. */
export const entitySchemas = [
  { $id: "mlflow.KeyValue", ...keyValue },
  { $id: "mlflow.Metric", ...metric },
  {
    $id: "mlflow.Experiment",
    type: "object",
    properties: {
      experiment_id: str,
      name: str,
      artifact_location: str,
      lifecycle_stage: str,
      last_update_time: i64,
      creation_time: i64,
      tags: { type: "array", items: { $ref: "mlflow.KeyValue#" } },
    },
  },
  {
    $id: "mlflow.RunInfo",
    type: "object",
    properties: {
      run_id: str,
      run_uuid: str,
      run_name: str,
      experiment_id: str,
      user_id: str,
      status: str,
      start_time: i64,
      end_time: i64,
      artifact_uri: str,
      lifecycle_stage: str,
    },
  },
  {
    $id: "mlflow.Run",
    type: "object",
    properties: {
      info: { $ref: "mlflow.RunInfo#" },
      data: {
        type: "object",
        properties: {
          metrics: { type: "array", items: { $ref: "mlflow.Metric#" } },
          params: { type: "array", items: { $ref: "mlflow.KeyValue#" } },
          tags: { type: "array", items: { $ref: "mlflow.KeyValue#" } },
        },
      },
      inputs: {
        type: "object",
        properties: {
          dataset_inputs: {
            type: "array",
            items: {
              type: "object",
              properties: {
                tags: { type: "array", items: { $ref: "mlflow.KeyValue#" } },
                dataset: {
                  type: "object",
                  properties: {
                    name: str,
                    digest: str,
                    source_type: str,
                    source: str,
                    schema: str,
                    profile: str,
                  },
                },
              },
            },
          },
          model_inputs: { type: "array", items: { type: "object", properties: { model_id: str } } },
        },
      },
      outputs: { type: "object", properties: {} },
    },
  },
  {
    $id: "mlflow.FileInfo",
    type: "object",
    properties: { path: str, is_dir: { type: "boolean" }, file_size: i64 },
  },
  {
    $id: "mlflow.Error",
    type: "object",
    properties: { error_code: str, message: str },
  },
] as const;

/** Response schema of an RPC whose answer is `{}`. */
export const empty = { type: "object", properties: {} } as const;

/** Error answers every RPC may give. */
export const errorResponses = {
  "4xx": { $ref: "mlflow.Error#" },
  "5xx": { $ref: "mlflow.Error#" },
} as const;

/** A request body schema with the given required fields. */
export function body(properties: Record<string, unknown>, required: string[] = []) {
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}
