import { useQueries, useQuery } from "@tanstack/react-query";
import { getMetricHistory, getRun } from "../api/mlflow";
import type { Metric } from "../api/types";
import { POLL_MS } from "../app/query-client";

/** One run, polled while it is RUNNING. */
export function useRun(runId: string) {
  return useQuery({
    queryKey: ["run", runId],
    queryFn: ({ signal }) => getRun(runId, signal),
    refetchInterval: (q) => (q.state.data?.info.status === "RUNNING" ? POLL_MS : false),
  });
}

/** Metric histories of (run, key) pairs, polled while `live`. */
export function useMetricHistories(pairs: readonly { runId: string; key: string }[], live: boolean) {
  return useQueries({
    queries: pairs.map(({ runId, key }) => ({
      queryKey: ["metric-history", runId, key],
      queryFn: ({ signal }: { signal: AbortSignal }) => getMetricHistory(runId, key, signal),
      refetchInterval: live ? POLL_MS : (false as const),
    })),
    combine: (results) => ({
      histories: results.map((r) => r.data as Metric[] | undefined),
      pending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error,
    }),
  });
}
