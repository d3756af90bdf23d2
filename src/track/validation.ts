import { posix } from "node:path";
import type { DatasetInput, Metric, Param, RunTag } from "./entities.js";
import { InvalidParameterValueError } from "./errors.js";

/** MLflow's limits (LIMITS.md of the anchors); the numbers are part of the wire contract. */
export const TRACKING_LIMITS = {
  maxEntityKeyLength: 250,
  maxParamValueLength: 6000,
  maxTagValueLength: 8000,
  maxExperimentTagValueLength: 5000,
  maxExperimentNameLength: 500,
  maxMetricsPerBatch: 1000,
  maxParamsTagsPerBatch: 100,
  maxEntitiesPerBatch: 1000,
  maxResultsLimit: 50_000,
  defaultSearchRunsMaxResults: 1000,
  defaultSearchExperimentsMaxResults: 1000,
} as const;

const KEY_PATTERN = /^[\p{L}\p{N}_/.\- :]*$/u;
const RUN_ID_PATTERN = /^[a-zA-Z0-9][\w-]{0,255}$/;

/** Python's posixpath.normpath, which MLflow uses to make sure a key cannot name another file. */
function normpath(path: string): string {
  if (path === "") return ".";
  const n = posix.normalize(path);
  return n.length > 1 && n.endsWith("/") ? n.slice(0, -1) : n;
}

/**
 * Checks a metric, param or tag key as MLflow does: letters, digits, `_ - . space : /`, at most
 * 250 characters, and it must not resolve to another name when used as a path.
 */
export function validateKey(key: unknown, what: "Metric" | "Param" | "Tag"): asserts key is string {
  // Batches repeat a few keys many times; a key valid once is valid for every kind.
  if (typeof key === "string" && validKeys.has(key)) return;
  if (typeof key !== "string")
    throw new InvalidParameterValueError(`${what} key must be a string, got ${JSON.stringify(key)}`);
  if (!KEY_PATTERN.test(key))
    throw new InvalidParameterValueError(
      `Invalid value ${JSON.stringify(key)} for parameter 'key' supplied: Names may only contain ` +
        "alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).",
    );
  const norm = normpath(key);
  if (norm !== key || norm === "." || norm.startsWith("..") || norm.startsWith("/"))
    throw new InvalidParameterValueError(
      `Invalid value ${JSON.stringify(key)} for parameter 'key' supplied: Names may be treated as files ` +
        `in certain cases, and must not resolve to other names when treated as such. This name would resolve to '${norm}'`,
    );
  if (key.length > TRACKING_LIMITS.maxEntityKeyLength)
    throw new InvalidParameterValueError(
      `'${what} name' exceeds the maximum length of ${TRACKING_LIMITS.maxEntityKeyLength} characters`,
    );
  if (validKeys.size >= 10_000) validKeys.clear();
  validKeys.add(key);
}
const validKeys = new Set<string>();

/** Checks a run id's shape (server-made ids are 32 hex characters). */
export function validateRunId(runId: unknown): asserts runId is string {
  if (typeof runId !== "string" || !RUN_ID_PATTERN.test(runId))
    throw new InvalidParameterValueError(
      `Invalid value ${JSON.stringify(runId)} for parameter 'run_id' supplied.`,
    );
}

/** Checks an experiment name: a non-empty string of at most 500 characters. */
export function validateExperimentName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length === 0)
    throw new InvalidParameterValueError(`Invalid experiment name: ${JSON.stringify(name)}`);
  if (name.length > TRACKING_LIMITS.maxExperimentNameLength)
    throw new InvalidParameterValueError(
      `Invalid experiment name: '${name.slice(0, 40)}...' exceeds the maximum length of ${TRACKING_LIMITS.maxExperimentNameLength} characters`,
    );
}

/** Checks a metric: number value (NaN and ±Infinity allowed), integer timestamp >= 0, integer step. */
export function validateMetric(metric: Metric, where = ""): void {
  validateKey(metric.key, "Metric");
  if (typeof metric.value !== "number")
    throw new InvalidParameterValueError(
      `Invalid value ${JSON.stringify(metric.value)} for parameter '${where}value' supplied: metric values must be numbers`,
    );
  if (!Number.isSafeInteger(metric.timestamp) || metric.timestamp < 0)
    throw new InvalidParameterValueError(
      `Invalid value ${metric.timestamp} for parameter '${where}timestamp' supplied: Timestamp must be a nonnegative long (64-bit integer)`,
    );
  if (!Number.isSafeInteger(metric.step))
    throw new InvalidParameterValueError(
      `Invalid value ${metric.step} for parameter '${where}step' supplied: Step must be a 64-bit integer`,
    );
}

let warnedTruncation = false;
/** Truncates a param or tag value to MLflow's limit, warning once per process (code TUNELAB_TRACK_TRUNCATED). */
export function truncateValue(value: unknown, limit: number, what: string, key: string): string {
  const s = value === null || value === undefined ? "" : String(value);
  if (s.length <= limit) return s;
  if (!warnedTruncation) {
    warnedTruncation = true;
    process.emitWarning(
      `${what} '${key}' has a value of ${s.length} characters; it was truncated to ${limit} as MLflow does ` +
        "(shown once; keep values shorter to avoid it)",
      { code: "TUNELAB_TRACK_TRUNCATED" },
    );
  }
  return s.slice(0, limit);
}

/** Checks a param and returns it with its value as a (possibly truncated) string. */
export function normalizeParam(param: Param): Param {
  validateKey(param.key, "Param");
  return {
    key: param.key,
    value: truncateValue(param.value, TRACKING_LIMITS.maxParamValueLength, "Param", param.key),
  };
}

/** Checks a run tag and returns it with its value as a (possibly truncated) string. */
export function normalizeTag(tag: RunTag): RunTag {
  validateKey(tag.key, "Tag");
  return { key: tag.key, value: truncateValue(tag.value, TRACKING_LIMITS.maxTagValueLength, "Tag", tag.key) };
}

/** Checks an experiment tag: values over 5000 characters are an error (MLflow's SQL store). */
export function normalizeExperimentTag(tag: RunTag): RunTag {
  validateKey(tag.key, "Tag");
  const value = tag.value === null || tag.value === undefined ? "" : String(tag.value);
  if (value.length > TRACKING_LIMITS.maxExperimentTagValueLength)
    throw new InvalidParameterValueError(
      `'value' exceeds the maximum length of ${TRACKING_LIMITS.maxExperimentTagValueLength} characters`,
    );
  return { key: tag.key, value };
}

/** Checks log-batch sizes and duplicate param keys with MLflow's messages. */
export function validateBatchLimits(
  metrics: readonly Metric[],
  params: readonly Param[],
  tags: readonly RunTag[],
): void {
  const L = TRACKING_LIMITS;
  const tooMany = (n: number, max: number, what: string) => {
    if (n > max)
      throw new InvalidParameterValueError(
        `A batch logging request can contain at most ${max} ${what}. Got ${n} ${what}. ` +
          "Please split up metrics, params, and tags across multiple requests and try again.",
      );
  };
  tooMany(metrics.length, L.maxMetricsPerBatch, "metrics");
  tooMany(params.length, L.maxParamsTagsPerBatch, "params");
  tooMany(tags.length, L.maxParamsTagsPerBatch, "tags");
  tooMany(metrics.length + params.length + tags.length, L.maxEntitiesPerBatch, "metrics, params, and tags");
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const p of params) (seen.has(p.key) ? dups : seen).add(p.key);
  if (dups.size)
    throw new InvalidParameterValueError(
      `Duplicate parameter keys have been submitted: [${[...dups].map((k) => `'${k}'`).join(", ")}]. ` +
        "Please ensure the request contains only one param value per param key.",
    );
}

/** Checks `maxResults` of a search: a positive integer up to 50000. */
export function validateMaxResults(maxResults: number): void {
  if (!Number.isInteger(maxResults) || maxResults <= 0)
    throw new InvalidParameterValueError(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`,
    );
  if (maxResults > TRACKING_LIMITS.maxResultsLimit)
    throw new InvalidParameterValueError(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most ${TRACKING_LIMITS.maxResultsLimit}`,
    );
}

/** MLflow's limits on logged data sets and input tags (characters). */
const DATASET_LIMITS = { name: 500, digest: 36, source: 65535, schema: 1048575, profile: 16777215 } as const;
const INPUT_TAG_LIMITS = { key: 255, value: 500 } as const;

/** Checks data set inputs as MLflow's `log_inputs` does (required fields, length limits). */
export function validateDatasetInputs(inputs: readonly DatasetInput[]): void {
  for (const input of inputs) {
    const d = input?.dataset as unknown as Record<string, unknown> | undefined;
    if (!d) throw new InvalidParameterValueError("Dataset cannot be None");
    for (const [field, wire] of [
      ["name", "name"],
      ["digest", "digest"],
      ["sourceType", "source_type"],
      ["source", "source"],
    ] as const)
      if (typeof d[field] !== "string")
        throw new InvalidParameterValueError(`Dataset ${wire} cannot be None`);
    for (const [field, limit] of Object.entries(DATASET_LIMITS)) {
      const v = d[field];
      if (typeof v === "string" && v.length > limit)
        throw new InvalidParameterValueError(`'${field}' exceeds the maximum length of ${limit} characters`);
    }
    for (const tag of input.tags ?? []) {
      if (typeof tag?.key !== "string") throw new InvalidParameterValueError("InputTag key cannot be None");
      if (typeof tag.value !== "string")
        throw new InvalidParameterValueError("InputTag value cannot be None");
      if (tag.key.length > INPUT_TAG_LIMITS.key)
        throw new InvalidParameterValueError(
          `'key' exceeds the maximum length of ${INPUT_TAG_LIMITS.key} characters`,
        );
      if (tag.value.length > INPUT_TAG_LIMITS.value)
        throw new InvalidParameterValueError(
          `'value' exceeds the maximum length of ${INPUT_TAG_LIMITS.value} characters`,
        );
    }
  }
}
