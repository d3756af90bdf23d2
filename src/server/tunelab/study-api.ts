import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Storage, TrialState } from "../../tune/index.js";
import { ImportanceCache, type ImportanceCacheOptions } from "./importance-cache.js";
import { ImportanceThread } from "./importance-thread.js";
import { studyDetailJson, studyJson, studyVersion, trialJson } from "./study-json.js";
import {
  errors,
  importancesQuerySchema,
  importancesSchema,
  studyDetailSchema,
  studyParams,
  studySchema,
  trialPageSchema,
  trialSchema,
  trialsQuerySchema,
  versionSchema,
} from "./study-schemas.js";
import type { ImportanceEvaluatorName } from "./study-wire.js";
import { TrialRowCache } from "./trial-rows.js";

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

/**
 * Answers 304 when the client already holds this version (`If-None-Match`), else sets the ETag.
 * `no-cache` makes browsers revalidate every time, so a poll costs one small round trip.
 */
function notModified(request: FastifyRequest, reply: FastifyReply, tag: string): boolean {
  const etag = `W/"${tag}"`;
  void reply.header("etag", etag).header("cache-control", "no-cache");
  const inm = request.headers["if-none-match"];
  if (inm === undefined || !inm.split(",").some((s) => s.trim() === etag)) return false;
  void reply.status(304).send();
  return true;
}

/** Options of {@link studyApi}. */
export interface StudyApiOptions {
  readonly storage: Storage;
  /** How importances are cached and throttled (see {@link ImportanceCacheOptions}). */
  readonly importances?: ImportanceCacheOptions;
}

/**
 * tunelab's read-only study API for the UI (`/api/tunelab`):
 * - `GET /studies`: every study with trial count and best value;
 * - `GET /studies/:id`: a study and all its trials (intermediate values as `{step, value}`);
 * - `GET /studies/:id/summary`: a study with its search space, trial counts by state and version;
 * - `GET /studies/:id/trials?offset&limit&states&intermediate`: trials by number, paged or all,
 *   intermediate values as `[step, value]` pairs; ETag = version, so a poll can answer 304;
 * - `GET /studies/:id/version`: a fingerprint that changes with any trial (cheap to poll);
 * - `GET /studies/:id/importances?evaluator=fanova|ped-anova&objective=0`: parameter
 *   importances from the tune module, computed in a worker thread, cached until the COMPLETE
 *   trials change;
 * - `GET /studies/:id/trials/:number`: one trial.
 */
export async function studyApi(app: FastifyInstance, opts: StudyApiOptions): Promise<void> {
  const { storage } = opts;
  // importances are computed in a worker thread, started as soon as the server listens: loading
  // the tune module in it takes about a second of CPU, best spent before a browser arrives
  // (servers used through inject(), as in tests, start it on their first importances request)
  const thread = new ImportanceThread();
  app.addHook("onListen", async () => thread.start());
  app.addHook("onClose", async () => thread.close());
  const importances = new ImportanceCache({ evaluate: (task) => thread.evaluate(task), ...opts.importances });
  const rows = new TrialRowCache();
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

  app.get("/studies/:studyId/summary", {
    schema: { params: studyParams, response: { 200: studyDetailSchema, 304: {}, ...errors } },
    handler: async (request, reply) => {
      const { studyId } = request.params as { studyId: number };
      const study = await storage.getStudy(studyId);
      const trials = await storage.getAllTrials(studyId);
      const detail = studyDetailJson(study, trials);
      if (notModified(request, reply, `s${studyId}-${detail.version}`)) return reply;
      return detail;
    },
  });

  app.get("/studies/:studyId/version", {
    schema: { params: studyParams, response: { 200: versionSchema, ...errors } },
    handler: async (request, reply) => {
      const { studyId } = request.params as { studyId: number };
      await storage.getStudy(studyId);
      void reply.header("cache-control", "no-store");
      return { study_id: studyId, ...studyVersion(await storage.getAllTrials(studyId)) };
    },
  });

  app.get("/studies/:studyId/trials", {
    schema: {
      params: studyParams,
      querystring: trialsQuerySchema,
      response: { 200: trialPageSchema, 304: {}, ...errors },
    },
    handler: async (request, reply) => {
      const { studyId } = request.params as { studyId: number };
      const q = request.query as {
        offset: number;
        limit?: number;
        states?: TrialState[];
        intermediate: boolean;
      };
      await storage.getStudy(studyId);
      const all = await storage.getAllTrials(studyId);
      const { version } = studyVersion(all);
      const tag = `t${studyId}-${version}-${q.offset}-${q.limit ?? ""}-${q.states?.join("+") ?? ""}-${q.intermediate ? 1 : 0}`;
      if (notModified(request, reply, tag)) return reply;
      const wanted = q.states ? new Set(q.states) : undefined;
      const matching = wanted ? all.filter((t) => wanted.has(t.state)) : all;
      const page = matching.slice(q.offset, q.limit === undefined ? undefined : q.offset + q.limit);
      const head = { study_id: studyId, total: matching.length, offset: q.offset, version };
      // the rows are built field by field (nothing undeclared to drop), so plain text is safe
      return reply
        .type("application/json; charset=utf-8")
        .serializer((x: unknown) => x as string)
        .send(rows.page(head, page, q.intermediate));
    },
  });

  app.get("/studies/:studyId/importances", {
    schema: {
      params: studyParams,
      querystring: importancesQuerySchema,
      response: { 200: importancesSchema, ...errors },
    },
    handler: async (request, reply) => {
      const { studyId } = request.params as { studyId: number };
      const q = request.query as { evaluator: ImportanceEvaluatorName; objective: number };
      const study = await storage.getStudy(studyId);
      if (q.objective >= study.directions.length)
        return reply.status(400).send({
          statusCode: 400,
          code: "INVALID_ARGUMENT",
          error: "Bad Request",
          message: `objective ${q.objective} is out of range: study ${studyId} has ${study.directions.length} objective(s)`,
        });
      return importances.get(study, await storage.getAllTrials(studyId), q.evaluator, q.objective);
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
