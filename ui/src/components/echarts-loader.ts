/**
 * ECharts is loaded on first use, in its own chunk, so pages without charts (the runs table)
 * paint without parsing it.
 */
export type ECharts = typeof import("./echarts-modules").echarts;

let loading: Promise<ECharts> | undefined;

export function loadECharts(): Promise<ECharts> {
  loading ??= import("./echarts-modules").then((m) => m.echarts);
  return loading;
}
