import type { Distribution } from "../distributions.js";
import { type FrozenTrial, isFinished, type JsonValue, type TrialState } from "../frozen-trial.js";
import type {
  FrozenStudy,
  Storage,
  StorageOp,
  StudyDirection,
  SyncedWrite,
  SyncWork,
  TrialChanges,
} from "./storage.js";

/** Syncs remembered per study for `getTrialsChangedSince` (a caller more syncs behind gets everything). */
const CHANGE_LOG_KEPT = 32;

/** A storage that can read only what changed: what {@link CachedStorage} needs from its backend. */
export interface IncrementalTrialReader {
  /**
   * The study's trials whose id is above `afterTrialId`, plus those whose id is in `trialIds`,
   * ordered by number. Called by {@link CachedStorage} at every `getAllTrials` after the first.
   * Requires that a study's trial ids grow with their numbers.
   */
  readTrialsSince(studyId: number, afterTrialId: number, trialIds: readonly number[]): Promise<FrozenTrial[]>;
  /**
   * Optional: `work` (see `Storage.writeThenSync`), then what `readTrialsSince` and `getStudy`
   * return after it, in one round trip where the backend can. `read` is null when the writes
   * were stored but the reads failed (or found no study).
   */
  writeThenReadSince?(
    studyId: number,
    afterTrialId: number,
    trialIds: readonly number[],
    work: SyncWork,
  ): Promise<{ trial: FrozenTrial | null; read: { trials: FrozenTrial[]; study: FrozenStudy } | null }>;
}

/** Reads the trials above `afterTrialId` and those in `trialIds` (see `readTrialsSince`). */
type SinceReader = (afterTrialId: number, trialIds: readonly number[]) => Promise<FrozenTrial[]>;

interface StudyCache {
  /** Every trial seen, by number (numbers form a prefix 0..n-1: see `Storage`). */
  trials: FrozenTrial[];
  /** Ids of the trials that were not finished at the last sync: they are re-read. */
  unfinished: Set<number>;
  /** The largest trial id seen. */
  maxTrialId: number;
  /** How many entries of `trials` are set (equal to its length when there is no hole). */
  filled: number;
  /** What each incremental sync read (when it read something), oldest first, with the clock after it. */
  log: { version: number; trials: FrozenTrial[] }[];
  /** Cursors below this get every trial: the clock when the cache was built or its log last dropped an entry. */
  since: number;
}

/**
 * Keeps finished trials in memory: they are immutable, so each read of a study's trials re-reads
 * only the trials that were unfinished at the last read and the trials created since (one
 * query). The study refreshes at every ask through `getTrialsChangedSince`, which hands it just
 * those trials, so neither the database read nor the study's update grows with the number of
 * trials. Every write goes straight to the backend; storage URIs (`sqlite:`, `postgresql:`) open
 * an `RDBStorage` wrapped in this.
 */
export class CachedStorage implements Storage {
  private readonly studies = new Map<number, StudyCache>();
  private readonly finished = new Map<number, FrozenTrial>();
  /** Counts syncs that read something, over all studies: cursors of `getTrialsChangedSince`. */
  private clock = 0;

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
  async batch(ops: readonly StorageOp[]): Promise<void> {
    if (this.backend.batch) return this.backend.batch(ops);
    for (const op of ops) await op(this.backend);
  }

  /** The backend's `batchThenCreateTrial` (one transaction), or `batch` and no new trial (null). */
  async batchThenCreateTrial(ops: readonly StorageOp[], studyId: number): Promise<FrozenTrial | null> {
    if (this.backend.batchThenCreateTrial) return this.backend.batchThenCreateTrial(ops, studyId);
    await this.batch(ops);
    return null;
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    return this.finished.get(trialId) ?? this.backend.getTrial(trialId);
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[] } = {},
  ): Promise<FrozenTrial[]> {
    const { trials } = await this.sync(studyId);
    const { states } = options;
    return states ? trials.filter((t) => states.includes(t.state)) : trials.slice();
  }

  /** One incremental read (see {@link CachedStorage}); then only what it read, unless the cursor is too old. */
  async getTrialsChangedSince(studyId: number, cursor?: number): Promise<TrialChanges> {
    return this.changesSince(await this.sync(studyId), cursor);
  }

  /**
   * The writes and the incremental read of a sync in one backend call, when the backend can
   * (`writeThenReadSince`: one round trip on PostgreSQL) and the study is cached; otherwise the
   * writes, then `getTrialsChangedSince` and `getStudy`.
   */
  async writeThenSync(
    studyId: number,
    cursor: number | undefined,
    work: SyncWork = {},
  ): Promise<SyncedWrite> {
    const backend = this.backend;
    const writes = (work.ops?.length ?? 0) > 0 || work.createTrial === true;
    const carried = backend.writeThenReadSince !== undefined && this.studies.has(studyId);
    let trial: FrozenTrial | null = null;
    let study: FrozenStudy | null = null;
    let written = false;
    if (!carried) {
      trial = await this.write(studyId, work);
      written = true;
    }
    try {
      const reader: SinceReader | undefined = carried
        ? async (afterTrialId, trialIds) => {
            const r = await backend.writeThenReadSince!(studyId, afterTrialId, trialIds, work);
            trial = r.trial;
            written = true;
            if (!r.read) return backend.readTrialsSince(studyId, afterTrialId, trialIds);
            study = r.read.study;
            return r.read.trials;
          }
        : undefined;
      const changes = this.changesSince(await this.sync(studyId, reader), cursor);
      study ??= await backend.getStudy(studyId);
      return { trial, sync: { changes, study } };
    } catch (e) {
      // Stored writes are news the caller must get (e.g. the trial created): it refreshes later.
      if (!writes || !written) throw e;
      return { trial, sync: null };
    }
  }

  /** The writes of `work` without a read (see `Storage.writeThenSync`). */
  private async write(studyId: number, work: SyncWork): Promise<FrozenTrial | null> {
    const ops = work.ops ?? [];
    if (ops.length && work.createTrial) return this.batchThenCreateTrial(ops, studyId);
    if (ops.length) await this.batch(ops);
    return work.createTrial ? this.backend.createNewTrial(studyId) : null;
  }

  /** What changed since `cursor`, given the sync just made (see {@link getTrialsChangedSince}). */
  private changesSince(
    { trials, cache: c }: { trials: FrozenTrial[]; cache: StudyCache | null },
    cursor: number | undefined,
  ): TrialChanges {
    if (!c) return { trials, complete: true, cursor: this.clock };
    if (cursor === undefined || cursor < c.since || cursor > this.clock)
      return { trials: trials.slice(), complete: true, cursor: this.clock };
    let first = c.log.length;
    while (first > 0 && c.log[first - 1].version > cursor) first--;
    // Usually the caller is one sync behind: hand out that sync's array without copying it.
    const changed =
      first === c.log.length - 1 ? c.log[first].trials : c.log.slice(first).flatMap((e) => e.trials);
    return { trials: changed, complete: false, cursor: this.clock };
  }

  async close(): Promise<void> {
    this.studies.clear();
    this.finished.clear();
    await this.backend.close?.();
  }

  /**
   * Brings the study's cache up to date; `cache` is null when the study could not be cached.
   * `readSince` replaces the backend's `readTrialsSince` once the study is cached.
   */
  private async sync(
    studyId: number,
    readSince?: SinceReader,
  ): Promise<{ trials: FrozenTrial[]; cache: StudyCache | null }> {
    const c = this.studies.get(studyId);
    if (!c) {
      // The first read goes through getAllTrials, which also checks that the study exists.
      const all = await this.backend.getAllTrials(studyId);
      const fresh: StudyCache = {
        trials: [],
        unfinished: new Set(),
        maxTrialId: -1,
        filled: 0,
        log: [],
        since: ++this.clock,
      };
      return this.remember(studyId, fresh, all);
    }
    const fresh = await (readSince ?? ((after, ids) => this.backend.readTrialsSince(studyId, after, ids)))(
      c.maxTrialId,
      [...c.unfinished],
    );
    const synced = await this.remember(studyId, c, fresh);
    if (synced.cache && fresh.length) {
      c.log.push({ version: ++this.clock, trials: fresh });
      // Forget the oldest sync: a cursor from before it can no longer be answered incrementally.
      if (c.log.length > CHANGE_LOG_KEPT) c.since = c.log.shift()!.version;
    }
    return synced;
  }

  private async remember(
    studyId: number,
    c: StudyCache,
    fresh: FrozenTrial[],
  ): Promise<{ trials: FrozenTrial[]; cache: StudyCache | null }> {
    for (const t of fresh) {
      if (c.trials[t.number] === undefined) c.filled++;
      else if (c.trials[t.number].trialId !== t.trialId) c.filled = -1; // two trials share a number
      c.trials[t.number] = t;
      if (t.trialId > c.maxTrialId) c.maxTrialId = t.trialId;
      if (isFinished(t.state)) {
        c.unfinished.delete(t.trialId);
        this.finished.set(t.trialId, t);
      } else c.unfinished.add(t.trialId);
    }
    // Numbers form a prefix; a hole means a database written by something that breaks that
    // (e.g. duplicate numbers from old Optuna versions): fall back to a full read.
    if (c.filled !== c.trials.length) {
      this.studies.delete(studyId);
      return { trials: await this.backend.getAllTrials(studyId), cache: null };
    }
    this.studies.set(studyId, c);
    return { trials: c.trials, cache: c };
  }
}
