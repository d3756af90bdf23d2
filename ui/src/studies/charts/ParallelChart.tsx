import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { Empty } from "../../components/states";
import { parallelCoordinates } from "../data/parallel";
import type { ParamAxis } from "../data/param-axis";
import type { Direction, StudyTrial } from "../data/trials";
import { objectiveVisualMap } from "./objective-visual-map";

/**
 * Parallel coordinates over the chosen parameters and the objective, one line per COMPLETE
 * trial, coloured by the objective (better is darker). Log parameters get log axes, categorical
 * ones category axes.
 */
export function ParallelChart({
  trials,
  axes,
  objective,
  name,
  direction,
}: {
  trials: readonly StudyTrial[];
  axes: readonly ParamAxis[];
  objective: number;
  name: string;
  direction: Direction;
}) {
  const data = useMemo(
    () => parallelCoordinates(trials, axes, name, objective),
    [trials, axes, name, objective],
  );
  const option = useMemo(() => {
    return {
      animation: false,
      parallel: { left: 48, right: 150, top: 48, bottom: 32 },
      parallelAxis: data.axes.map((a, i) => ({
        dim: i,
        name: a.name,
        type: a.type,
        ...(a.type === "category" ? { data: a.categories } : {}),
        ...(a.type === "log" ? { min: a.min, max: a.max } : {}),
        nameTextStyle: { fontWeight: i === data.objectiveIndex ? "bold" : "normal" },
      })),
      visualMap: objectiveVisualMap({
        dimension: data.objectiveIndex,
        min: data.valueMin,
        max: data.valueMax,
        name,
        direction,
      }),
      series: [
        {
          name: "Trials",
          type: "parallel",
          progressive: 0,
          lineStyle: { width: 1, opacity: 0.5 },
          data: data.rows,
        },
      ],
    };
  }, [data, name, direction]);
  if (axes.length === 0) return <Empty>Choose at least one parameter.</Empty>;
  if (data.rows.length === 0) return <Empty>No complete trial has all chosen parameters.</Empty>;
  return (
    <Chart
      option={option}
      label={`Parallel coordinates of ${axes.length} parameters and ${name}`}
      height={360}
    />
  );
}
