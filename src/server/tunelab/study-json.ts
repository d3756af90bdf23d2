import { createHash } from "node:crypto";
import {
  type Distribution,
  type FrozenStudy,
  type FrozenTrial,
  isFinished,
  TRIAL_STATES,
  type TrialState,
} from "../../tune/index.js";
import type {
  DistributionJson,
  StudyDetailJson,
  StudySummaryJson,
  StudyVersionJson,
  TrialRowJson,
  WireNumber,
} from "./study-wire.js";

/** Non-finite numbers as strings (JSON has none), as the MLflow API writes them. */
export const num = (v: number): WireNumber =>
  Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";

/** A study's list entry: trial count, first start and (single objective) best trial. */
export function studyJson(s: FrozenStudy, trials: readonly FrozenTrial[]): StudySummaryJson {
  let best: FrozenTrial | undefined;
  let start = Number.POSITIVE_INFINITY;
  const minimize = s.directions[0] === "minimize";
  for (const t of trials) {
    const ms = t.datetimeStart?.getTime();
    if (ms !== undefined && ms < start) start = ms;
    if (s.directions.length !== 1 || t.state !== "COMPLETE" || !t.values) continue;
    const v = t.values[0];
    const b = best?.values?.[0];
    if (b === undefined || (minimize ? v < b : v > b)) best = t;
  }
  return {
    study_id: s.studyId,
    study_name: s.studyName,
    directions: [...s.directions],
    user_attrs: s.userAttrs,
    n_trials: trials.length,
    ...(Number.isFinite(start) ? { datetime_start: new Date(start).toISOString() } : {}),
    ...(best ? { best_trial_number: best.number, best_values: (best.values ?? []).map(num) } : {}),
  };
}

function distributionJson(d: Distribution): DistributionJson {
  if (d.kind === "categorical") return { type: "categorical", choices: [...d.choices] };
  return { type: d.kind, low: d.low, high: d.high, log: d.log, step: d.step };
}

/** A study with its search space, trial counts by state and version. */
export function studyDetailJson(s: FrozenStudy, trials: readonly FrozenTrial[]): StudyDetailJson {
  const space: Record<string, DistributionJson> = {};
  // trials read together share their distribution objects: each is converted once, not per trial
  const seen = new Map<string, Distribution>();
  const byState = Object.fromEntries(TRIAL_STATES.map((st) => [st, 0])) as Record<TrialState, number>;
  for (const t of trials) {
    byState[t.state]++;
    for (const name in t.distributions) {
      const d = t.distributions[name];
      if (seen.get(name) === d) continue;
      seen.set(name, d);
      space[name] = distributionJson(d);
    }
  }
  const names = s.systemAttrs["study:metric_names"];
  return {
    ...studyJson(s, trials),
    ...(Array.isArray(names) ? { metric_names: names.map(String) } : {}),
    search_space: space,
    n_trials_by_state: byState,
    version: studyVersion(trials).version,
  };
}

/** A trial as a row of `GET /studies/:id/trials`; intermediate values as `[step, value]` pairs. */
export function trialRowJson(t: FrozenTrial, withIntermediate: boolean): TrialRowJson {
  const row: TrialRowJson = {
    trial_id: t.trialId,
    number: t.number,
    state: t.state,
    params: t.params,
    user_attrs: t.userAttrs,
  };
  if (t.values) row.values = t.values.map(num);
  if (t.datetimeStart) row.datetime_start = t.datetimeStart.toISOString();
  if (t.datetimeComplete) row.datetime_complete = t.datetimeComplete.toISOString();
  if (withIntermediate) {
    const pairs: [number, WireNumber][] = [];
    for (const [step, value] of t.intermediateValues) pairs.push([step, num(value)]);
    pairs.sort((a, b) => a[0] - b[0]);
    row.intermediate = pairs;
  }
  return row;
}

/** A trial as `GET /studies/:id` and `/trials/:number` return it (intermediate values as objects). */
export function trialJson(t: FrozenTrial) {
  return {
    trial_id: t.trialId,
    number: t.number,
    state: t.state,
    ...(t.values ? { values: t.values.map(num) } : {}),
    ...(t.datetimeStart ? { datetime_start: t.datetimeStart.toISOString() } : {}),
    ...(t.datetimeComplete ? { datetime_complete: t.datetimeComplete.toISOString() } : {}),
    params: t.params,
    user_attrs: t.userAttrs,
    intermediate_values: [...t.intermediateValues.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([step, value]) => ({ step, value: num(value) })),
  };
}

/**
 * A fingerprint of a study's trials that changes whenever one is added or changes. Finished
 * trials never change (the storage contract) and trials are never removed, so the count of
 * trials, the count of finished ones and what the unfinished ones hold (state, params,
 * intermediate values, attributes) identify the whole state; only the unfinished trials are
 * hashed, so polling a long study costs little beyond reading it.
 */
export function studyVersion(trials: readonly FrozenTrial[]): Omit<StudyVersionJson, "study_id"> {
  let finished = 0;
  let last = Number.NEGATIVE_INFINITY;
  const h = createHash("sha1");
  for (const t of trials) {
    if (isFinished(t.state)) {
      finished++;
      const c = t.datetimeComplete?.getTime();
      if (c !== undefined && c > last) last = c;
      continue;
    }
    h.update(
      `${t.number}:${t.state}:${Object.keys(t.params).length}:${t.intermediateValues.size}:` +
        `${lastStep(t)}:${t.intermediateValues.get(lastStep(t))}:${Object.keys(t.userAttrs).length}:${Object.keys(t.systemAttrs).length};`,
    );
  }
  const unfinished = trials.length - finished;
  return {
    version: `${trials.length}.${finished}${unfinished > 0 ? `.${h.digest("hex").slice(0, 10)}` : ""}`,
    n_trials: trials.length,
    n_finished: finished,
    ...(Number.isFinite(last) ? { last_complete: new Date(last).toISOString() } : {}),
  };
}

function lastStep(t: FrozenTrial): number {
  let last = -1;
  for (const s of t.intermediateValues.keys()) if (s > last) last = s;
  return last;
}
