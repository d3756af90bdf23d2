import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FrozenStudy, FrozenTrial, Storage } from "../../tune/index.js";

/** Non-finite numbers as strings (JSON has none), as the MLflow API writes them. */
const num = (v: number): number | string =>
  Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";

function studyJson(s: FrozenStudy, trials: readonly FrozenTrial[]) {
  const complete = trials.filter((t) => t.state === "COMPLETE" && t.values);
  const starts = trials.map((t) => t.datetimeStart?.getTime()).filter((x): x is number => x !== undefined);
  let best: FrozenTrial | undefined;
  if (s.directions.length === 1)
    for (const t of complete) {
      const v = t.values?.[0] as number;
      const b = best?.values?.[0] as number | undefined;
      if (b === undefined || (s.directions[0] === "minimize" ? v < b : v > b)) best = t;
    }
  return {
    study_id: s.studyId,
    study_name: s.studyName,
    directions: [...s.directions],
    user_attrs: s.userAttrs,
    n_trials: trials.length,
    ...(starts.length ? { datetime_start: new Date(Math.min(...starts)).toISOString() } : {}),
    ...(best ? { best_trial_number: best.number, best_values: (best.values ?? []).map(num) } : {}),
  };
}

function trialJson(t: FrozenTrial) {
  return {
    trial_id: t.trialId,
    number: t.number,
    state: t.state,
    ...(t.values ? { values: t.values.map(num) } : {}),
    ...(t.datetimeStart ? { datetime_start: t.datetimeStart.toISOString() } : {}),
    ...(t.datetimeComplete ? { datetime_complete: t.datetimeComplete.toISOString() } : {}),
    params: t.params,
    user_attrs: t.userAttrs,
    intermediate_values: [...t.intermediateValues.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([step, value]) => ({ step, value: num(value) })),
  };
}

const numOrStr = { type: ["number", "string"] } as const;
const anyObject = { type: "object", additionalProperties: true } as const;
const studySchema = {
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
const trialSchema = {
  type: "object",
  properties: {
    trial_id: { type: "integer" },
    number: { type: "integer" },
    state: { type: "string" },
    values: { type: "array", items: numOrStr },
    datetime_start: { type: "string" },
    datetime_complete: { type: "string" },
    params: anyObject,
    user_attrs: anyObject,
    intermediate_values: {
      type: "array",
      items: { type: "object", properties: { step: { type: "integer" }, value: numOrStr } },
    },
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
const errors = { "4xx": errorSchema, "5xx": errorSchema } as const;
const studyParams = {
  type: "object",
  required: ["studyId"],
  properties: { studyId: { type: "integer", minimum: 0 } },
} as const;

/** tunelab's errors keep their `{statusCode, code, error, message}` shape. */
function tunelabErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === "number" && err.statusCode >= 400 ? err.statusCode : 500;
  if (status >= 500) request.log.error({ err }, "study API failed");
  void reply.status(status).send({
    statusCode: status,
    code: err.validation ? "INVALID_ARGUMENT" : (err.code ?? "INTERNAL_ERROR"),
    error: status === 404 ? "Not Found" : status < 500 ? "Bad Request" : "Internal Server Error",
    message: status >= 500 ? "Internal server error" : err.message,
  });
}

/** Options of {@link studyApi}. */
export interface StudyApiOptions {
  readonly storage: Storage;
}

/**
 * tunelab's read-only study API for the UI (`/api/tunelab`): studies with their summaries, one
 * study with its trials, trials with their intermediate values.
 */
export async function studyApi(app: FastifyInstance, opts: StudyApiOptions): Promise<void> {
  const { storage } = opts;
  app.setErrorHandler(tunelabErrorHandler);

  app.get("/studies", {
    schema: {
      response: {
        200: { type: "object", properties: { studies: { type: "array", items: studySchema } } },
        ...errors,
      },
    },
    handler: async () => {
      const studies = await storage.getAllStudies();
      return {
        studies: await Promise.all(
          studies.map(async (s) => studyJson(s, await storage.getAllTrials(s.studyId))),
        ),
      };
    },
  });

  app.get("/studies/:studyId", {
    schema: {
      params: studyParams,
      response: {
        200: {
          type: "object",
          properties: { study: studySchema, trials: { type: "array", items: trialSchema } },
        },
        ...errors,
      },
    },
    handler: async (request) => {
      const { studyId } = request.params as { studyId: number };
      const study = await storage.getStudy(studyId);
      const trials = await storage.getAllTrials(studyId);
      return { study: studyJson(study, trials), trials: trials.map(trialJson) };
    },
  });

  app.get("/studies/:studyId/trials/:number", {
    schema: {
      params: {
        type: "object",
        required: ["studyId", "number"],
        properties: { studyId: { type: "integer", minimum: 0 }, number: { type: "integer", minimum: 0 } },
      },
      response: { 200: { type: "object", properties: { trial: trialSchema } }, ...errors },
    },
    handler: async (request, reply) => {
      const { studyId, number } = request.params as { studyId: number; number: number };
      await storage.getStudy(studyId);
      const trial = (await storage.getAllTrials(studyId)).find((t) => t.number === number);
      if (!trial)
        return reply.status(404).send({
          statusCode: 404,
          code: "TRIAL_NOT_FOUND",
          error: "Not Found",
          message: `Study ${studyId} has no trial number ${number}`,
        });
      return { trial: trialJson(trial) };
    },
  });
}
