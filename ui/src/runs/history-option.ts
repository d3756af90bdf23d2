import type { EChartsCoreOption } from "echarts";
import type { Metric } from "../api/types";

/** One line of a history chart. */
export interface HistorySeries {
  readonly name: string;
  readonly points: readonly Metric[];
}

/**
 * ECharts option for metric histories: one line per series, x = step or wall time (relative to
 * the first point, in seconds), y linear or log (log drops values <= 0, which it cannot show).
 */
export function historyOption(
  series: readonly HistorySeries[],
  x: "step" | "time",
  log: boolean,
): EChartsCoreOption {
  const t0 = Math.min(...series.flatMap((s) => s.points.map((p) => Number(p.timestamp))));
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { left: 60, right: 24, top: 36, bottom: 48 },
    xAxis: { type: "value", name: x === "step" ? "step" : "seconds", nameLocation: "middle", nameGap: 28 },
    yAxis: { type: log ? "log" : "value", scale: true },
    dataZoom: [{ type: "inside" }],
    series: series.map((s) => ({
      name: s.name,
      type: "line",
      showSymbol: s.points.length < 50,
      data: [...s.points]
        .sort((a, b) => (x === "step" ? a.step - b.step : a.timestamp - b.timestamp))
        .filter((p) => !log || Number(p.value) > 0)
        .map((p) => [x === "step" ? Number(p.step) : (Number(p.timestamp) - t0) / 1000, Number(p.value)]),
    })),
  };
}
