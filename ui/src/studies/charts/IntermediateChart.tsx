import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { intermediateValues, type LearningCurve } from "../data/intermediate";
import type { StudyTrial } from "../data/trials";
import { formatValue, STATE_COLORS } from "../format";

// drawn in this order: running trials on top
const ORDER = ["PRUNED", "FAIL", "COMPLETE", "WAITING", "RUNNING"] as const;

/**
 * The curves in ECharts' flat form for `lines` (`[count, x, y, x, y, ..., count, ...]`): no object
 * per curve to read back item by item, which made this the slowest chart with thousands of
 * trials. The tooltip names a curve's trial by its index.
 */
function flatCurves(curves: readonly LearningCurve[]) {
  let n = 0;
  for (const c of curves) n += 1 + 2 * c.points.length;
  const data = new Float64Array(n);
  let k = 0;
  for (const c of curves) {
    data[k++] = c.points.length;
    for (const [step, value] of c.points) {
      data[k++] = step;
      data[k++] = value;
    }
  }
  const numbers = curves.map((c) => c.number);
  return {
    data,
    tooltip: {
      formatter: (p: { dataIndex: number; seriesName: string }) =>
        `Trial ${numbers[p.dataIndex]} (${p.seriesName.toLowerCase()})`,
    },
  };
}

/**
 * Learning curves: every trial's intermediate values by step, one polyline per trial (ECharts'
 * `lines` series draws thousands of them as one path), coloured by state, with a marker where
 * each pruned trial stopped.
 */
export function IntermediateChart({ trials }: { trials: readonly StudyTrial[] }) {
  const data = useMemo(() => intermediateValues(trials), [trials]);
  const option = useMemo(() => {
    let xMax = 0;
    let yMin = Number.POSITIVE_INFINITY;
    let yMax = Number.NEGATIVE_INFINITY;
    for (const c of data.curves)
      for (const [s, v] of c.points) {
        if (s > xMax) xMax = s;
        if (v < yMin) yMin = v;
        if (v > yMax) yMax = v;
      }
    const pad = (yMax - yMin) * 0.05 || 1;
    const states = ORDER.filter((s) => data.curves.some((c) => c.state === s));
    return {
      animation: false,
      legend: { top: 0 },
      tooltip: { trigger: "item" },
      grid: { left: 64, right: 24, top: 36, bottom: 44 },
      xAxis: {
        type: "value",
        name: "Step",
        nameLocation: "middle",
        nameGap: 26,
        min: 0,
        max: xMax,
        axisLabel: { showMaxLabel: false },
      },
      yAxis: {
        type: "value",
        min: yMin - pad,
        max: yMax + pad,
        axisLabel: { formatter: (v: number) => formatValue(v), showMinLabel: false, showMaxLabel: false },
      },
      series: [
        ...states.map((st) => ({
          name: st,
          type: "lines",
          progressive: 0,
          coordinateSystem: "cartesian2d",
          polyline: true,
          // always the large (one path) renderer: the per-line renderer fails on a lazily laid out
          // second chunk of lines, and is slow with thousands of them anyway
          large: true,
          largeThreshold: 1,
          color: STATE_COLORS[st],
          lineStyle: { width: 1, opacity: 0.45, color: STATE_COLORS[st] },
          ...flatCurves(data.curves.filter((c) => c.state === st)),
        })),
        {
          name: "Pruned at",
          type: "scatter",
          progressive: 0,
          symbol: "diamond",
          symbolSize: 6,
          color: STATE_COLORS.PRUNED,
          data: data.prunedAt,
          tooltip: {
            formatter: (p: { value: number[] }) => `Trial ${p.value[2]} pruned at step ${p.value[0]}`,
          },
        },
      ],
    };
  }, [data]);
  if (data.curves.length === 0) return <Empty>No trial reported intermediate values.</Empty>;
  return <Chart option={option} label="Intermediate values of the trials" />;
}
