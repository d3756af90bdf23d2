import { checkDistributionCompatibility, type Distribution } from "../distributions.js";
import {
  DuplicatedStudyError,
  StudyNotFoundError,
  TrialNotFoundError,
  UpdateFinishedTrialError,
} from "../errors.js";
import { FrozenTrial, isFinished, type JsonValue, type TrialState } from "../frozen-trial.js";
import type { FrozenStudy, Storage, StudyDirection, TrialChanges } from "./storage.js";

interface StudyRecord {
  study: FrozenStudy;
  trials: FrozenTrial[];
  /** First distribution seen for each parameter name, for compatibility checks. */
  distributions: Map<string, Distribution>;
  /**
   * Numbers of the trials created or changed, in that order, from change number `changesBase` on
   * (older ones are dropped): a cursor of `getTrialsChangedSince` is a change number.
   */
  changes: number[];
  changesBase: number;
}

/**
 * Keeps studies in this process's memory: fast, lost when the process exits.
 * The default when `createStudy` gets no `storage`.
 */
export class InMemoryStorage implements Storage {
  private readonly studies = new Map<number, StudyRecord>();
  private readonly trialIndex = new Map<number, { studyId: number; number: number }>();
  private nextStudyId = 0;
  private nextTrialId = 0;

  async createNewStudy(directions: readonly StudyDirection[], studyName: string): Promise<number> {
    for (const r of this.studies.values())
      if (r.study.studyName === studyName) throw new DuplicatedStudyError(studyName);
    const studyId = this.nextStudyId++;
    this.studies.set(studyId, {
      study: Object.freeze({
        studyId,
        studyName,
        directions: Object.freeze([...directions]),
        userAttrs: {},
        systemAttrs: {},
      }),
      trials: [],
      distributions: new Map(),
      changes: [],
      changesBase: 0,
    });
    return studyId;
  }

  async deleteStudy(studyId: number): Promise<void> {
    const r = this.record(studyId);
    for (const t of r.trials) this.trialIndex.delete(t.trialId);
    this.studies.delete(studyId);
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    const r = this.record(studyId);
    r.study = Object.freeze({ ...r.study, userAttrs: Object.freeze({ ...r.study.userAttrs, [key]: value }) });
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    const r = this.record(studyId);
    r.study = Object.freeze({
      ...r.study,
      systemAttrs: Object.freeze({ ...r.study.systemAttrs, [key]: value }),
    });
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    for (const r of this.studies.values()) if (r.study.studyName === studyName) return r.study.studyId;
    throw new StudyNotFoundError(studyName, this.names());
  }

  async getStudy(studyId: number): Promise<FrozenStudy> {
    return this.record(studyId).study;
  }

  async getAllStudies(): Promise<FrozenStudy[]> {
    return [...this.studies.values()].map((r) => r.study);
  }

  async createNewTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial> {
    const r = this.record(studyId);
    const trialId = this.nextTrialId++;
    const number = r.trials.length;
    if (template) for (const [name, d] of Object.entries(template.distributions)) this.checkParam(r, name, d);
    const trial = template
      ? template.with({ trialId, number })
      : new FrozenTrial({
          trialId,
          number,
          state: "RUNNING",
          values: null,
          datetimeStart: new Date(),
          datetimeComplete: null,
          params: {},
          distributions: {},
          userAttrs: {},
          systemAttrs: {},
          intermediateValues: new Map(),
        });
    r.trials.push(trial);
    this.changed(r, number);
    this.trialIndex.set(trialId, { studyId, number });
    return trial;
  }

  async setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void> {
    const { r, trial } = this.updatable(trialId);
    this.checkParam(r, name, distribution);
    this.replace(
      r,
      trial.with({
        params: { ...trial.params, [name]: distribution.toExternal(internalValue) },
        distributions: { ...trial.distributions, [name]: distribution },
      }),
    );
  }

  async setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[] | null,
  ): Promise<boolean> {
    const { r, trial } = this.updatable(trialId);
    if (state === "RUNNING" && trial.state === "RUNNING") return false;
    const now = new Date();
    this.replace(
      r,
      trial.with({
        state,
        values: values ?? trial.values,
        datetimeStart: state === "RUNNING" ? now : trial.datetimeStart,
        datetimeComplete: isFinished(state) ? now : null,
      }),
    );
    return true;
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    const { r, trial } = this.updatable(trialId);
    const iv = new Map(trial.intermediateValues);
    iv.set(step, value);
    this.replace(r, trial.with({ intermediateValues: iv }));
  }

  async setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    const { r, trial } = this.updatable(trialId);
    this.replace(r, trial.with({ userAttrs: { ...trial.userAttrs, [key]: value } }));
  }

  async setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    const { r, trial } = this.updatable(trialId);
    this.replace(r, trial.with({ systemAttrs: { ...trial.systemAttrs, [key]: value } }));
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    return this.locate(trialId).trial;
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[] } = {},
  ): Promise<FrozenTrial[]> {
    const trials = this.record(studyId).trials;
    const { states } = options;
    return states ? trials.filter((t) => states.includes(t.state)) : trials.slice();
  }

  /**
   * The trials created or changed since `cursor` (by number), so that a study refreshing at every
   * ask does not copy and re-place every trial.
   */
  async getTrialsChangedSince(studyId: number, cursor?: number): Promise<TrialChanges> {
    const r = this.record(studyId);
    const end = r.changesBase + r.changes.length;
    if (cursor === undefined || !Number.isInteger(cursor) || cursor < r.changesBase || cursor > end)
      return { trials: r.trials.slice(), complete: true, cursor: end };
    const numbers = [...new Set(r.changes.slice(cursor - r.changesBase))].sort((a, b) => a - b);
    return { trials: numbers.map((n) => r.trials[n]), complete: false, cursor: end };
  }

  private names(): string[] {
    return [...this.studies.values()].map((r) => r.study.studyName);
  }

  private record(studyId: number): StudyRecord {
    const r = this.studies.get(studyId);
    if (!r) throw new StudyNotFoundError(studyId, this.names());
    return r;
  }

  private locate(trialId: number): { r: StudyRecord; trial: FrozenTrial } {
    const at = this.trialIndex.get(trialId);
    if (!at) throw new TrialNotFoundError(trialId);
    const r = this.record(at.studyId);
    return { r, trial: r.trials[at.number] };
  }

  private updatable(trialId: number): { r: StudyRecord; trial: FrozenTrial } {
    const found = this.locate(trialId);
    if (isFinished(found.trial.state))
      throw new UpdateFinishedTrialError(found.trial.number, found.trial.state);
    return found;
  }

  private replace(r: StudyRecord, trial: FrozenTrial): void {
    r.trials[trial.number] = trial;
    this.changed(r, trial.number);
  }

  /** Logs a change; keeps the log within a few entries per trial (a caller that far behind reloads all). */
  private changed(r: StudyRecord, number: number): void {
    r.changes.push(number);
    if (r.changes.length > 4 * r.trials.length + 1024) {
      const drop = r.changes.length >> 1;
      r.changes.splice(0, drop);
      r.changesBase += drop;
    }
  }

  private checkParam(r: StudyRecord, name: string, d: Distribution): void {
    const old = r.distributions.get(name);
    if (old) checkDistributionCompatibility(name, old, d);
    else r.distributions.set(name, d);
  }
}
