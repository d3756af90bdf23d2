import type { Direction } from "../data/trials";

/** From good to bad for a minimised objective (dark blue is best). */
const COLORS = ["#0b3a75", "#3d7ec9", "#9ecae1", "#fdd49e", "#f16913"];

/**
 * The continuous `visualMap` that colours a chart by the objective, better values darker, with
 * a draggable range at the right edge. `dimension` is where the objective sits in the data;
 * `min === max` (one value) still gives a usable range. `seriesIndex` limits it to one series.
 */
export function objectiveVisualMap({
  dimension,
  min,
  max,
  name,
  direction,
  seriesIndex,
}: {
  dimension: number;
  min: number;
  max: number;
  name: string;
  direction: Direction;
  seriesIndex?: number;
}) {
  return {
    type: "continuous",
    ...(seriesIndex === undefined ? {} : { seriesIndex }),
    dimension,
    min,
    max: max === min ? min + 1 : max,
    right: 8,
    top: "middle",
    calculable: true,
    text: [name, ""],
    inRange: { color: direction === "minimize" ? COLORS : [...COLORS].reverse() },
  };
}
