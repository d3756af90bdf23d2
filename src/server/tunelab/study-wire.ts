/**
 * The JSON shapes of tunelab's study API (`/api/tunelab`), as the UI reads them. Type-only and
 * import-free so that `ui/` can `import type` them without pulling server code.
 */

/** A number on the wire: JSON has no NaN or infinities, so those travel as strings. */
export type WireNumber = number | "NaN" | "Infinity" | "-Infinity";

/** A trial's state, as the tune module names it. */
export type WireTrialState = "RUNNING" | "COMPLETE" | "PRUNED" | "FAIL" | "WAITING";

/** A parameter value (categorical choices may be strings, booleans or null). */
export type WireParamValue = string | number | boolean | null;

/** One study in `GET /studies`. */
export interface StudySummaryJson {
  study_id: number;
  study_name: string;
  directions: ("minimize" | "maximize")[];
  user_attrs: Record<string, unknown>;
  n_trials: number;
  /** Start of the earliest trial (ISO 8601). */
  datetime_start?: string;
  /** Single-objective studies with a COMPLETE trial only. */
  best_trial_number?: number;
  best_values?: WireNumber[];
}

/** A parameter's distribution: the union of what the study's trials used. */
export interface DistributionJson {
  type: "float" | "int" | "categorical";
  low?: number;
  high?: number;
  log?: boolean;
  step?: number | null;
  choices?: WireParamValue[];
}

/** `GET /studies/:id/summary`: a study with what its charts need to know before the trials. */
export interface StudyDetailJson extends StudySummaryJson {
  /** Objective names from `study.setMetricNames`, when set. */
  metric_names?: string[];
  /** Every parameter any trial has, with its distribution (the last trial's wins on a conflict). */
  search_space: Record<string, DistributionJson>;
  n_trials_by_state: Record<WireTrialState, number>;
  /** Changes whenever a trial is added or changes (see `GET /studies/:id/version`). */
  version: string;
}

/** One trial in `GET /studies/:id/trials`. */
export interface TrialRowJson {
  trial_id: number;
  number: number;
  state: WireTrialState;
  values?: WireNumber[];
  datetime_start?: string;
  datetime_complete?: string;
  params: Record<string, WireParamValue>;
  user_attrs: Record<string, unknown>;
  /** Intermediate values as `[step, value]` pairs by step (absent with `intermediate=false`). */
  intermediate?: [number, WireNumber][];
}

/** `GET /studies/:id/trials`. */
export interface TrialPageJson {
  study_id: number;
  /** Trials matching the state filter, before paging. */
  total: number;
  offset: number;
  version: string;
  trials: TrialRowJson[];
}

/** `GET /studies/:id/version`: cheap to poll. */
export interface StudyVersionJson {
  study_id: number;
  version: string;
  n_trials: number;
  n_finished: number;
  /** Completion time of the latest finished trial (ISO 8601). */
  last_complete?: string;
}

/** The importance evaluators the API offers. */
export type ImportanceEvaluatorName = "fanova" | "ped-anova";

/** `GET /studies/:id/importances`. */
export interface ImportancesJson {
  study_id: number;
  evaluator: ImportanceEvaluatorName;
  /** Index of the objective explained. */
  objective: number;
  /** COMPLETE trials with a finite value of the objective. */
  n_trials: number;
  /** When fANOVA ran on a seeded sample of them: its size. */
  n_sampled?: number;
  /** Largest first; they sum to 1 (empty when there is too little to explain). */
  importances: { param: string; importance: number }[];
  /** Why `importances` is empty, when it is. */
  reason?: string;
  /** True when served from the cache. */
  cached: boolean;
  /**
   * True when the study has new COMPLETE trials that this result does not cover yet (a running
   * study is recomputed at most every few seconds).
   */
  stale?: boolean;
}
