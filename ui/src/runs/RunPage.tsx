import { useMemo } from "react";
import { ErrorState, Loading } from "../components/states";
import { Link } from "../router/link";
import { ArtifactBrowser } from "./ArtifactBrowser";
import { formatDuration, formatTime } from "./format";
import { KeyValueTable } from "./KeyValueTable";
import { MetricHistoryCard } from "./MetricHistoryCard";
import { RelatedRuns } from "./RelatedRuns";
import { useRun } from "./use-run";

/** A run: overview, params, latest metrics, tags, metric history, artifacts, parent/children. */
export function RunPage({ runId, query }: { runId: string; query: URLSearchParams }) {
  const { data: run, error, isPending, refetch } = useRun(runId);
  const metricKeys = useMemo(() => [...new Set((run?.data.metrics ?? []).map((m) => m.key))].sort(), [run]);
  if (isPending) return <Loading what="run" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const { info, data } = run;
  const live = info.status === "RUNNING";
  const sortByKey = <T extends { key: string }>(xs: readonly T[] | undefined) =>
    [...(xs ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return (
    <section aria-labelledby="run-title">
      <nav aria-label="Breadcrumb" className="muted">
        <Link to="/experiments">Experiments</Link> /{" "}
        <Link to={`/experiments/${encodeURIComponent(info.experiment_id)}`}>
          experiment {info.experiment_id}
        </Link>{" "}
        /
      </nav>
      <h1 id="run-title">{info.run_name ?? info.run_id}</h1>
      <p>
        <span className={`status-${info.status}`}>{info.status}</span> · started {formatTime(info.start_time)}
        {info.end_time ? ` · ran ${formatDuration(info.start_time, info.end_time)}` : ""}
        {info.user_id ? ` · by ${info.user_id}` : ""} · <span className="muted">{info.run_id}</span>
      </p>
      <div className="cards">
        <KeyValueTable
          title="Params"
          entries={sortByKey(data.params).map((p) => [p.key, p.value] as const)}
        />
        <KeyValueTable
          title="Metrics"
          numeric
          entries={sortByKey(data.metrics).map((m) => [m.key, Number(m.value)] as const)}
        />
        <KeyValueTable
          title="Tags"
          entries={sortByKey(data.tags)
            .filter((t) => !t.key.startsWith("mlflow.") || t.key === "mlflow.source.name")
            .map((t) => [t.key, t.value] as const)}
        />
        <RelatedRuns run={run} />
      </div>
      {metricKeys.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <MetricHistoryCard runId={runId} keys={metricKeys} query={query} live={live} />
        </div>
      )}
      <div style={{ marginTop: 12 }}>
        <ArtifactBrowser runId={runId} />
      </div>
    </section>
  );
}
