import type { StudyTrial, WireTrialState } from "./trials.js";

/** One bar of the timeline: `[trial number, start ms, end ms]`. */
export type TimelineBar = [number, number, number];

/** Bars of the timeline chart grouped by state. */
export interface TimelineData {
  readonly byState: Partial<Record<WireTrialState, TimelineBar[]>>;
  /** Earliest start and latest end (ms), NaN without bars. */
  readonly min: number;
  readonly max: number;
}

/**
 * Each trial's run time as a bar from its start to its completion, grouped by state (Optuna's
 * `plot_timeline`). RUNNING trials end at `now`; WAITING trials have not started and are left
 * out.
 *
 * @example
 * const { byState } = timeline(trials, Date.now()); // byState.COMPLETE: [[0, t0, t1], ...]
 */
export function timeline(trials: readonly StudyTrial[], now: number): TimelineData {
  const byState: Partial<Record<WireTrialState, TimelineBar[]>> = {};
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const t of trials) {
    if (t.start === null) continue;
    const end = t.complete ?? (t.state === "RUNNING" ? Math.max(now, t.start) : t.start);
    const bars = byState[t.state] ?? [];
    byState[t.state] = bars;
    bars.push([t.number, t.start, end]);
    if (t.start < min) min = t.start;
    if (end > max) max = end;
  }
  return Number.isFinite(min) ? { byState, min, max } : { byState, min: Number.NaN, max: Number.NaN };
}

/**
 * Bars in ECharts' flat form for a `lines` series, each a two-point polyline from start to end
 * at its trial's number: `[2, start, n, end, n, 2, ...]`.
 */
export function timelineLines(bars: readonly TimelineBar[]): Float64Array {
  const out = new Float64Array(bars.length * 5);
  bars.forEach(([n, start, end], i) => {
    out.set([2, start, n, end, n], i * 5);
  });
  return out;
}
