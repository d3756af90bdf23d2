import type { FastifyInstance } from "fastify";
import { artifactListRoute } from "./artifact-routes.js";
import { MlflowApiError, mlflowErrorHandler } from "./errors.js";
import { experimentRoutes } from "./experiment-routes.js";
import { runRoutes } from "./run-routes.js";

/**
 * MLflow's tracking REST API, registered once per prefix (`/api/2.0/mlflow`, `/ajax-api/2.0/mlflow`).
 * Encapsulated: its JSON parser, read-only guard and `{error_code, message}` error handler apply
 * to its routes only.
 */
export async function mlflowApi(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(mlflowErrorHandler);
  app.removeAllContentTypeParsers();
  // MLflow reads an empty body as {} and decodes a JSON string holding JSON a second time
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, text, done) => {
    const s = String(text);
    if (s.trim() === "") return done(null, {});
    try {
      let v: unknown = JSON.parse(s);
      if (typeof v === "string") v = JSON.parse(v);
      if (v === null || typeof v !== "object" || Array.isArray(v))
        return done(new MlflowApiError("INVALID_PARAMETER_VALUE", "The request body must be a JSON object"));
      done(null, v);
    } catch (err) {
      done(new MlflowApiError("INVALID_PARAMETER_VALUE", `Malformed JSON body: ${(err as Error).message}`));
    }
  });
  app.addHook("preValidation", async (request) => {
    if (request.method !== "GET" && request.body === undefined) request.body = {};
  });
  await app.register(experimentRoutes);
  await app.register(runRoutes);
  await app.register(artifactListRoute);
}
