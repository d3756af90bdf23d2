import { useMemo } from "react";
import type { ImportancesJson } from "../../../../src/server/tunelab/study-wire";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { formatValue } from "../format";

/** Parameter importances from the server, largest on top. */
export function ImportanceChart({ data, name }: { data: ImportancesJson; name: string }) {
  const option = useMemo(() => {
    const rows = [...data.importances].reverse();
    return {
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string; value: number }) => `${p.name}: ${formatValue(p.value)}`,
      },
      grid: { left: 120, right: 48, top: 8, bottom: 36 },
      xAxis: { type: "value", name: "Importance", nameLocation: "middle", nameGap: 24, min: 0, max: 1 },
      yAxis: { type: "category", data: rows.map((r) => r.param) },
      series: [
        {
          name: "Importance",
          type: "bar",
          data: rows.map((r) => r.importance),
          label: { show: true, position: "right", formatter: (p: { value: number }) => p.value.toFixed(2) },
        },
      ],
    };
  }, [data]);
  if (data.importances.length === 0)
    return <Empty>No importances: {data.reason ?? "nothing to explain"}.</Empty>;
  return (
    <>
      <Chart
        option={option}
        label={`Parameter importances for ${name}`}
        height={Math.max(140, 40 + 28 * data.importances.length)}
      />
      <p className="muted study-note">
        {data.evaluator === "fanova" ? "fANOVA" : "PED-ANOVA"} on {data.n_sampled ?? data.n_trials} complete
        trials
        {data.n_sampled ? ` (a sample of ${data.n_trials})` : ""}
        {data.stale ? "; updating shortly" : ""}.
      </p>
    </>
  );
}
