import { randomUUID } from "node:crypto";
import type { Distribution, ParamValue } from "./distributions.js";
import {
  DuplicatedStudyError,
  InvalidArgumentError,
  InvalidStateError,
  TrialNotFoundError,
  TrialPruned,
  UpdateFinishedTrialError,
} from "./errors.js";
import {
  createTrial,
  type FrozenTrial,
  isFinished,
  type JsonValue,
  type TrialState,
} from "./frozen-trial.js";
import { logEnabled, logInfo } from "./logging.js";
import { dominates, isFeasible, paretoFront } from "./multi-objective.js";
import { type OptimizeOptions, runOptimize } from "./optimize.js";
import { MedianPruner } from "./pruners/median.js";
import type { Pruner } from "./pruners/pruner.js";
import type { Sampler } from "./samplers/sampler.js";
import { TPESampler } from "./samplers/tpe/tpe-sampler.js";
import { StateLists } from "./state-lists.js";
import { resolveStorage } from "./storage/resolve.js";
import {
  type FrozenStudy,
  STUDY_DIRECTIONS,
  type Storage,
  type StudyDirection,
  type SyncWork,
  type TrialChanges,
} from "./storage/storage.js";
import type { StudyView } from "./study-view.js";
import { Trial, type TrialHost } from "./trial.js";

/** An objective: receives a trial, returns the value (or one value per direction). */
export type Objective<T = Trial> = (
  trial: T,
) => number | readonly number[] | Promise<number | readonly number[]>;

/** Options of {@link createStudy}. */
export interface CreateStudyOptions {
  /** Name of the study; default `no-name-<uuid>`. */
  studyName?: string;
  /** A {@link Storage} or a storage URI; default: a new in-memory storage. */
  storage?: Storage | string;
  /** Default {@link TPESampler}. */
  sampler?: Sampler;
  /** Default {@link MedianPruner}. */
  pruner?: Pruner;
  /** Single-objective direction; default "minimize". Not with `directions`. */
  direction?: StudyDirection;
  /** One direction per objective (multi-objective). Not with `direction`. */
  directions?: readonly StudyDirection[];
  /** Load the study instead of failing when the name exists. Default false. */
  loadIfExists?: boolean;
}

/** Options of {@link loadStudy}. */
export interface LoadStudyOptions {
  /** Optional when the storage holds exactly one study. */
  studyName?: string;
  storage: Storage | string;
  sampler?: Sampler;
  pruner?: Pruner;
}

/** Options of `study.tell`. */
export interface TellOptions {
  /** Default: COMPLETE when the values are valid, FAIL otherwise. */
  state?: "COMPLETE" | "PRUNED" | "FAIL";
  /** Return the stored trial instead of throwing when it is already finished. Default false. */
  skipIfFinished?: boolean;
  /** Why the trial failed (kept in the system attribute `fail_reason`). */
  failReason?: string;
}

/** A row of `study.trialsRecords()`: flat, CSV-ready. */
export type TrialRecord = Record<string, string | number | boolean | null>;

function normaliseDirection(d: unknown): StudyDirection {
  const s = typeof d === "string" ? d.toLowerCase() : d;
  if (!STUDY_DIRECTIONS.includes(s as StudyDirection))
    throw new InvalidArgumentError(
      `invalid direction: ${String(d)} (expected ${STUDY_DIRECTIONS.join(" | ")})`,
    );
  return s as StudyDirection;
}

/** What a refresh reads: the trials that changed (a cursor only from `getTrialsChangedSince`) and the study. */
interface StudySync {
  changes: Omit<TrialChanges, "cursor"> & { cursor: number | undefined };
  study: FrozenStudy;
}

/**
 * A study: a sequence of trials that optimise one objective function (or several).
 * Create one with {@link createStudy} or {@link loadStudy}.
 *
 * Synchronous getters (`trials`, `bestTrial`...) read the study's cache, which is refreshed from
 * the storage at every `ask`, `tell` and `refresh()`.
 */
export class Study implements TrialHost {
  private cache: FrozenTrial[] = [];
  /** Numbers of the cache's WAITING trials, so that `ask` finds them without a scan. */
  private readonly waiting = new Set<number>();
  /** True after this study enqueued a trial that its cache does not show yet. */
  private enqueuedHere = false;
  /** From the storage's `getTrialsChangedSince`, when it has one. */
  private cursor: number | undefined = undefined;
  private readonly live = new Map<number, Trial>();
  private readonly paramDistributions = new Map<string, Distribution>();
  private studyUserAttrs: Record<string, JsonValue> = {};
  private studySystemAttrs: Record<string, JsonValue> = {};
  private studyWrites: Promise<void> = Promise.resolve();
  private studyWriteError: unknown = null;
  private lastSync = 0;
  private syncing: Promise<void> | null = null;
  /** True when the refresh that `tellThenCreate` made beside its finish failed: `askCreated` repeats it. */
  private refreshFailed = false;
  private readonly viewObject: StudyView;
  /** The views' state-filtered trials, patched as trials change (samplers ask several times per trial). */
  private readonly stateLists = new StateLists();
  /** @internal set by stop(), read by optimize */
  stopRequested = false;
  /** @internal true while optimize runs */
  optimizing = false;

  /** @internal use createStudy / loadStudy */
  constructor(
    readonly studyId: number,
    readonly studyName: string,
    readonly directions: readonly StudyDirection[],
    readonly storage: Storage,
    readonly sampler: Sampler,
    readonly pruner: Pruner,
  ) {
    const study = this;
    this.viewObject = {
      studyName,
      directions,
      get systemAttrs() {
        return study.studySystemAttrs;
      },
      // Samplers and pruners only read the lists; the public getTrials returns fresh arrays.
      getTrials: (options) =>
        options?.states ? this.stateLists.get(this.cache, options.states) : this.cache,
      setSystemAttr: (key, value) => this.setSystemAttr(key, value),
      setTrialSystemAttr: (trialId, key, value) => {
        const t = this.live.get(trialId);
        if (!t) throw new InvalidStateError(`trial id ${trialId} is not running in this process`);
        t.setSystemAttr(key, value);
      },
      stop: () => this.stop(),
    };
  }

  /** The direction of a single-objective study; throws on a multi-objective one. */
  get direction(): StudyDirection {
    if (this.directions.length > 1)
      throw new InvalidStateError("this study has several directions; use directions");
    return this.directions[0];
  }

  /** Every trial, ordered by number (a copy). */
  get trials(): FrozenTrial[] {
    return this.cache.slice();
  }

  /** Trials ordered by number, optionally only those in `states`. Do not mutate the result. */
  getTrials(options: { states?: readonly TrialState[] } = {}): readonly FrozenTrial[] {
    const { states } = options;
    return states ? this.cache.filter((t) => states.includes(t.state)) : this.cache;
  }

  /** The best COMPLETE (and feasible) trial of a single-objective study. */
  get bestTrial(): FrozenTrial {
    const sign = this.direction === "minimize" ? 1 : -1;
    let best: FrozenTrial | null = null;
    for (const t of this.cache) {
      if (t.state !== "COMPLETE" || t.values === null || Number.isNaN(t.values[0]) || !isFeasible(t))
        continue;
      if (best === null || sign * t.values[0] < sign * best.values![0]) best = t;
    }
    if (best === null) throw new InvalidStateError(`study "${this.studyName}" has no complete trial yet`);
    return best;
  }

  /** The value of {@link bestTrial}. */
  get bestValue(): number {
    return this.bestTrial.values![0];
  }

  /** The parameters of {@link bestTrial}. */
  get bestParams(): Readonly<Record<string, ParamValue>> {
    return this.bestTrial.params;
  }

  /** The Pareto front of COMPLETE (feasible) trials; for one objective, every trial tied for best. */
  get bestTrials(): FrozenTrial[] {
    const complete = this.cache.filter((t) => t.state === "COMPLETE" && t.values !== null && isFeasible(t));
    return paretoFront(complete, this.directions);
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.studyUserAttrs;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.studySystemAttrs;
  }

  /** Names of the objectives (set with {@link setMetricNames}), or null. */
  get metricNames(): string[] | null {
    return (this.studySystemAttrs["study:metric_names"] as string[] | undefined) ?? null;
  }

  /** Names the objectives (used by records, the tracking callback and the UI). */
  setMetricNames(names: readonly string[]): Promise<void> {
    if (names.length !== this.directions.length)
      throw new InvalidArgumentError(
        `setMetricNames(): got ${names.length} names for ${this.directions.length} objectives`,
      );
    return this.setSystemAttr("study:metric_names", [...names]);
  }

  /** Stores a JSON value on the study. */
  setUserAttr(key: string, value: JsonValue): Promise<void> {
    this.studyUserAttrs = { ...this.studyUserAttrs, [key]: value };
    return this.studyWrite((s) => s.setStudyUserAttr(this.studyId, key, value));
  }

  /** @internal Stores internal study metadata. */
  setSystemAttr(key: string, value: JsonValue): Promise<void> {
    this.studySystemAttrs = { ...this.studySystemAttrs, [key]: value };
    return this.studyWrite((s) => s.setStudySystemAttr(this.studyId, key, value));
  }

  /** Asks `optimize` to start no new trial; trials already running finish normally. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs the objective for `nTrials` trials (or until `timeout` seconds, `stop()` or an
   * uncaught error). See {@link OptimizeOptions}.
   *
   * @example
   * await study.optimize((trial) => (trial.suggestFloat("x", -10, 10) - 2) ** 2, { nTrials: 100 });
   */
  optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    return runOptimize(this, objective, options);
  }

  /**
   * Starts a trial for ask-and-tell use: takes the oldest enqueued (WAITING) trial or creates one.
   * (When the study knows of no enqueued trial it creates one while it refreshes; a trial that
   * another process enqueued meanwhile is taken by the next ask.) `fixedDistributions` suggests
   * those parameters right away.
   */
  async ask(fixedDistributions: Record<string, Distribution> = {}): Promise<Trial> {
    await this.settleStudyWrites();
    let frozen: FrozenTrial | null = null;
    if (this.waiting.size === 0 && !this.enqueuedHere) {
      // No enqueued trial known: create the trial with the refresh (one storage call when it
      // can, else beside it). A trial another process enqueued meanwhile is taken by the next ask.
      if (this.storage.writeThenSync) {
        frozen = await this.writeThenRefresh({ createTrial: true });
        if (frozen) return this.startCreated(frozen, fixedDistributions);
      }
      [, frozen] = await Promise.all([this.refresh(), this.storage.createNewTrial(this.studyId)]);
    } else {
      this.enqueuedHere = false;
      await this.refresh();
      for (const number of [...this.waiting].sort((a, b) => a - b)) {
        const waiting = this.cache[number];
        if (await this.storage.setTrialStateValues(waiting.trialId, "RUNNING")) {
          frozen = await this.storage.getTrial(waiting.trialId);
          break;
        }
      }
      frozen ??= await this.storage.createNewTrial(this.studyId);
    }
    return this.start(frozen, fixedDistributions);
  }

  /**
   * @internal Starts the trial that {@link Study.tellThenCreate} created, as `ask` would have (that
   * tell already refreshed the study).
   */
  async askCreated(frozen: FrozenTrial): Promise<Trial> {
    return this.startCreated(frozen, {}, true);
  }

  /**
   * Starts a trial created with (or beside) a refresh, repeating that refresh if it failed (and
   * first settling the study's writes, with `settle`).
   */
  private async startCreated(
    frozen: FrozenTrial,
    fixedDistributions: Record<string, Distribution>,
    settle = false,
  ): Promise<Trial> {
    try {
      if (settle) await this.settleStudyWrites();
      if (this.refreshFailed) await this.refresh();
    } catch (e) {
      // As ask would, fail without leaving a trial running (best effort: the error is the news).
      await this.storage.setTrialStateValues(frozen.trialId, "FAIL").catch(() => {});
      throw e;
    }
    return this.start(frozen, fixedDistributions);
  }

  private start(frozen: FrozenTrial, fixedDistributions: Record<string, Distribution>): Trial {
    this.onTrialChanged(frozen);
    const trial = new Trial(this, frozen);
    this.live.set(frozen.trialId, trial);
    this.sampler.beforeTrial?.(this.samplerView(frozen), frozen);
    for (const [name, d] of Object.entries(fixedDistributions)) {
      if (d.kind === "float") trial.suggestFloat(name, d.low, d.high, { log: d.log, step: d.step });
      else if (d.kind === "int") trial.suggestInt(name, d.low, d.high, { log: d.log, step: d.step });
      else trial.suggestCategorical(name, d.choices);
    }
    return trial;
  }

  /**
   * Finishes a trial started with `ask` (or given by number). Without `state`, valid values make
   * it COMPLETE and invalid ones (NaN, wrong count, not numbers) make it FAIL. PRUNED keeps the
   * last reported value. Returns the stored trial.
   */
  async tell(
    trialOrNumber: Trial | number,
    values?: number | readonly number[] | null,
    options: TellOptions = {},
  ): Promise<FrozenTrial> {
    return (await this.finish(trialOrNumber, values, options, false)).finished;
  }

  /**
   * @internal `tell`, and, when the study knows of no enqueued trial and the storage can
   * (`batchThenCreateTrial`), the creation of the next trial in the same transaction, while the
   * study refreshes: start `next` with {@link Study.askCreated}. Used by `optimize` when it
   * knows another trial follows.
   */
  tellThenCreate(
    trial: Trial,
    values?: number | readonly number[] | null,
    options: TellOptions = {},
  ): Promise<{ finished: FrozenTrial; next: FrozenTrial | null }> {
    const s = this.storage;
    const canCreate = s.writeThenSync !== undefined || s.batchThenCreateTrial !== undefined;
    return this.finish(trial, values, options, canCreate && this.waiting.size === 0 && !this.enqueuedHere);
  }

  private async finish(
    trialOrNumber: Trial | number,
    values: number | readonly number[] | null | undefined,
    options: TellOptions,
    createNext: boolean,
  ): Promise<{ finished: FrozenTrial; next: FrozenTrial | null }> {
    const trial = typeof trialOrNumber === "number" ? this.liveByNumber(trialOrNumber) : trialOrNumber;
    if (trial === undefined) {
      const stored = this.cache[trialOrNumber as number];
      if (!stored) throw new TrialNotFoundError(trialOrNumber as number);
      if (options.skipIfFinished && isFinished(stored.state)) return { finished: stored, next: null };
      throw new UpdateFinishedTrialError(stored.number, stored.state);
    }
    const snapshot = trial.frozen;
    if (isFinished(snapshot.state) || !this.live.has(snapshot.trialId)) {
      const stored = this.cache[snapshot.number] ?? snapshot;
      if (options.skipIfFinished) return { finished: stored, next: null };
      throw new UpdateFinishedTrialError(stored.number, stored.state);
    }
    if (options.state !== undefined && !["COMPLETE", "PRUNED", "FAIL"].includes(options.state))
      throw new InvalidArgumentError(
        `tell(): state must be COMPLETE, PRUNED or FAIL, got ${String(options.state)}`,
      );

    let state: TrialState = options.state ?? "COMPLETE";
    let finalValues: number[] | null = null;
    let failReason = options.failReason;
    if (state === "PRUNED") {
      const last = snapshot.lastStep;
      const v = last === null ? undefined : snapshot.intermediateValues.get(last);
      finalValues = v !== undefined && Number.isFinite(v) ? [v] : null;
    } else if (state === "COMPLETE") {
      const checked = this.checkValues(values);
      if (typeof checked === "string") {
        state = "FAIL";
        failReason = checked;
      } else finalValues = checked;
    }
    if (failReason !== undefined) trial.setSystemAttr("fail_reason", failReason);

    this.live.delete(snapshot.trialId);
    let next: FrozenTrial | null = null;
    let refreshed: Promise<boolean> | null = null;
    try {
      this.sampler.afterTrial?.(this.samplerView(trial.frozen), trial.frozen, state, finalValues);
    } finally {
      // With a next trial, the refresh its ask would make goes with the finish (one storage
      // call: `writeThenSync`), or runs beside it. The trial being finished is not live any
      // more, and its stored end replaces what the refresh reads.
      const s = this.storage;
      const together = createNext && s.writeThenSync !== undefined;
      if (createNext && !together)
        refreshed = this.refresh().then(
          () => true,
          () => false,
        );
      const finishing = async (s: Storage) => {
        await s.setTrialStateValues(snapshot.trialId, state, finalValues);
      };
      next = await trial.finish(
        finishing,
        !createNext
          ? undefined
          : together
            ? (ops) => this.writeThenRefresh({ ops, createTrial: true })
            : (ops) => s.batchThenCreateTrial!(ops, this.studyId),
      );
    }
    // A failed refresh is made again by the next trial's ask.
    if (refreshed && !(await refreshed)) this.refreshFailed = true;
    const finished = await this.storage.getTrial(snapshot.trialId);
    trial.update(finished);
    this.logFinished(finished, failReason);
    return { finished, next };
  }

  /**
   * Adds a WAITING trial whose parameters the next `ask` uses (parameters it does not fix are sampled).
   * With `skipIfExists`, nothing is added when a trial with the same params is already waiting, running or finished.
   */
  enqueueTrial(
    params: Record<string, ParamValue>,
    options: { userAttrs?: Record<string, JsonValue>; skipIfExists?: boolean } = {},
  ): Promise<void> {
    return this.studyWrite(async (s) => {
      if (options.skipIfExists) {
        const all = await s.getAllTrials(this.studyId);
        const same = (t: FrozenTrial) => {
          const p =
            t.state === "WAITING"
              ? ((t.systemAttrs.fixed_params ?? {}) as Record<string, ParamValue>)
              : t.params;
          return Object.entries(params).every(([k, v]) => Object.is(p[k], v));
        };
        if (all.some(same)) return;
      }
      const template = createTrial({
        state: "WAITING",
        userAttrs: options.userAttrs,
        systemAttrs: { fixed_params: params as Record<string, JsonValue> },
      });
      this.enqueuedHere = true;
      await s.createNewTrial(this.studyId, template);
    });
  }

  /** Adds an already-evaluated trial (from `createTrial`), e.g. to warm-start a study. */
  addTrial(trial: FrozenTrial): Promise<void> {
    if (!isFinished(trial.state) && trial.state !== "WAITING")
      throw new InvalidArgumentError(
        `addTrial(): a ${trial.state} trial cannot be added; use COMPLETE, PRUNED, FAIL or WAITING`,
      );
    if (trial.state === "COMPLETE" && trial.values?.length !== this.directions.length)
      throw new InvalidArgumentError(
        `addTrial(): the trial has ${trial.values?.length ?? 0} values, the study ${this.directions.length} objectives`,
      );
    return this.studyWrite(async (s) => {
      if (trial.state === "WAITING") this.enqueuedHere = true;
      await s.createNewTrial(this.studyId, trial);
    });
  }

  /** Adds several trials in order. */
  async addTrials(trials: readonly FrozenTrial[]): Promise<void> {
    for (const t of trials) await this.addTrial(t);
  }

  /**
   * Reloads trials and attributes from the storage. With a storage that reports what changed
   * (`getTrialsChangedSince`, e.g. the cached database storages), only the changed trials are
   * read and replaced, so a refresh costs O(changes), not O(trials).
   */
  async refresh(): Promise<void> {
    const inFlight = this.syncing;
    if (inFlight) {
      await inFlight;
      if (!this.refreshFailed) return;
    }
    this.syncing ??= this.tracked((async () => this.applySync(await this.readSync()))());
    return this.syncing;
  }

  /** What changed since the cursor, and the study: one storage call when it has `writeThenSync`. */
  private async readSync(): Promise<StudySync> {
    const s = this.storage;
    if (s.writeThenSync) {
      const { sync } = await s.writeThenSync(this.studyId, this.cursor);
      if (sync) return sync;
    }
    const [changes, study] = await Promise.all([
      s.getTrialsChangedSince
        ? s.getTrialsChangedSince(this.studyId, this.cursor)
        : s.getAllTrials(this.studyId).then((trials) => ({ trials, complete: true, cursor: undefined })),
      s.getStudy(this.studyId),
    ]);
    return { changes, study };
  }

  /**
   * `work` and the refresh after it as one storage call (`writeThenSync`: one round trip on
   * PostgreSQL), after the sync in flight (syncs apply in order; the study row lock serialises
   * trial creation anyway). Returns the trial it created; when the refresh part failed, the next
   * `refresh` (or start of the created trial) repeats it.
   */
  private writeThenRefresh(work: SyncWork): Promise<FrozenTrial | null> {
    const before = this.syncing;
    const done = (async () => {
      await before?.catch(() => {});
      const { trial, sync } = await this.storage.writeThenSync!(this.studyId, this.cursor, work);
      if (sync) this.applySync(sync);
      else this.refreshFailed = true;
      return trial;
    })();
    this.tracked(
      done.then(
        () => {},
        () => {
          this.refreshFailed = true;
        },
      ),
    );
    return done;
  }

  /** Makes `sync` the sync in flight until it settles. */
  private tracked(sync: Promise<void>): Promise<void> {
    this.syncing = sync;
    const clear = () => {
      if (this.syncing === sync) this.syncing = null;
    };
    sync.then(clear, clear);
    return sync;
  }

  /** Applies a refresh's read to the study's cache. */
  private applySync({ changes, study }: StudySync): void {
    const { complete } = changes;
    const seen = this.cache.length;
    if (complete) {
      this.cache = [];
      this.stateLists.reset();
      this.waiting.clear();
    }
    // Trials running in this process are fresher here than in the storage. A full reload
    // looks at the distributions of new and unfinished trials only (old ones were seen).
    for (const t of changes.trials)
      this.place(
        this.live.get(t.trialId)?.frozen ?? t,
        !complete || t.number >= seen || !isFinished(t.state),
      );
    if (this.live.size) {
      const started = [...this.live.values()].sort((a, b) => a.number - b.number);
      for (const t of started) if (t.number <= this.cache.length) this.place(t.frozen, true);
    }
    this.cursor = changes.cursor;
    this.studyUserAttrs = { ...study.userAttrs };
    this.studySystemAttrs = { ...study.systemAttrs };
    this.lastSync = Date.now();
    this.refreshFailed = false;
  }

  /** Puts a trial in the cache (its number is at most the cache's length: no holes). */
  private place(t: FrozenTrial, newDistributions: boolean): void {
    this.cache[t.number] = t;
    this.stateLists.changed(t.number);
    if (t.state === "WAITING") this.waiting.add(t.number);
    else this.waiting.delete(t.number);
    if (newDistributions)
      for (const [n, d] of Object.entries(t.distributions)) this.rememberDistribution(n, d);
  }

  /**
   * Flat rows, one per trial: number, value (or values_<i>), datetime_start, datetime_complete,
   * duration (ms), params_<name>, user_attrs_<key>, state — as Optuna's `trials_dataframe`.
   */
  trialsRecords(): TrialRecord[] {
    const names = this.metricNames;
    return this.cache.map((t) => {
      const row: TrialRecord = { number: t.number };
      const single = this.directions.length === 1;
      for (let i = 0; i < this.directions.length; i++)
        row[names?.[i] ?? (single ? "value" : `values_${i}`)] = t.values?.[i] ?? null;
      row.datetime_start = t.datetimeStart?.toISOString() ?? null;
      row.datetime_complete = t.datetimeComplete?.toISOString() ?? null;
      row.duration = t.duration;
      for (const [k, v] of Object.entries(t.params)) row[`params_${k}`] = v;
      for (const [k, v] of Object.entries(t.userAttrs))
        row[`user_attrs_${k}`] = v !== null && typeof v === "object" ? JSON.stringify(v) : v;
      row.state = t.state;
      return row;
    });
  }

  /** Releases the storage's connections. */
  async close(): Promise<void> {
    await this.settleStudyWrites();
    await this.storage.close?.();
  }

  // ---- TrialHost ----

  /** @internal */
  view(): StudyView {
    return this.viewObject;
  }

  /** @internal */
  samplerView(trial: FrozenTrial): StudyView {
    return this.pruner.samplerView?.(this.viewObject, trial) ?? this.viewObject;
  }

  /** @internal */
  knownDistribution(name: string): Distribution | undefined {
    return this.paramDistributions.get(name);
  }

  /** @internal */
  onTrialChanged(trial: FrozenTrial): void {
    // The cache is updated in place: samplers read it synchronously, users get copies.
    if (trial.number <= this.cache.length) this.place(trial, true);
    else for (const [n, d] of Object.entries(trial.distributions)) this.rememberDistribution(n, d);
  }

  /** @internal */
  onReport(): void {
    // Other processes' trials matter to pruners; refresh them at most once a second.
    if (!this.syncing && Date.now() - this.lastSync > 1000) void this.refresh().catch(() => {});
  }

  private rememberDistribution(name: string, d: Distribution): void {
    if (!this.paramDistributions.has(name)) this.paramDistributions.set(name, d);
  }

  private liveByNumber(number: number): Trial | undefined {
    for (const t of this.live.values()) if (t.number === number) return t;
    return undefined;
  }

  private checkValues(values: number | readonly number[] | null | undefined): number[] | string {
    const list = typeof values === "number" ? [values] : Array.isArray(values) ? [...values] : null;
    if (list === null)
      return `the objective returned ${values === undefined ? "undefined" : JSON.stringify(values)}, not a number`;
    if (list.length !== this.directions.length)
      return `the objective returned ${list.length} values, the study has ${this.directions.length} objectives`;
    for (const v of list) {
      if (typeof v !== "number") return `the objective returned ${JSON.stringify(v)}, not a number`;
      if (Number.isNaN(v)) return "the objective returned NaN";
    }
    return list;
  }

  private logFinished(t: FrozenTrial, failReason: string | undefined): void {
    if (!logEnabled("info")) return;
    if (t.state === "COMPLETE") {
      let best = "";
      if (this.directions.length === 1) {
        // With other processes adding trials, the cache may not hold `t` yet (it is placed at
        // the next refresh); then no complete trial of the cache may exist and `t` is the best known.
        const complete = this.cache.some((c) => c.state === "COMPLETE");
        const b = complete ? this.bestTrial : t;
        best = ` Best is trial ${b.number} with value: ${b.values![0]}.`;
      }
      logInfo(
        `Trial ${t.number} finished with value: ${t.values!.join(", ")} and parameters: ${JSON.stringify(t.params)}.${best}`,
      );
    } else if (t.state === "PRUNED") logInfo(`Trial ${t.number} pruned.`);
    else logInfo(`Trial ${t.number} failed: ${failReason ?? "unknown reason"}`);
  }

  private studyWrite(op: (storage: Storage) => Promise<void>): Promise<void> {
    const p = this.studyWrites.then(() => op(this.storage));
    this.studyWrites = p.catch((e) => {
      this.studyWriteError ??= e;
    });
    return p;
  }

  private async settleStudyWrites(): Promise<void> {
    await this.studyWrites;
    const e = this.studyWriteError;
    this.studyWriteError = null;
    if (e !== null && !(e instanceof TrialPruned)) throw e;
  }
}

function studyDirections(options: {
  direction?: StudyDirection;
  directions?: readonly StudyDirection[];
}): StudyDirection[] {
  if (options.direction !== undefined && options.directions !== undefined)
    throw new InvalidArgumentError("give direction or directions, not both");
  if (options.directions !== undefined) {
    if (!Array.isArray(options.directions) || options.directions.length === 0)
      throw new InvalidArgumentError("directions must be a non-empty array");
    return options.directions.map(normaliseDirection);
  }
  return [normaliseDirection(options.direction ?? "minimize")];
}

/**
 * Creates a study (or loads it with `loadIfExists`).
 *
 * @example
 * const study = await createStudy({ direction: "minimize", sampler: new TPESampler({ seed: 1 }) });
 * await study.optimize((trial) => trial.suggestFloat("x", -5, 5) ** 2, { nTrials: 50 });
 */
export async function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  const directions = studyDirections(options);
  const storage = await resolveStorage(options.storage);
  const studyName = options.studyName ?? `no-name-${randomUUID()}`;
  let studyId: number;
  try {
    studyId = await storage.createNewStudy(directions, studyName);
  } catch (e) {
    if (!(e instanceof DuplicatedStudyError) || !options.loadIfExists) throw e;
    return loadStudy({ ...options, studyName, storage });
  }
  const study = new Study(
    studyId,
    studyName,
    directions,
    storage,
    options.sampler ?? new TPESampler(),
    options.pruner ?? new MedianPruner(),
  );
  await study.refresh();
  return study;
}

/** Loads an existing study from a storage. Without `studyName` the storage must hold exactly one study. */
export async function loadStudy(options: LoadStudyOptions): Promise<Study> {
  const storage = await resolveStorage(options.storage);
  let studyName = options.studyName;
  if (studyName === undefined) {
    const all = await storage.getAllStudies();
    if (all.length !== 1)
      throw new InvalidArgumentError(
        `loadStudy(): give studyName; the storage holds ${all.length} studies (${all.map((s) => s.studyName).join(", ")})`,
      );
    studyName = all[0].studyName;
  }
  const studyId = await storage.getStudyIdFromName(studyName);
  const frozen = await storage.getStudy(studyId);
  const study = new Study(
    studyId,
    studyName,
    frozen.directions,
    storage,
    options.sampler ?? new TPESampler(),
    options.pruner ?? new MedianPruner(),
  );
  await study.refresh();
  return study;
}

/** Deletes a study and all its trials. */
export async function deleteStudy(options: { studyName: string; storage: Storage | string }): Promise<void> {
  const storage = await resolveStorage(options.storage);
  try {
    await storage.deleteStudy(await storage.getStudyIdFromName(options.studyName));
  } finally {
    // A storage opened here from a URI holds connections (a PostgreSQL pool keeps Node alive).
    if (typeof options.storage === "string") await storage.close?.();
  }
}

/** One line per study: name, directions, number of trials, best trial, start time, user attrs. */
export interface StudySummary {
  studyId: number;
  studyName: string;
  directions: readonly StudyDirection[];
  nTrials: number;
  bestTrial: FrozenTrial | null;
  datetimeStart: Date | null;
  userAttrs: Readonly<Record<string, JsonValue>>;
}

/** Summaries of every study in a storage. */
export async function getAllStudySummaries(storage: Storage | string): Promise<StudySummary[]> {
  const s = await resolveStorage(storage);
  try {
    return await summaries(s);
  } finally {
    if (typeof storage === "string") await s.close?.();
  }
}

async function summaries(s: Storage): Promise<StudySummary[]> {
  const out: StudySummary[] = [];
  for (const study of await s.getAllStudies()) {
    const trials = await s.getAllTrials(study.studyId);
    let best: FrozenTrial | null = null;
    if (study.directions.length === 1) {
      for (const t of trials)
        if (t.state === "COMPLETE" && (best === null || dominates(t.values!, best.values!, study.directions)))
          best = t;
    }
    const starts = trials.map((t) => t.datetimeStart?.getTime()).filter((x): x is number => x !== undefined);
    out.push({
      studyId: study.studyId,
      studyName: study.studyName,
      directions: study.directions,
      nTrials: trials.length,
      bestTrial: best,
      datetimeStart: starts.length ? new Date(Math.min(...starts)) : null,
      userAttrs: study.userAttrs,
    });
  }
  return out;
}
