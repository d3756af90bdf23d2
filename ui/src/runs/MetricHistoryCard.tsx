import { useMemo } from "react";
import { Chart } from "../components/Chart";
import { ErrorState, Loading } from "../components/states";
import { setQuery } from "../router/hash-router";
import { HistoryControls } from "./HistoryControls";
import { historyOption } from "./history-option";
import { useMetricHistories } from "./use-run";

/**
 * The run page's history chart: pick metrics (checkboxes), step or time on x, log scale; all in
 * the URL (`metrics=`, `x=`, `log=`).
 */
export function MetricHistoryCard({
  runId,
  keys,
  query,
  live,
}: {
  runId: string;
  keys: readonly string[];
  query: URLSearchParams;
  live: boolean;
}) {
  const param = query.get("metrics");
  const chosen = useMemo(
    () => (param === null ? keys.slice(0, 3) : param.split(",").filter((k) => keys.includes(k))),
    [param, keys],
  );
  const x = query.get("x") === "time" ? "time" : "step";
  const log = query.get("log") === "1";
  const pairs = useMemo(() => chosen.map((key) => ({ runId, key })), [chosen, runId]);
  const { histories, pending, error } = useMetricHistories(pairs, live);
  const option = useMemo(
    () =>
      historyOption(
        chosen.map((name, i) => ({ name, points: histories[i] ?? [] })),
        x,
        log,
      ),
    [chosen, histories, x, log],
  );
  const toggle = (k: string, on: boolean) => {
    const next = on ? [...chosen, k] : chosen.filter((c) => c !== k);
    setQuery({ metrics: next.join(",") });
  };
  return (
    <div className="card">
      <h2>Metric history</h2>
      <fieldset className="toolbar">
        <legend>Metrics</legend>
        {keys.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={chosen.includes(k)}
              onChange={(e) => toggle(k, e.target.checked)}
            />{" "}
            {k}
          </label>
        ))}
      </fieldset>
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
      {error ? (
        <ErrorState error={error} />
      ) : pending ? (
        <Loading what="metric history" />
      ) : chosen.length === 0 ? (
        <p className="muted">Choose a metric.</p>
      ) : (
        <Chart option={option} label={`History of ${chosen.join(", ")}`} />
      )}
    </div>
  );
}
