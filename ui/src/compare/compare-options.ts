import type { EChartsCoreOption } from "echarts";
import type { Run } from "../api/types";

const label = (r: Run) => r.info.run_name ?? r.info.run_id.slice(0, 8);
const paramOf = (r: Run, k: string) => r.data.params?.find((p) => p.key === k)?.value;
const metricOf = (r: Run, k: string) => {
  const m = r.data.metrics?.find((x) => x.key === k);
  return m === undefined ? undefined : Number(m.value);
};
const numeric = (values: (string | undefined)[]) =>
  values.every((v) => v === undefined || (v !== "" && Number.isFinite(Number(v))));

/**
 * Parallel coordinates: one axis per param (value axis when every value is a number, else
 * categories) and a last axis for the metric; one line per run, coloured by the metric.
 */
export function parallelOption(
  runs: readonly Run[],
  params: readonly string[],
  metric: string,
): EChartsCoreOption {
  const axes = params.map((k, dim) => {
    const values = runs.map((r) => paramOf(r, k));
    return numeric(values)
      ? { dim, name: k, type: "value" as const, scale: true }
      : { dim, name: k, type: "category" as const, data: [...new Set(values.map((v) => v ?? "—"))].sort() };
  });
  const isNum = axes.map((a) => a.type === "value");
  const mvals = runs.map((r) => metricOf(r, metric)).filter((v): v is number => v !== undefined);
  return {
    animation: false,
    tooltip: { trigger: "item" },
    parallelAxis: [...axes, { dim: params.length, name: metric, type: "value", scale: true }],
    parallel: { left: 60, right: 60, top: 48, bottom: 72 },
    visualMap: mvals.length
      ? {
          dimension: params.length,
          min: Math.min(...mvals),
          max: Math.max(...mvals),
          calculable: true,
          orient: "horizontal",
          left: "center",
          bottom: 0,
          itemHeight: 120,
          inRange: { color: ["#2c7bb6", "#ffffbf", "#d7191c"] },
        }
      : undefined,
    series: [
      {
        type: "parallel",
        lineStyle: { width: 2, opacity: 0.8 },
        data: runs.map((r) => ({
          name: label(r),
          value: [
            ...params.map((k, i) => {
              const v = paramOf(r, k);
              return isNum[i] ? (v === undefined ? null : Number(v)) : (v ?? "—");
            }),
            metricOf(r, metric) ?? null,
          ],
        })),
      },
    ],
  };
}

/** Scatter of one param (x) against one metric (y), a point per run, labelled with the run. */
export function scatterOption(runs: readonly Run[], param: string, metric: string): EChartsCoreOption {
  const xs = runs.map((r) => paramOf(r, param));
  const isNum = numeric(xs);
  return {
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: (p: { data: { name: string; value: unknown[] } }) =>
        `${p.data.name}: ${p.data.value.join(", ")}`,
    },
    grid: { left: 60, right: 24, top: 24, bottom: 48 },
    xAxis: isNum
      ? { type: "value", name: param, nameLocation: "middle", nameGap: 28, scale: true }
      : {
          type: "category",
          name: param,
          nameLocation: "middle",
          nameGap: 28,
          data: [...new Set(xs.map((v) => v ?? "—"))].sort(),
        },
    yAxis: { type: "value", name: metric, scale: true },
    series: [
      {
        type: "scatter",
        symbolSize: 10,
        data: runs
          .filter((r) => metricOf(r, metric) !== undefined && paramOf(r, param) !== undefined)
          .map((r) => ({
            name: label(r),
            value: [isNum ? Number(paramOf(r, param)) : paramOf(r, param), metricOf(r, metric)],
          })),
      },
    ],
  };
}

export { label as runLabel, paramOf };
