import type { Distribution, ParamValue } from "../distributions.js";
import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial, JsonValue, TrialState } from "../frozen-trial.js";
import { warnOnce } from "../logging.js";
import type { StudyView } from "../study-view.js";
import type { SamplerOptions } from "./sampler.js";
import { SamplerBase } from "./sampler-base.js";

/** Options of {@link GridSampler}. */
export interface GridSamplerOptions extends SamplerOptions {}

/**
 * Tries every combination of the given values, in random order, each once (across processes:
 * the grid point is kept in the trial's `grid_id` system attribute). When every point has been
 * tried, it stops the study.
 *
 * @example
 * const sampler = new GridSampler({ x: [-1, 0, 1], kind: ["a", "b"] });
 * await study.optimize(objective); // runs 6 trials, then stops
 */
export class GridSampler extends SamplerBase {
  private readonly names: string[];
  private readonly grid: ParamValue[][];
  private readonly searchSpace: Record<string, ParamValue[]>;

  constructor(searchSpace: Record<string, readonly ParamValue[]>, options: GridSamplerOptions = {}) {
    super(options);
    this.names = Object.keys(searchSpace).sort();
    if (this.names.length === 0) throw new InvalidArgumentError("GridSampler: the search space is empty");
    for (const n of this.names)
      if (!Array.isArray(searchSpace[n]) || searchSpace[n].length === 0)
        throw new InvalidArgumentError(`GridSampler: the values of "${n}" must be a non-empty array`);
    this.searchSpace = Object.fromEntries(this.names.map((n) => [n, [...searchSpace[n]]]));
    this.grid = cartesian(this.names.map((n) => this.searchSpace[n]));
  }

  /** Number of grid points. */
  get size(): number {
    return this.grid.length;
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    if ("grid_id" in trial.systemAttrs || "fixed_params" in trial.systemAttrs) return;
    const { unvisited, notRunning } = this.gridIds(study, trial.trialId);
    const pool = unvisited.length ? unvisited : notRunning.length ? notRunning : this.grid.map((_, i) => i);
    if (!unvisited.length) warnOnce("GRID_EXHAUSTED", "every grid point has been tried; repeating one");
    const id = pool[this.rng.int(pool.length)];
    study.setTrialSystemAttr(trial.trialId, "search_space", this.searchSpace as Record<string, JsonValue>);
    study.setTrialSystemAttr(trial.trialId, "grid_id", id);
  }

  sampleIndependent(
    _study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    const i = this.names.indexOf(name);
    if (i < 0)
      throw new InvalidArgumentError(
        `GridSampler: parameter "${name}" is not in the grid (${this.names.join(", ")})`,
      );
    const id = trial.systemAttrs.grid_id as number | undefined;
    if (id === undefined)
      throw new InvalidArgumentError(`GridSampler: trial ${trial.number} has no grid point`);
    const value = this.grid[id][i];
    const internal = distribution.toInternal(value);
    if (!distribution.contains(internal))
      warnOnce(
        "GRID_VALUE_OUTSIDE",
        `grid value ${JSON.stringify(value)} of "${name}" is outside the suggested range`,
      );
    return value;
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    _state: TrialState,
    _values: readonly number[] | null,
  ): void {
    const { unvisited } = this.gridIds(study, trial.trialId, true);
    if (unvisited.length === 0) study.stop();
  }

  private gridIds(
    study: StudyView,
    currentId: number,
    countCurrent = false,
  ): { unvisited: number[]; notRunning: number[] } {
    const visited = new Set<number>();
    const running = new Set<number>();
    for (const t of study.getTrials()) {
      const id = t.systemAttrs.grid_id;
      if (typeof id !== "number") continue;
      if (
        t.state === "COMPLETE" ||
        t.state === "PRUNED" ||
        t.state === "FAIL" ||
        (countCurrent && t.trialId === currentId)
      )
        visited.add(id);
      else if (t.state === "RUNNING" && t.trialId !== currentId) running.add(id);
    }
    const unvisited: number[] = [];
    const notRunning: number[] = [];
    for (let i = 0; i < this.grid.length; i++) {
      if (!visited.has(i)) {
        notRunning.push(i);
        if (!running.has(i)) unvisited.push(i);
      }
    }
    return { unvisited, notRunning };
  }
}

function cartesian(lists: ParamValue[][]): ParamValue[][] {
  let out: ParamValue[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((v) => [...prefix, v]));
  return out;
}
