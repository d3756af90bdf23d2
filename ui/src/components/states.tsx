import { ApiError } from "../api/client";

/** Shown while data loads. */
export function Loading({ what = "data" }: { what?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      Loading {what}…
    </div>
  );
}

/** Shown when a query succeeded with nothing to show. */
export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <div className="state" role="status">
      {children}
    </div>
  );
}

/** Shown when a query failed; names MLflow's error code when the server sent one. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const msg =
    error instanceof ApiError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div className="state error" role="alert">
      Could not load: {msg}{" "}
      {retry && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}
