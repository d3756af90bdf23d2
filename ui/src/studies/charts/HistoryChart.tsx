import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { optimizationHistory } from "../data/history";
import type { Direction, StudyTrial } from "../data/trials";
import { formatValue } from "../format";

/** Objective value of every COMPLETE trial by number, with the best-so-far step line. */
export function HistoryChart({
  trials,
  direction,
  objective,
  name,
}: {
  trials: readonly StudyTrial[];
  direction: Direction;
  objective: number;
  name: string;
}) {
  const data = useMemo(
    () => optimizationHistory(trials, direction, objective),
    [trials, direction, objective],
  );
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesName: string; value: [number, number] }) =>
          `${p.seriesName}<br>Trial ${p.value[0]}: ${formatValue(p.value[1])}`,
      },
      legend: { top: 0 },
      grid: { left: 64, right: 24, top: 36, bottom: 44 },
      xAxis: { type: "value", name: "Trial", nameLocation: "middle", nameGap: 26, min: 0 },
      yAxis: { type: "value", name, scale: true },
      dataZoom: [{ type: "inside" }],
      series: [
        {
          name: "Objective value",
          type: "scatter",
          progressive: 0,
          symbolSize: 5,
          large: true,
          data: data.points,
        },
        {
          name: "Best value",
          type: "line",
          progressive: 0,
          step: "end",
          showSymbol: false,
          data: data.best,
          color: "#d62728",
        },
      ],
    }),
    [data, name],
  );
  if (data.points.length === 0) return <Empty>No complete trials yet.</Empty>;
  return <Chart option={option} label={`Optimisation history of ${name}`} />;
}
