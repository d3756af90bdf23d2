import type { FrozenTrial, JsonValue, TrialState } from "./frozen-trial.js";
import type { StudyDirection } from "./storage/storage.js";

/**
 * What samplers and pruners see of a study: a synchronous, consistent view of its trials.
 * Trials run by this process appear with their live state; trials of other processes as of
 * the last sync with the storage (at every `ask`, `tell` and, throttled, at `report`).
 */
export interface StudyView {
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  /** Study system attributes (sampler state shared between processes). */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Trials ordered by number, optionally only those in `states`. Do not mutate the array. */
  getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[];
  /** Stores a study system attribute (written to the storage in the background). */
  setSystemAttr(key: string, value: JsonValue): void;
  /** Stores a system attribute on an unfinished trial of this process (e.g. a pruner's rung value). */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void;
  /** Asks `optimize` to start no new trial (as `study.stop()`). */
  stop(): void;
}
