import { useQueries } from "@tanstack/react-query";
import { getRun } from "../api/mlflow";
import type { Run } from "../api/types";
import { POLL_MS } from "../app/query-client";

/** Several runs by id, each polled while RUNNING. */
export function useRuns(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ["run", id],
      queryFn: ({ signal }: { signal: AbortSignal }) => getRun(id, signal),
      refetchInterval: (q: { state: { data?: Run } }) =>
        q.state.data?.info.status === "RUNNING" ? POLL_MS : false,
    })),
    combine: (rs) => ({
      runs: rs.map((r) => r.data).filter((r): r is Run => r !== undefined),
      pending: rs.some((r) => r.isPending),
      error: rs.find((r) => r.error)?.error,
    }),
  });
}
