import { TRIAL_STATES } from "../../tune/index.js";
import { IMPORTANCE_EVALUATORS } from "./importance-compute.js";

/** JSON schemas of the study API's routes (they also drop undeclared fields from responses). */

const numOrStr = { type: ["number", "string"] } as const;
const anyObject = { type: "object", additionalProperties: true } as const;
const paramValue = { type: ["number", "string", "boolean", "null"] } as const;

export const studySchema = {
  type: "object",
  properties: {
    study_id: { type: "integer" },
    study_name: { type: "string" },
    directions: { type: "array", items: { type: "string" } },
    user_attrs: anyObject,
    n_trials: { type: "integer" },
    datetime_start: { type: "string" },
    best_trial_number: { type: "integer" },
    best_values: { type: "array", items: numOrStr },
  },
} as const;

export const studyDetailSchema = {
  type: "object",
  properties: {
    ...studySchema.properties,
    metric_names: { type: "array", items: { type: "string" } },
    search_space: {
      type: "object",
      additionalProperties: {
        type: "object",
        properties: {
          type: { type: "string" },
          low: { type: "number" },
          high: { type: "number" },
          log: { type: "boolean" },
          step: { type: ["number", "null"] },
          choices: { type: "array", items: paramValue },
        },
      },
    },
    n_trials_by_state: { type: "object", additionalProperties: { type: "integer" } },
    version: { type: "string" },
  },
} as const;

/** Fields every trial answer has. */
const trialBase = {
  trial_id: { type: "integer" },
  number: { type: "integer" },
  state: { type: "string" },
  values: { type: "array", items: numOrStr },
  datetime_start: { type: "string" },
  datetime_complete: { type: "string" },
  user_attrs: anyObject,
} as const;

export const trialSchema = {
  type: "object",
  properties: {
    ...trialBase,
    params: anyObject,
    intermediate_values: {
      type: "array",
      items: { type: "object", properties: { step: { type: "integer" }, value: numOrStr } },
    },
  },
} as const;

export const trialRowSchema = {
  type: "object",
  properties: {
    ...trialBase,
    params: { type: "object", additionalProperties: paramValue },
    intermediate: { type: "array", items: { type: "array", items: numOrStr } },
  },
} as const;

export const trialsQuerySchema = {
  type: "object",
  properties: {
    offset: { type: "integer", minimum: 0, default: 0 },
    limit: { type: "integer", minimum: 1, maximum: 100_000 },
    states: { type: "array", items: { type: "string", enum: [...TRIAL_STATES] } },
    intermediate: { type: "boolean", default: true },
  },
} as const;

export const trialPageSchema = {
  type: "object",
  properties: {
    study_id: { type: "integer" },
    total: { type: "integer" },
    offset: { type: "integer" },
    version: { type: "string" },
    trials: { type: "array", items: trialRowSchema },
  },
} as const;

export const versionSchema = {
  type: "object",
  properties: {
    study_id: { type: "integer" },
    version: { type: "string" },
    n_trials: { type: "integer" },
    n_finished: { type: "integer" },
    last_complete: { type: "string" },
  },
} as const;

export const importancesQuerySchema = {
  type: "object",
  properties: {
    evaluator: { type: "string", enum: [...IMPORTANCE_EVALUATORS], default: "fanova" },
    objective: { type: "integer", minimum: 0, default: 0 },
  },
} as const;

export const importancesSchema = {
  type: "object",
  properties: {
    study_id: { type: "integer" },
    evaluator: { type: "string" },
    objective: { type: "integer" },
    n_trials: { type: "integer" },
    n_sampled: { type: "integer" },
    importances: {
      type: "array",
      items: { type: "object", properties: { param: { type: "string" }, importance: { type: "number" } } },
    },
    reason: { type: "string" },
    cached: { type: "boolean" },
    stale: { type: "boolean" },
  },
} as const;

const errorSchema = {
  type: "object",
  properties: {
    statusCode: { type: "integer" },
    code: { type: "string" },
    error: { type: "string" },
    message: { type: "string" },
  },
} as const;
export const errors = { "4xx": errorSchema, "5xx": errorSchema } as const;

export const studyParams = {
  type: "object",
  required: ["studyId"],
  properties: { studyId: { type: "integer", minimum: 0 } },
} as const;
