/**
 * The one place the UI talks HTTP. Every call goes through {@link fetchJson}, which turns a
 * non-2xx answer into an {@link ApiError} carrying MLflow's `error_code` and message.
 */

/** An HTTP error from the server, with MLflow's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Base of MLflow's REST API as the MLflow UI calls it. */
export const MLFLOW_API = "ajax-api/2.0/mlflow";
/** Base of the artifact proxy. */
export const ARTIFACTS_API = "api/2.0/mlflow-artifacts";

/** Relative to the page so the UI also works behind a path prefix. */
function url(path: string, query?: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return `${new URL(path, document.baseURI).pathname}${s ? `?${s}` : ""}`;
}

async function check(res: Response): Promise<Response> {
  if (res.ok) return res;
  let code = `HTTP_${res.status}`;
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error_code?: string; message?: string };
    if (body.error_code) code = body.error_code;
    if (body.message) message = body.message;
  } catch {
    // not JSON: keep the status line
  }
  throw new ApiError(res.status, code, message);
}

/** GET (with `query`) or POST (with `body`) a JSON endpoint. */
export async function fetchJson<T>(
  path: string,
  init: { query?: Record<string, string | number | undefined>; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const res = await fetch(url(path, init.query), {
    method: init.body === undefined ? "GET" : "POST",
    headers: init.body === undefined ? {} : { "Content-Type": "application/json" },
    body: init.body === undefined ? null : JSON.stringify(init.body),
    signal: init.signal ?? null,
  });
  return (await check(res)).json() as Promise<T>;
}

/** The JSON of a response already asked for (as {@link fetchJson} reads it). */
export async function jsonOf<T>(response: Promise<Response>): Promise<T> {
  return (await check(await response)).json() as Promise<T>;
}

/** GET raw bytes (artifact previews). */
export async function fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const res = await fetch(url(path), { signal: signal ?? null });
  return (await check(res)).blob();
}

/** The URL of a path, for `<img src>` and download links. */
export function apiUrl(path: string): string {
  return url(path);
}
