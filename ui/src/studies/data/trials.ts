import type {
  DistributionJson,
  TrialRowJson,
  WireNumber,
  WireParamValue,
  WireTrialState,
} from "../../../../src/server/tunelab/study-wire.js";

/** An objective's direction. */
export type Direction = "minimize" | "maximize";

/** A trial as the charts use it: numbers parsed, times in epoch milliseconds. */
export interface StudyTrial {
  readonly number: number;
  readonly state: WireTrialState;
  /** The objective values (NaN and infinities restored), or null when the trial has none. */
  readonly values: readonly number[] | null;
  readonly params: Readonly<Record<string, WireParamValue>>;
  /** Epoch ms, or null (a WAITING trial has not started). */
  readonly start: number | null;
  /** Epoch ms, or null while unfinished. */
  readonly complete: number | null;
  /** `[step, value]` by step. */
  readonly intermediate: readonly (readonly [number, number])[];
}

/** The wire's number (finite, or "NaN" / "Infinity" / "-Infinity") as a number. */
export function wireNumber(v: WireNumber): number {
  return typeof v === "number" ? v : Number(v);
}

/**
 * Converts the API's trial rows (`GET /api/tunelab/studies/:id/trials`) into {@link StudyTrial}s.
 *
 * @example
 * const trials = parseTrials(page.trials);
 */
export function parseTrials(rows: readonly TrialRowJson[]): StudyTrial[] {
  return rows.map((r) => ({
    number: r.number,
    state: r.state,
    values: r.values ? r.values.map(wireNumber) : null,
    params: r.params,
    start: r.datetime_start ? Date.parse(r.datetime_start) : null,
    complete: r.datetime_complete ? Date.parse(r.datetime_complete) : null,
    intermediate: r.intermediate ? numericPairs(r.intermediate) : [],
  }));
}

/** The pairs as they came when every value is a number (no copy: 100,000s of points), else parsed. */
function numericPairs(
  pairs: readonly (readonly [number, WireNumber])[],
): readonly (readonly [number, number])[] {
  for (const p of pairs)
    if (typeof p[1] !== "number") return pairs.map(([s, v]) => [s, wireNumber(v)] as const);
  return pairs as readonly (readonly [number, number])[];
}

/** COMPLETE trials whose objective `objective` is a finite number. */
export function completeTrials(trials: readonly StudyTrial[], objective = 0): StudyTrial[] {
  return trials.filter(
    (t) => t.state === "COMPLETE" && t.values !== null && Number.isFinite(t.values[objective]),
  );
}

/** True when `a` is better than `b` in `direction`. */
export function better(a: number, b: number, direction: Direction): boolean {
  return direction === "minimize" ? a < b : a > b;
}

export type { DistributionJson, WireParamValue, WireTrialState };
