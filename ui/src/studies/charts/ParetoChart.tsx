import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { paretoFront } from "../data/pareto";
import type { Direction, StudyTrial } from "../data/trials";
import { formatValue } from "../format";

/** The Pareto front of a multi-objective study on two of its objectives; dominated trials in grey. */
export function ParetoChart({
  trials,
  directions,
  names,
  ix,
  iy,
}: {
  trials: readonly StudyTrial[];
  directions: readonly Direction[];
  names: readonly string[];
  ix: number;
  iy: number;
}) {
  const data = useMemo(() => paretoFront(trials, directions, ix, iy), [trials, directions, ix, iy]);
  const option = useMemo(
    () => ({
      animation: false,
      legend: { top: 0 },
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesName: string; value: number[] }) =>
          `Trial ${p.value[2]} (${p.seriesName})<br>${names[ix]} = ${formatValue(p.value[0])}<br>${names[iy]} = ${formatValue(p.value[1])}`,
      },
      grid: { left: 64, right: 24, top: 36, bottom: 44 },
      xAxis: {
        type: "value",
        name: `${names[ix]} (${directions[ix]})`,
        nameLocation: "middle",
        nameGap: 26,
        scale: true,
      },
      yAxis: { type: "value", name: `${names[iy]} (${directions[iy]})`, scale: true },
      series: [
        {
          name: "Dominated",
          type: "scatter",
          progressive: 0,
          symbolSize: 5,
          large: true,
          color: "#9aa3b2",
          data: data.dominated,
        },
        {
          name: "Pareto front",
          type: "scatter",
          progressive: 0,
          symbolSize: 8,
          color: "#d62728",
          data: data.front,
        },
      ],
    }),
    [data, names, directions, ix, iy],
  );
  if (data.front.length === 0) return <Empty>No complete trials yet.</Empty>;
  return <Chart option={option} label={`Pareto front of ${names[ix]} and ${names[iy]}`} height={360} />;
}
