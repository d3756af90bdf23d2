import { useMemo } from "react";
import { Chart } from "../components/Chart";
import { Empty, ErrorState, Loading } from "../components/states";
import { setQuery } from "../router/hash-router";
import { Link } from "../router/link";
import { HistoryControls } from "../runs/HistoryControls";
import { historyOption } from "../runs/history-option";
import { useMetricHistories } from "../runs/use-run";
import { parallelOption, runLabel, scatterOption } from "./compare-options";
import { ParamsDiffTable } from "./ParamsDiffTable";
import { useRuns } from "./use-runs";

/**
 * Compare runs (`#/compare?runs=a,b&metric=&param=&x=&log=`): parallel coordinates over the
 * params and a metric, a param-vs-metric scatter, overlaid histories of the metric, params diff.
 */
export function ComparePage({ query }: { query: URLSearchParams }) {
  const runsParam = query.get("runs") ?? "";
  const ids = useMemo(() => runsParam.split(",").filter(Boolean), [runsParam]);
  const { runs, pending, error } = useRuns(ids);
  const params = useMemo(
    () => [...new Set(runs.flatMap((r) => (r.data.params ?? []).map((p) => p.key)))].sort(),
    [runs],
  );
  const metrics = useMemo(
    () => [...new Set(runs.flatMap((r) => (r.data.metrics ?? []).map((m) => m.key)))].sort(),
    [runs],
  );
  const metric = metrics.includes(query.get("metric") ?? "") ? query.get("metric")! : metrics[0];
  const param = params.includes(query.get("param") ?? "") ? query.get("param")! : params[0];
  const x = query.get("x") === "time" ? "time" : "step";
  const log = query.get("log") === "1";
  const live = runs.some((r) => r.info.status === "RUNNING");
  const pairs = useMemo(
    () => (metric ? runs.map((r) => ({ runId: r.info.run_id, key: metric })) : []),
    [runs, metric],
  );
  const hist = useMetricHistories(pairs, live);
  const parallel = useMemo(
    () => (metric ? parallelOption(runs, params, metric) : undefined),
    [runs, params, metric],
  );
  const scatter = useMemo(
    () => (metric && param ? scatterOption(runs, param, metric) : undefined),
    [runs, param, metric],
  );
  const history = useMemo(
    () =>
      historyOption(
        runs.map((r, i) => ({ name: runLabel(r), points: hist.histories[i] ?? [] })),
        x,
        log,
      ),
    [runs, hist.histories, x, log],
  );

  if (ids.length === 0) return <Empty>Select runs in an experiment's table, then Compare.</Empty>;
  if (pending) return <Loading what="runs" />;
  if (error) return <ErrorState error={error} />;
  const experimentId = query.get("experiment") ?? runs[0]?.info.experiment_id;
  return (
    <section aria-labelledby="compare-title">
      <nav aria-label="Breadcrumb" className="muted">
        <Link to="/experiments">Experiments</Link> /{" "}
        {experimentId && (
          <Link to={`/experiments/${encodeURIComponent(experimentId)}`}>experiment {experimentId}</Link>
        )}{" "}
        /
      </nav>
      <h1 id="compare-title">Compare {runs.length} runs</h1>
      <div className="toolbar">
        <label>
          Metric{" "}
          <select value={metric ?? ""} onChange={(e) => setQuery({ metric: e.target.value })}>
            {metrics.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Scatter param{" "}
          <select value={param ?? ""} onChange={(e) => setQuery({ param: e.target.value })}>
            {params.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      </div>
      {!metric ? (
        <Empty>These runs have no metrics to compare.</Empty>
      ) : (
        <div className="cards">
          <div className="card">
            <h2>Parallel coordinates</h2>
            {parallel && <Chart option={parallel} label={`Parallel coordinates of params and ${metric}`} />}
          </div>
          <div className="card">
            <h2>
              {param ?? "param"} vs {metric}
            </h2>
            {scatter ? (
              <Chart option={scatter} label={`Scatter of ${param} against ${metric}`} />
            ) : (
              <p className="muted">No params.</p>
            )}
          </div>
          <div className="card">
            <h2>History of {metric}</h2>
            <HistoryControls
              x={x}
              log={log}
              onChange={(c) =>
                setQuery({
                  ...(c.x ? { x: c.x } : {}),
                  ...(c.log !== undefined ? { log: c.log ? "1" : undefined } : {}),
                })
              }
            />
            {hist.pending ? (
              <Loading what="histories" />
            ) : (
              <Chart option={history} label={`History of ${metric} per run`} />
            )}
          </div>
        </div>
      )}
      <div style={{ marginTop: 12 }}>
        <ParamsDiffTable runs={runs} params={params} />
      </div>
    </section>
  );
}
