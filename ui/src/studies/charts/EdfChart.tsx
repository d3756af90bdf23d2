import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { edf } from "../data/edf";
import type { StudyTrial } from "../data/trials";

/** Empirical distribution function of an objective over the COMPLETE trials. */
export function EdfChart({
  trials,
  objective,
  name,
}: {
  trials: readonly StudyTrial[];
  objective: number;
  name: string;
}) {
  const points = useMemo(() => edf(trials, objective), [trials, objective]);
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 56, right: 24, top: 16, bottom: 44 },
      xAxis: { type: "value", name, nameLocation: "middle", nameGap: 26, scale: true },
      yAxis: { type: "value", name: "Cumulative probability", min: 0, max: 1 },
      series: [{ name: "EDF", type: "line", progressive: 0, step: "end", showSymbol: false, data: points }],
    }),
    [points, name],
  );
  if (points.length === 0) return <Empty>No complete trials yet.</Empty>;
  return <Chart option={option} label={`Empirical distribution of ${name}`} />;
}
