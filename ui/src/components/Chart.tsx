import type { EChartsCoreOption, EChartsType } from "echarts";
import { useEffect, useRef } from "react";
import { useTheme } from "../app/theme";
import { loadECharts } from "./echarts-loader";

/** An element holding a chart exposes it (tests read `getOption()` through it). */
export interface ChartElement extends HTMLDivElement {
  tunelabChart?: EChartsType;
}

/**
 * An ECharts chart that follows the element's size (ResizeObserver) and the UI theme (the chart
 * is re-created when the theme changes). `option` replaces the previous one (`notMerge`), so a
 * removed series disappears. `label` names the chart for screen readers.
 */
export function Chart({
  option,
  label,
  height = 320,
  onClick,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onClick?: (params: { dataIndex: number; seriesIndex?: number; data: unknown }) => void;
}) {
  const ref = useRef<ChartElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const { theme } = useTheme();
  const latest = useRef({ option, onClick });
  latest.current = { option, onClick };

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadECharts().then((echarts) => {
      const el = ref.current;
      if (disposed || !el) return;
      const c = echarts.init(el, theme === "dark" ? "dark" : undefined, { renderer: "canvas" });
      c.setOption({ backgroundColor: "transparent", ...latest.current.option }, { notMerge: true });
      c.on("click", (p) => latest.current.onClick?.(p as never));
      chart.current = c;
      el.tunelabChart = c;
      el.dataset.ready = "true";
      // the observer also reports the size the chart was just drawn at: redrawing then would
      // draw every chart twice on load
      observer = new ResizeObserver(() => {
        if (el.clientWidth !== c.getWidth() || el.clientHeight !== c.getHeight()) c.resize();
      });
      observer.observe(el);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: "transparent", ...option }, { notMerge: true });
  }, [option]);

  return (
    <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} data-chart={label} />
  );
}
