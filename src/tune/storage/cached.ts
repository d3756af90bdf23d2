import type { Distribution } from "../distributions.js";
import { type FrozenTrial, isFinished, type JsonValue, type TrialState } from "../frozen-trial.js";
import type { FrozenStudy, Storage, StudyDirection } from "./storage.js";

/** A storage that can read only what changed: what {@link CachedStorage} needs from its backend. */
export interface IncrementalTrialReader {
  /**
   * The study's trials whose id is above `afterTrialId`, plus those whose id is in `trialIds`,
   * ordered by number. Called by {@link CachedStorage} at every `getAllTrials` after the first.
   * Requires that a study's trial ids grow with their numbers.
   */
  readTrialsSince(studyId: number, afterTrialId: number, trialIds: readonly number[]): Promise<FrozenTrial[]>;
}

interface StudyCache {
  /** Every trial seen, by number (numbers form a prefix 0..n-1: see `Storage`). */
  trials: FrozenTrial[];
  /** Ids of the trials that were not finished at the last sync: they are re-read. */
  unfinished: Set<number>;
  /** The largest trial id seen. */
  maxTrialId: number;
}

/**
 * Keeps finished trials in memory: they are immutable, so each `getAllTrials` re-reads only the
 * trials that were unfinished at the last call and the trials created since. The study calls
 * `getAllTrials` at every ask and tell, so this turns an O(trials) database read per trial into
 * O(changes). Every write goes straight to the backend; storage URIs (`sqlite:`, `postgresql:`)
 * open an `RDBStorage` wrapped in this.
 */
export class CachedStorage implements Storage {
  private readonly studies = new Map<number, StudyCache>();
  private readonly finished = new Map<number, FrozenTrial>();

  constructor(readonly backend: Storage & IncrementalTrialReader) {}

  createNewStudy(directions: readonly StudyDirection[], studyName: string): Promise<number> {
    return this.backend.createNewStudy(directions, studyName);
  }

  async deleteStudy(studyId: number): Promise<void> {
    const c = this.studies.get(studyId);
    this.studies.delete(studyId);
    if (c) for (const t of c.trials) this.finished.delete(t.trialId);
    await this.backend.deleteStudy(studyId);
  }

  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.backend.setStudyUserAttr(studyId, key, value);
  }

  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.backend.setStudySystemAttr(studyId, key, value);
  }

  getStudyIdFromName(studyName: string): Promise<number> {
    return this.backend.getStudyIdFromName(studyName);
  }

  getStudy(studyId: number): Promise<FrozenStudy> {
    return this.backend.getStudy(studyId);
  }

  getAllStudies(): Promise<FrozenStudy[]> {
    return this.backend.getAllStudies();
  }

  createNewTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial> {
    return this.backend.createNewTrial(studyId, template);
  }

  setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void> {
    return this.backend.setTrialParam(trialId, name, internalValue, distribution);
  }

  setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[] | null,
  ): Promise<boolean> {
    return this.backend.setTrialStateValues(trialId, state, values);
  }

  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    return this.backend.setTrialIntermediateValue(trialId, step, value);
  }

  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.backend.setTrialUserAttr(trialId, key, value);
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.backend.setTrialSystemAttr(trialId, key, value);
  }

  /** Hands the ops to the backend's `batch` (one transaction), or runs them one by one. */
  async batch(ops: readonly ((storage: Storage) => Promise<void>)[]): Promise<void> {
    if (this.backend.batch) return this.backend.batch(ops);
    for (const op of ops) await op(this.backend);
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    return this.finished.get(trialId) ?? this.backend.getTrial(trialId);
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[] } = {},
  ): Promise<FrozenTrial[]> {
    const trials = await this.sync(studyId);
    const { states } = options;
    return states ? trials.filter((t) => states.includes(t.state)) : trials.slice();
  }

  async close(): Promise<void> {
    this.studies.clear();
    this.finished.clear();
    await this.backend.close?.();
  }

  private async sync(studyId: number): Promise<FrozenTrial[]> {
    const c = this.studies.get(studyId);
    if (!c) {
      // The first read goes through getAllTrials, which also checks that the study exists.
      const all = await this.backend.getAllTrials(studyId);
      return this.remember(studyId, { trials: [], unfinished: new Set(), maxTrialId: -1 }, all);
    }
    const fresh = await this.backend.readTrialsSince(studyId, c.maxTrialId, [...c.unfinished]);
    return this.remember(studyId, c, fresh);
  }

  private async remember(studyId: number, c: StudyCache, fresh: FrozenTrial[]): Promise<FrozenTrial[]> {
    for (const t of fresh) {
      c.trials[t.number] = t;
      if (t.trialId > c.maxTrialId) c.maxTrialId = t.trialId;
      if (isFinished(t.state)) {
        c.unfinished.delete(t.trialId);
        this.finished.set(t.trialId, t);
      } else c.unfinished.add(t.trialId);
    }
    // Numbers form a prefix; a hole means a database written by something that breaks that
    // (e.g. duplicate numbers from old Optuna versions): fall back to a full read.
    for (let i = 0; i < c.trials.length; i++)
      if (c.trials[i] === undefined || c.trials[i].number !== i) {
        this.studies.delete(studyId);
        const all = await this.backend.getAllTrials(studyId);
        return all;
      }
    this.studies.set(studyId, c);
    return c.trials;
  }
}
