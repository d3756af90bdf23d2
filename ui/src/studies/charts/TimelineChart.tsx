import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { type TimelineBar, timeline, timelineLines } from "../data/timeline";
import type { StudyTrial } from "../data/trials";
import { formatDateTime, formatDuration, STATE_COLORS } from "../format";

interface RenderApi {
  value(dim: number): number;
  coord(p: [number, number]): [number, number];
  size(p: [number, number]): [number, number];
}

/**
 * Above this many trials the bars are drawn as one path of lines per state: a custom series lays
 * out an element per bar (about 140 ms for 5,000 trials), while bars that thin are a line each
 * anyway.
 */
const LINES_ABOVE = 1000;

/** Bars as ECharts' flat `lines` data (`[2, start, n, end, n, ...]`) with a tooltip by index. */
function barLines(bars: readonly TimelineBar[], state: string) {
  return {
    type: "lines",
    coordinateSystem: "cartesian2d",
    polyline: true,
    large: true,
    largeThreshold: 1,
    data: timelineLines(bars),
    tooltip: {
      formatter: (p: { dataIndex: number }) => {
        const [n, start, end] = bars[p.dataIndex];
        return `Trial ${n} (${state})<br>${formatDateTime(start)}<br>${formatDuration(end - start)}`;
      },
    },
  };
}

/** Each trial's run time (running ones up to now) as a horizontal bar by trial number, coloured by state. */
export function TimelineChart({ trials }: { trials: readonly StudyTrial[] }) {
  // running trials end at the time these trials were loaded
  const data = useMemo(() => timeline(trials, Date.now()), [trials]);
  const option = useMemo(() => {
    const states = Object.keys(data.byState) as (keyof typeof data.byState)[];
    const maxNumber = trials.reduce((m, t) => Math.max(m, t.number), 0);
    return {
      animation: false,
      legend: { top: 0 },
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesName: string; value: number[] }) =>
          `Trial ${p.value[0]} (${p.seriesName})<br>${formatDateTime(p.value[1])}<br>${formatDuration(p.value[2] - p.value[1])}`,
      },
      grid: { left: 56, right: 24, top: 36, bottom: 44 },
      xAxis: { type: "time", min: data.min, max: data.max },
      yAxis: {
        type: "value",
        name: "Trial",
        min: -0.5,
        max: maxNumber + 0.5,
        inverse: true,
        axisLabel: { formatter: (v: number) => (Number.isInteger(v) ? String(v) : "") },
      },
      dataZoom: [{ type: "inside", yAxisIndex: 0 }],
      series: states.map((st) => {
        const bars = data.byState[st] ?? [];
        if (trials.length > LINES_ABOVE)
          return {
            name: st,
            progressive: 0,
            color: STATE_COLORS[st],
            // the plot is about 240 px high: lines as thick as a trial's row
            lineStyle: {
              width: Math.max(1, (0.8 * 240) / (maxNumber + 1)),
              opacity: 1,
              color: STATE_COLORS[st],
            },
            ...barLines(bars, st),
          };
        return {
          name: st,
          type: "custom",
          progressive: 0,
          color: STATE_COLORS[st],
          encode: { x: [1, 2], y: 0 },
          data: bars,
          renderItem: (_params: unknown, api: RenderApi) => {
            const n = api.value(0);
            const a = api.coord([api.value(1), n]);
            const b = api.coord([api.value(2), n]);
            const h = Math.max(1, api.size([0, 1])[1] * 0.8);
            return {
              type: "rect",
              shape: { x: a[0], y: a[1] - h / 2, width: Math.max(1, b[0] - a[0]), height: h },
              style: { fill: STATE_COLORS[st] },
            };
          },
        };
      }),
    };
  }, [data, trials]);
  if (Number.isNaN(data.min)) return <Empty>No trial has started yet.</Empty>;
  return <Chart option={option} label="Timeline of the trials by state" />;
}
