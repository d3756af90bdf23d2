import { axisPosition, type ParamAxis } from "./param-axis.js";
import { completeTrials, type StudyTrial } from "./trials.js";

/** One parameter's slice plot: objective value against the parameter. */
export interface SliceData {
  readonly axis: ParamAxis;
  /** `[position on the axis, value, trial number]` (position: see `axisPosition`). */
  readonly points: [number, number, number][];
}

/**
 * Objective value against each parameter, one plot per axis (Optuna's `plot_slice`), over the
 * COMPLETE trials that have the parameter.
 *
 * @example
 * const plots = slices(trials, axes); // plots[0].points: [[-2.3, 0.41, 0], ...]
 */
export function slices(
  trials: readonly StudyTrial[],
  axes: readonly ParamAxis[],
  objective = 0,
): SliceData[] {
  const done = completeTrials(trials, objective);
  return axes.map((axis) => {
    const points: [number, number, number][] = [];
    for (const t of done) {
      if (!(axis.name in t.params)) continue;
      const x = axisPosition(axis, t.params[axis.name]);
      if (Number.isFinite(x)) points.push([x, (t.values as readonly number[])[objective], t.number]);
    }
    return { axis, points };
  });
}
