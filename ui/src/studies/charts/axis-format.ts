import type { ParamAxis } from "../data/param-axis";
import { formatValue } from "../format";

/**
 * ECharts value-axis settings for a parameter drawn at its `axisPosition` (log10 for log
 * parameters, the choice index for categorical ones): bounds, tick spacing and labels in the
 * parameter's own units.
 */
export function positionAxis(axis: ParamAxis, min: number, max: number) {
  const label =
    axis.scale === "category"
      ? (v: number) => (Number.isInteger(v) ? (axis.categories[v] ?? "") : "")
      : axis.scale === "log"
        ? (v: number) => formatValue(Number((10 ** v).toPrecision(3)))
        : (v: number) => formatValue(v);
  return {
    type: "value" as const,
    name: axis.name,
    nameLocation: "middle" as const,
    nameGap: 28,
    min,
    max,
    scale: true,
    axisLabel: {
      formatter: label,
      hideOverlap: true,
      // one label per choice: ticks would otherwise start at min (−0.5)
      ...(axis.scale === "category" ? { customValues: axis.categories.map((_, i) => i) } : {}),
    },
    ...(axis.scale === "category" ? { axisTick: { customValues: axis.categories.map((_, i) => i) } } : {}),
    splitLine: { show: false },
  };
}

/** A parameter value at a position, for tooltips. */
export function positionLabel(axis: ParamAxis, p: number): string {
  if (axis.scale === "category") return axis.categories[p] ?? String(p);
  return formatValue(axis.scale === "log" ? 10 ** p : p);
}
