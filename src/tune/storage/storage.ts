import type { Distribution } from "../distributions.js";
import type { FrozenTrial, JsonValue, TrialState } from "../frozen-trial.js";

/** Optimisation direction of one objective. */
export const STUDY_DIRECTIONS = ["minimize", "maximize"] as const;
/** Optimisation direction of one objective. */
export type StudyDirection = (typeof STUDY_DIRECTIONS)[number];

/** A study's identity and attributes, as a storage returns them. */
export interface FrozenStudy {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

/** What {@link Storage.getTrialsChangedSince} returns. */
export interface TrialChanges {
  /**
   * Trials to apply in this order (a later one replaces an earlier one with the same number):
   * every trial that changed since the cursor, and possibly some that did not. When `complete`,
   * every trial of the study, ordered by number.
   */
  readonly trials: readonly FrozenTrial[];
  /** True when `trials` is the whole study rather than what changed. */
  readonly complete: boolean;
  /** Pass it to the next call. */
  readonly cursor: number;
}

/** A trial write given the storage to call (see {@link Storage.batch}). */
export type StorageOp = (storage: Storage) => Promise<void>;

/** The writes of {@link Storage.writeThenSync}. */
export interface SyncWork {
  /** Trial writes, possibly ending with the finish of their trial, as for {@link Storage.batch}. */
  readonly ops?: readonly StorageOp[];
  /** Create a RUNNING trial (after `ops`, only when they end with a finish that was stored). */
  readonly createTrial?: boolean;
}

/** What {@link Storage.writeThenSync} returns. */
export interface SyncedWrite {
  /** The trial it created, or null (none asked for, or the ops did not end with a stored finish). */
  readonly trial: FrozenTrial | null;
  /** The study as read after the writes, or null when that read failed. */
  readonly sync: { readonly changes: TrialChanges; readonly study: FrozenStudy } | null;
}

/**
 * Where studies and trials live. The study calls it; samplers and pruners never do directly.
 *
 * Identity: `studyId` is unique and never reused; `trialId` is unique across all studies and never
 * reused; a trial's `number` counts 0, 1, 2... within its study, without gaps, even when many
 * processes add trials at once.
 *
 * Invariants every implementation keeps:
 * - returned objects are snapshots: later writes never change them (a write makes a new snapshot);
 * - finished trials (COMPLETE, PRUNED, FAIL) are immutable: any write to one throws
 *   {@link UpdateFinishedTrialError};
 * - an unknown study id or name throws {@link StudyNotFoundError}; an unknown trial id throws
 *   {@link TrialNotFoundError};
 * - `setTrialStateValues(id, "RUNNING")` on a trial that is already RUNNING returns false: that
 *   is how exactly one worker takes an enqueued (WAITING) trial.
 *
 * The contract suite in `test/contracts/storage.contract.ts` checks all of this; run it on a new
 * implementation.
 */
export interface Storage {
  /** Creates a study; throws {@link DuplicatedStudyError} if the name exists. Returns its id. */
  createNewStudy(directions: readonly StudyDirection[], studyName: string): Promise<number>;
  /** Deletes a study and all its trials. */
  deleteStudy(studyId: number): Promise<void>;
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  getStudyIdFromName(studyName: string): Promise<number>;
  /** The study's name, directions and attributes. */
  getStudy(studyId: number): Promise<FrozenStudy>;
  /** Every study, in creation order. */
  getAllStudies(): Promise<FrozenStudy[]>;

  /**
   * Creates a trial with the next number. Without a template it is RUNNING and starts now;
   * with one (from `createTrial` or an enqueue) it copies the template's state, values, params,
   * attributes and intermediate values. Returns the new trial.
   */
  createNewTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial>;
  /** Records a parameter (internal representation); the trial must be RUNNING. */
  setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void>;
  /**
   * Moves a trial to `state`, storing `values` when finishing it. Sets `datetimeStart` when it
   * becomes RUNNING and `datetimeComplete` when it finishes. Returns false (and changes nothing)
   * when asked to make a RUNNING trial RUNNING.
   */
  setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[] | null,
  ): Promise<boolean>;
  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void>;
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  getTrial(trialId: number): Promise<FrozenTrial>;
  /** The study's trials ordered by number, optionally only those in `states`. */
  getAllTrials(studyId: number, options?: { states?: readonly TrialState[] }): Promise<FrozenTrial[]>;

  /**
   * Optional, for callers that keep their own copy of a study's trials (a `Study` does, and
   * refreshes it at every ask): the trials created or changed since the call that returned
   * `cursor`, so that a refresh costs O(changes) instead of O(trials). Without a cursor, or with
   * one it cannot answer from, it returns every trial and `complete: true`.
   */
  getTrialsChangedSince?(studyId: number, cursor?: number): Promise<TrialChanges>;

  /**
   * Optional: runs several trial writes (`setTrialParam`, `setTrialIntermediateValue`,
   * `setTrialUserAttr`, `setTrialSystemAttr`, each given the storage to call), possibly ending
   * with the `setTrialStateValues` that finishes their trial, as one unit, e.g. one database
   * transaction, and resolves when all are stored. Each op must succeed or fail as it would
   * alone. Called by a `Trial` when more than one of its writes is queued (several suggestions
   * in one synchronous stretch of the objective, or writes the objective made just before it
   * returned, sent with the finish). Without it the writes run one by one.
   */
  batch?(ops: readonly ((storage: Storage) => Promise<void>)[]): Promise<void>;

  /**
   * Optional: runs `ops` as {@link Storage.batch} does, where they end with the
   * `setTrialStateValues` that finishes (COMPLETE, PRUNED, FAIL) their trial, and in the same unit
   * (one transaction), only when that finish is stored, creates a RUNNING trial in `studyId` as
   * `createNewTrial(studyId)` does. Returns the new trial, or null when none was created (then
   * call `createNewTrial`). `study.optimize` calls it to start its next trial with the end of the
   * last one: one commit per trial instead of two.
   */
  batchThenCreateTrial?(
    ops: readonly ((storage: Storage) => Promise<void>)[],
    studyId: number,
  ): Promise<FrozenTrial | null>;

  /**
   * Optional, for callers that keep their own copy of a study's trials (a `Study`): some writes
   * and the refresh that follows them as one call (one round trip on PostgreSQL). Runs `work.ops`
   * as {@link Storage.batch} does; with `work.createTrial` creates a RUNNING trial as
   * `createNewTrial(studyId)` does, after ops only when they end with a finish that was stored
   * (as {@link Storage.batchThenCreateTrial}); then reads what `getTrialsChangedSince(studyId,
   * cursor)` and `getStudy(studyId)` return after those writes. Without work it is a refresh.
   * Throws when the writes fail; when they were stored but the read after them failed, `sync` is
   * null (refresh then).
   */
  writeThenSync?(studyId: number, cursor: number | undefined, work?: SyncWork): Promise<SyncedWrite>;

  /** Releases connections. Optional; called by `study.close()` and the CLI. */
  close?(): Promise<void>;
}
