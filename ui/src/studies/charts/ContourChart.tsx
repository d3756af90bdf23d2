import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { contour } from "../data/contour";
import type { ParamAxis } from "../data/param-axis";
import type { Direction, StudyTrial } from "../data/trials";
import { formatValue } from "../format";
import { positionAxis, positionLabel } from "./axis-format";
import { objectiveVisualMap } from "./objective-visual-map";

interface RenderApi {
  value(dim: number): number;
  coord(p: [number, number]): [number, number];
  visual(key: string): string;
}

/**
 * The objective over two parameters: an interpolated grid (inverse-distance weighting, drawn as
 * rectangles by a custom series so that log and categorical axes work) and the trials as dots.
 */
export function ContourChart({
  trials,
  x,
  y,
  objective,
  name,
  direction,
}: {
  trials: readonly StudyTrial[];
  x: ParamAxis;
  y: ParamAxis;
  objective: number;
  name: string;
  direction: Direction;
}) {
  const data = useMemo(() => contour(trials, x, y, objective), [trials, x, y, objective]);
  const option = useMemo(() => {
    const cells: [number, number, number][] = [];
    for (let j = 0; j < data.ys.length; j++)
      for (let i = 0; i < data.xs.length; i++)
        cells.push([data.xs[i], data.ys[j], data.z[j * data.xs.length + i]]);
    const { dx, dy } = data;
    return {
      animation: false,
      grid: { left: 72, right: 96, top: 16, bottom: 52 },
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesIndex: number; value: number[] }) =>
          p.seriesIndex === 1
            ? `Trial ${p.value[3]}<br>${x.name} = ${positionLabel(x, p.value[0])}<br>${y.name} = ${positionLabel(y, p.value[1])}<br>${name} = ${formatValue(p.value[2])}`
            : `${name} ≈ ${formatValue(p.value[2])}`,
      },
      xAxis: positionAxis(x, data.xs[0] - dx / 2, data.xs[data.xs.length - 1] + dx / 2),
      yAxis: { ...positionAxis(y, data.ys[0] - dy / 2, data.ys[data.ys.length - 1] + dy / 2), nameGap: 52 },
      visualMap: objectiveVisualMap({
        seriesIndex: 0,
        dimension: 2,
        min: data.zMin,
        max: data.zMax,
        name,
        direction,
      }),
      series: [
        {
          name: "Interpolated",
          type: "custom",
          progressive: 0,
          encode: { x: 0, y: 1 },
          data: cells,
          renderItem: (_params: unknown, api: RenderApi) => {
            const cx = api.value(0);
            const cy = api.value(1);
            const a = api.coord([cx - dx / 2, cy - dy / 2]);
            const b = api.coord([cx + dx / 2, cy + dy / 2]);
            return {
              type: "rect",
              shape: { x: a[0], y: b[1], width: b[0] - a[0] + 0.5, height: a[1] - b[1] + 0.5 },
              style: { fill: api.visual("color") },
            };
          },
        },
        {
          name: "Trials",
          type: "scatter",
          progressive: 0,
          symbolSize: 4,
          large: true,
          itemStyle: { color: "#111", borderColor: "#fff", borderWidth: 0.5 },
          data: data.points,
        },
      ],
    };
  }, [data, x, y, name, direction]);
  if (x.name === y.name) return <Empty>Choose two different parameters.</Empty>;
  if (data.points.length === 0) return <Empty>No complete trial has both parameters.</Empty>;
  return <Chart option={option} label={`Contour of ${name} over ${x.name} and ${y.name}`} height={380} />;
}
