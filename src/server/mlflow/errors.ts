import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

/** An error the MLflow API answers with `{error_code, message}` and `statusCode`. */
export class MlflowApiError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = "MlflowApiError";
  }
}

/** 400 INVALID_PARAMETER_VALUE. */
export const invalidParameter = (message: string) => new MlflowApiError("INVALID_PARAMETER_VALUE", message);

/** MLflow's message for a missing required field. */
export const missingParameter = (name: string) =>
  invalidParameter(
    `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`,
  );

interface AnyError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  validation?: FastifyError["validation"];
  validationContext?: string;
  errorCode?: unknown;
}

/** The `{error_code, message}` body and HTTP status for any error thrown while serving an MLflow RPC. */
export function mlflowErrorBody(err: unknown): {
  status: number;
  body: { error_code: string; message: string };
} {
  const e = (err ?? {}) as AnyError;
  const message = typeof e.message === "string" ? e.message : String(err);
  if (err instanceof MlflowApiError)
    return { status: err.statusCode, body: { error_code: err.errorCode, message } };
  if (e.validation) {
    const first = e.validation[0];
    if (first?.keyword === "required") {
      const name = String((first.params as { missingProperty?: string }).missingProperty ?? "");
      const m = missingParameter(name);
      return { status: 400, body: { error_code: m.errorCode, message: m.message } };
    }
    const where = String(first?.instancePath ?? "")
      .replace(/^\//, "")
      .replace(/\//g, ".");
    return {
      status: 400,
      body: {
        error_code: "INVALID_PARAMETER_VALUE",
        message: `Invalid value for parameter '${where || e.validationContext || "request"}' supplied: ${first?.message ?? message}`,
      },
    };
  }
  // tunelab's TrackingError: `code` is MLflow's error_code, `statusCode` the status
  if (
    typeof e.code === "string" &&
    /^[A-Z_]+$/.test(e.code) &&
    !e.code.startsWith("FST_") &&
    typeof e.statusCode === "number"
  )
    return { status: e.statusCode, body: { error_code: e.code, message } };
  switch (e.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return {
        status: 400,
        body: {
          error_code: "INVALID_PARAMETER_VALUE",
          message: "Bad Request. Content-Type must be one of ['application/json'].",
        },
      };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message } };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        status: 413,
        body: { error_code: "RESOURCE_EXHAUSTED", message: "Request body is too large" },
      };
  }
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500)
    return { status: e.statusCode, body: { error_code: "BAD_REQUEST", message } };
  return { status: 500, body: { error_code: "INTERNAL_ERROR", message: "Internal server error" } };
}

/** Fastify error handler for the MLflow plugins. */
export function mlflowErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = mlflowErrorBody(err);
  if (status >= 500) request.log.error({ err }, "MLflow RPC failed");
  void reply.status(status).type("application/json").send(body);
}
