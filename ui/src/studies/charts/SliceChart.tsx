import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import type { ParamAxis } from "../data/param-axis";
import { type SliceData, slices } from "../data/slice";
import type { StudyTrial } from "../data/trials";
import { formatValue } from "../format";
import { positionAxis, positionLabel } from "./axis-format";

/** One small chart per parameter: the objective against the parameter, coloured by trial number. */
export function SliceCharts({
  trials,
  axes,
  objective,
  name,
}: {
  trials: readonly StudyTrial[];
  axes: readonly ParamAxis[];
  objective: number;
  name: string;
}) {
  const plots = useMemo(() => slices(trials, axes, objective), [trials, axes, objective]);
  const maxNumber = useMemo(() => trials.reduce((m, t) => Math.max(m, t.number), 0), [trials]);
  if (axes.length === 0) return <Empty>Choose at least one parameter.</Empty>;
  if (plots.every((p) => p.points.length === 0)) return <Empty>No complete trials yet.</Empty>;
  return (
    <div className="slice-grid">
      {plots.map((p) => (
        <SliceChart key={p.axis.name} plot={p} name={name} maxNumber={maxNumber} />
      ))}
    </div>
  );
}

function SliceChart({ plot, name, maxNumber }: { plot: SliceData; name: string; maxNumber: number }) {
  const option = useMemo(() => {
    const { axis } = plot;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const [x] of plot.points) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const [min, max] =
      axis.scale === "category"
        ? [-0.5, axis.categories.length - 0.5]
        : axis.scale === "log"
          ? [Math.log10(axis.min), Math.log10(axis.max)]
          : [Math.min(axis.min, lo), Math.max(axis.max, hi)];
    return {
      animation: false,
      grid: { left: 56, right: 12, top: 12, bottom: 44 },
      tooltip: {
        trigger: "item",
        formatter: (p: { value: number[] }) =>
          `Trial ${p.value[2]}<br>${axis.name} = ${positionLabel(axis, p.value[0])}<br>${name} = ${formatValue(p.value[1])}`,
      },
      xAxis: positionAxis(axis, min, max),
      yAxis: { type: "value", scale: true },
      visualMap: {
        show: false,
        dimension: 2,
        min: 0,
        max: Math.max(1, maxNumber),
        inRange: { color: ["#c6dbef", "#08306b"] },
      },
      series: [
        { name: axis.name, type: "scatter", progressive: 0, symbolSize: 5, large: true, data: plot.points },
      ],
    };
  }, [plot, name, maxNumber]);
  return <Chart option={option} label={`Slice of ${name} over ${plot.axis.name}`} height={240} />;
}
