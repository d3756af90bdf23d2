import { choiceLabel, type ParamAxis } from "./param-axis.js";
import { completeTrials, type StudyTrial } from "./trials.js";

/** One axis of the parallel coordinates chart. */
export interface ParallelAxis {
  readonly name: string;
  /** ECharts' axis types: `log` for log-scaled params, `category` for categorical ones. */
  readonly type: "value" | "log" | "category";
  /** Choice labels of a `category` axis. */
  readonly categories?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** Rows and axes of the parallel coordinates chart. */
export interface ParallelData {
  /** The parameter axes, then the objective's. */
  readonly axes: ParallelAxis[];
  /** One row per trial: a value per axis (category labels for categorical params). */
  readonly rows: (number | string)[][];
  /** The trial number of each row. */
  readonly numbers: number[];
  /** Index of the objective in each row (the last). */
  readonly objectiveIndex: number;
  /** Range of the objective (for the colour scale). */
  readonly valueMin: number;
  readonly valueMax: number;
}

/**
 * Parallel coordinates over `params` and one objective (Optuna's `plot_parallel_coordinate`):
 * the COMPLETE trials that have every one of the params. Log params get a log axis,
 * categorical params a category axis listing their choices.
 *
 * @example
 * const p = parallelCoordinates(trials, [axisOf("lr"), axisOf("optimizer")], "value");
 */
export function parallelCoordinates(
  trials: readonly StudyTrial[],
  params: readonly ParamAxis[],
  objectiveName: string,
  objective = 0,
): ParallelData {
  const axes: ParallelAxis[] = params.map((a) =>
    a.scale === "category"
      ? { name: a.name, type: "category", categories: a.categories }
      : { name: a.name, type: a.scale === "log" ? "log" : "value", min: a.min, max: a.max },
  );
  axes.push({ name: objectiveName, type: "value" });
  const rows: (number | string)[][] = [];
  const numbers: number[] = [];
  let valueMin = Number.POSITIVE_INFINITY;
  let valueMax = Number.NEGATIVE_INFINITY;
  for (const t of completeTrials(trials, objective)) {
    if (!params.every((a) => a.name in t.params)) continue;
    const v = (t.values as readonly number[])[objective];
    rows.push([
      ...params.map((a) => {
        const p = t.params[a.name];
        return a.scale === "category" ? choiceLabel(p) : (p as number);
      }),
      v,
    ]);
    numbers.push(t.number);
    if (v < valueMin) valueMin = v;
    if (v > valueMax) valueMax = v;
  }
  return { axes, rows, numbers, objectiveIndex: params.length, valueMin, valueMax };
}
