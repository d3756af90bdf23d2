import type { FastifyInstance } from "fastify";
import { RUN_STATUSES, type RunStatus, VIEW_TYPES, type ViewType } from "../../track/index.js";
import type { TrackingContext } from "../tracking-context.js";
import { invalidParameter, missingParameter } from "./errors.js";
import { errorResponses } from "./schemas.js";

/** One MLflow RPC: its fields (query for GET, JSON body otherwise) and what it answers. */
export interface RpcSpec<I> {
  readonly method: "GET" | "POST" | readonly ("GET" | "POST")[];
  /** Path below the plugin prefix, e.g. "/runs/log-metric". */
  readonly url: string;
  /** JSON schema of each request field. */
  readonly fields: Record<string, unknown>;
  readonly required?: readonly string[];
  /** JSON schema of the 200 answer. */
  readonly response: unknown;
  /** Whether the RPC writes (refused in read-only mode). */
  readonly write?: boolean;
  /**
   * Serialise the 200 answer with `JSON.stringify` instead of the response schema's serialiser.
   * For large answers (runs/search, metric histories) whose handlers build exactly the declared
   * shape with the wire builders: 2.3x faster for 1,000 runs (measured), because the schema
   * serialiser checks every union-typed field. The schema still documents the answer.
   */
  readonly stringify?: boolean;
  readonly handler: (input: I, ctx: TrackingContext) => Promise<unknown>;
}

/** Registers an RPC, validating its fields with a schema for every method it accepts. */
export function rpc<I>(app: FastifyInstance, spec: RpcSpec<I>): void {
  const methods = typeof spec.method === "string" ? [spec.method] : spec.method;
  const fields = {
    type: "object",
    properties: spec.fields,
    ...(spec.required?.length ? { required: spec.required } : {}),
  };
  for (const method of methods) {
    app.route({
      method,
      url: spec.url,
      config: { write: spec.write ?? false },
      schema: {
        ...(method === "GET" ? { querystring: fields } : { body: fields }),
        response: { 200: spec.response, ...errorResponses },
      },
      handler: spec.stringify
        ? async (request, reply) => {
            const result = await spec.handler(
              (method === "GET" ? request.query : request.body) as I,
              app.tracking,
            );
            return reply.type("application/json; charset=utf-8").send(JSON.stringify(result));
          }
        : (request) => spec.handler((method === "GET" ? request.query : request.body) as I, app.tracking),
    });
  }
}

/** `run_id`, or its deprecated alias `run_uuid`. */
export function runIdOf(input: { run_id?: string; run_uuid?: string }): string {
  const id = input.run_id || input.run_uuid;
  if (!id) throw missingParameter("run_id");
  return id;
}

/** A RunStatus given by name or number. */
export function parseRunStatus(v: string | number): RunStatus {
  const s = typeof v === "number" ? RUN_STATUSES[v - 1] : (v as RunStatus);
  if (!s || !RUN_STATUSES.includes(s))
    throw invalidParameter(`Invalid value ${JSON.stringify(v)} for parameter 'status'`);
  return s;
}

/** A ViewType given by name or number; undefined stays undefined. */
export function parseViewType(v: string | number | undefined, name: string): ViewType | undefined {
  if (v === undefined) return undefined;
  const s = typeof v === "number" ? VIEW_TYPES[v - 1] : (v as ViewType);
  if (!s || !VIEW_TYPES.includes(s))
    throw invalidParameter(`Invalid value ${JSON.stringify(v)} for parameter '${name}'`);
  return s;
}

/** `[{key, value}]` with absent values as "". */
export const kv = (list: readonly { key: string; value?: string }[] | undefined) =>
  (list ?? []).map((t) => ({ key: t.key, value: t.value ?? "" }));
