import type { Distribution, ParamValue } from "../../distributions.js";
import { InvalidArgumentError } from "../../errors.js";
import type { FrozenTrial, JsonValue } from "../../frozen-trial.js";
import { warnOnce } from "../../logging.js";
import { Rng } from "../../rng.js";
import { intersectionSearchSpace } from "../../search-space.js";
import type { StudyView } from "../../study-view.js";
import { RelativeSamplerBase, type RelativeSamplerOptions } from "../relative-sampler-base.js";
import { spaceSignature, UnitSpace } from "../unit-space.js";
import { CmaState, defaultPopsize, orthogonalNormals } from "./cma.js";
import { applyMargin } from "./margin.js";

/** Restart strategies of {@link CmaEsSampler}. */
export const CMA_RESTART_STRATEGIES = ["ipop", "bipop"] as const;
/** A restart strategy: IPOP doubles the population at each restart; BIPOP alternates large and small ones. */
export type CmaRestartStrategy = (typeof CMA_RESTART_STRATEGIES)[number];

/** Options of {@link CmaEsSampler}. */
export interface CmaEsSamplerOptions extends RelativeSamplerOptions {
  /** Initial mean, as parameter values (numeric ones). Default: the centre of the (encoded) space. */
  x0?: Record<string, number>;
  /** Initial step size in the unit cube of the encoded space. Default 1/6. */
  sigma0?: number;
  /** Population size λ. Default 4 + ⌊3 ln n⌋. */
  popsize?: number;
  /** Restart when a run converges: "ipop" or "bipop". Default: no restart. */
  restartStrategy?: CmaRestartStrategy | null;
  /** Population growth factor per IPOP restart (and the large regime of BIPOP). Default 2. */
  incPopsize?: number;
  /** Keep discrete (int / stepped) coordinates from freezing (CMA-ES with margin). Default false. */
  withMargin?: boolean;
  /** Trials sampled by the independent sampler before CMA-ES starts. Default 1. */
  nStartupTrials?: number;
  /** Warn when a parameter is sampled independently after start-up. Default true. */
  warnIndependentSampling?: boolean;
  /**
   * Draw each generation's directions as orthogonal blocks (Wang, Emmerich & Bäck 2014) instead
   * of independently: same distribution per sample, less redundancy per generation. Default true.
   */
  orthogonalSampling?: boolean;
}

interface RestartInfo {
  popsize: number;
  sigma0: number;
  mean: number[];
  /** true: BIPOP's small-population regime. */
  small: boolean;
}

const GEN = "cma:generation";
const RESTART = "cma:restart";
const SPACE = "cma:space";

/**
 * CMA-ES (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016) over the numeric parameters,
 * in the unit cube of the shared encoding (log scale for log parameters, integer cells widened
 * by half a step). Categorical and conditional parameters go to the independent sampler.
 *
 * Every sampled trial records its generation and restart in system attributes (`cma:generation`,
 * `cma:restart`, `cma:space`); a restart's start point goes to the study's system attributes.
 * The optimiser state is rebuilt from those trials (replaying the generations), so any number of
 * processes sharing a study share one CMA-ES run. Each generation's directions are drawn as
 * orthogonal blocks (orthogonal sampling without mirroring), from a stream fixed per generation.
 * IPOP and BIPOP restarts (Auger & Hansen 2005;
 * Hansen 2009) begin when a run meets Hansen's stopping criteria.
 *
 * @example
 * const study = await createStudy({ sampler: new CmaEsSampler({ seed: 1, restartStrategy: "ipop" }) });
 */
export class CmaEsSampler extends RelativeSamplerBase {
  private readonly x0: Record<string, number> | undefined;
  private readonly sigma0: number;
  private readonly popsize: number | undefined;
  private readonly restartStrategy: CmaRestartStrategy | null;
  private readonly incPopsize: number;
  private readonly withMargin: boolean;
  private readonly nStartupTrials: number;
  private readonly warnIndependent: boolean;
  /** Replay cache: the state after the told generations listed in `key`. */
  private cache: { key: string; state: CmaState } | null = null;
  /** Seed of the per-generation direction streams when no seed is given. */
  private readonly baseSeed: number;
  private readonly orthogonalSampling: boolean;

  constructor(options: CmaEsSamplerOptions = {}) {
    super(options);
    const {
      x0,
      sigma0 = 1 / 6,
      popsize,
      restartStrategy = null,
      incPopsize = 2,
      withMargin = false,
      nStartupTrials = 1,
      warnIndependentSampling = true,
      orthogonalSampling = true,
    } = options;
    if (!(sigma0 > 0 && Number.isFinite(sigma0)))
      throw new InvalidArgumentError(`CmaEsSampler: sigma0 must be > 0, got ${sigma0}`);
    if (popsize !== undefined && !(Number.isInteger(popsize) && popsize >= 2))
      throw new InvalidArgumentError(`CmaEsSampler: popsize must be an integer >= 2, got ${popsize}`);
    if (!(incPopsize >= 1))
      throw new InvalidArgumentError(`CmaEsSampler: incPopsize must be >= 1, got ${incPopsize}`);
    if (!Number.isInteger(nStartupTrials) || nStartupTrials < 0)
      throw new InvalidArgumentError(
        `CmaEsSampler: nStartupTrials must be an integer >= 0, got ${nStartupTrials}`,
      );
    if (restartStrategy !== null && !CMA_RESTART_STRATEGIES.includes(restartStrategy))
      throw new InvalidArgumentError(
        `CmaEsSampler: invalid restartStrategy: ${String(restartStrategy)} (expected ${CMA_RESTART_STRATEGIES.join(" | ")})`,
      );
    this.baseSeed = this.rng.nextUint32();
    this.orthogonalSampling = orthogonalSampling;
    this.x0 = x0;
    this.sigma0 = sigma0;
    this.popsize = popsize;
    this.restartStrategy = restartStrategy;
    this.incPopsize = incPopsize;
    this.withMargin = withMargin;
    this.nStartupTrials = nStartupTrials;
    this.warnIndependent = warnIndependentSampling;
  }

  override inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    if (study.directions.length > 1) {
      warnOnce("CMAES_MULTI_OBJECTIVE", "CmaEsSampler is single-objective; this study samples independently");
      return {};
    }
    const finished = study.getTrials({ states: ["COMPLETE"] });
    if (finished.length === 0) return {};
    const out: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(intersectionSearchSpace(finished)))
      if (d.kind !== "categorical") out[name] = d;
    return out;
  }

  override sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    searchSpace: Record<string, Distribution>,
  ): Record<string, ParamValue> {
    if (Object.keys(searchSpace).length === 0) return {};
    if (study.getTrials({ states: ["COMPLETE"] }).length < this.nStartupTrials) return {};
    const space = new UnitSpace(searchSpace);
    const sig = spaceSignature(space);
    const { state, restart } = this.rebuild(study, space, sig);
    let first: Float64Array | undefined;
    if (this.orthogonalSampling) {
      // The k-th of this generation's orthogonal directions, from a stream fixed per generation.
      let k = 0;
      for (const t of study.getTrials())
        if (
          t.trialId !== trial.trialId &&
          t.systemAttrs[SPACE] === sig &&
          t.systemAttrs[RESTART] === restart &&
          t.systemAttrs[GEN] === state.generation
        )
          k++;
      const gen = new Rng((this.seed ?? this.baseSeed) * 7919 + restart * 104729 + state.generation);
      first = orthogonalNormals(space.dim, state.k.popsize, gen)[k % state.k.popsize];
    }
    const x = state.ask(this.rng, first);
    study.setTrialSystemAttr(trial.trialId, SPACE, sig);
    study.setTrialSystemAttr(trial.trialId, RESTART, restart);
    study.setTrialSystemAttr(trial.trialId, GEN, state.generation);
    return space.fromUnit(x);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    if (
      this.warnIndependent &&
      distribution.kind !== "categorical" &&
      study.getTrials({ states: ["COMPLETE"] }).length >= Math.max(1, this.nStartupTrials)
    )
      warnOnce(
        "CMAES_INDEPENDENT_SAMPLING",
        `CmaEsSampler samples "${name}" with the independent sampler (it is not in every finished trial)`,
      );
    return this.independent.sampleIndependent(study, trial, name, distribution);
  }

  /** Replays the stored generations of every restart and returns the state to sample from. */
  private rebuild(study: StudyView, space: UnitSpace, sig: string): { state: CmaState; restart: number } {
    const n = space.dim;
    const basePopsize = this.popsize ?? defaultPopsize(n);
    // Complete trials of this space, grouped by restart and generation, in number order.
    const groups = new Map<string, { x: Float64Array; value: number; number: number }[]>();
    const directionSign = study.directions[0] === "maximize" ? -1 : 1;
    for (const t of study.getTrials({ states: ["COMPLETE"] })) {
      if (t.systemAttrs[SPACE] !== sig || t.values === null) continue;
      const x = space.toUnit(t);
      if (x === null) continue;
      const key = `${t.systemAttrs[RESTART]}:${t.systemAttrs[GEN]}`;
      const g = groups.get(key) ?? [];
      groups.set(key, g);
      g.push({ x, value: directionSign * t.values[0], number: t.number });
    }
    const restarts: RestartInfo[] = [this.restartInfo(study, space, sig, 0, basePopsize, [])];
    let evalsLarge = 0;
    let evalsSmall = 0;
    for (let r = 0; ; r++) {
      const info = restarts[r];
      let state = new CmaState(Float64Array.from(info.mean), info.sigma0, info.popsize);
      let key = `${sig}|${r}`;
      for (let gen = 0; ; gen++) {
        const sols = groups.get(`${r}:${gen}`);
        if (!sols || sols.length < info.popsize) break;
        const told = sols.slice(0, info.popsize);
        key += `|${told.map((s) => s.number).join(",")}`;
        if (this.cache?.key === key) state = this.cache.state.clone();
        else {
          state.tell(told);
          if (this.withMargin) applyMargin(state, space, 1 / (n * info.popsize));
          this.cache = { key, state: state.clone() };
        }
      }
      if (info.small) evalsSmall += state.generation * info.popsize;
      else evalsLarge += state.generation * info.popsize;
      if (this.restartStrategy === null || !state.shouldStop()) return { state, restart: r };
      restarts.push(
        this.restartInfo(study, space, sig, r + 1, basePopsize, restarts, evalsLarge, evalsSmall),
      );
    }
  }

  /** The start of restart r: stored in the study, or drawn now and stored. */
  private restartInfo(
    study: StudyView,
    space: UnitSpace,
    sig: string,
    r: number,
    basePopsize: number,
    previous: readonly RestartInfo[],
    evalsLarge = 0,
    evalsSmall = 0,
  ): RestartInfo {
    const attr = `cma:restart:${sig}:${r}`;
    const stored = study.systemAttrs[attr] as unknown as RestartInfo | undefined;
    if (stored) return stored;
    const n = space.dim;
    let info: RestartInfo;
    if (r === 0) {
      const mean = new Array<number>(n).fill(0.5);
      if (this.x0)
        for (let i = 0; i < n; i++) {
          const v = this.x0[space.names[i]];
          if (v !== undefined) mean[i] = space.toUnitValue(i, v);
        }
      info = { popsize: basePopsize, sigma0: this.sigma0, mean, small: false };
    } else {
      const mean = Array.from({ length: n }, () => this.rng.random());
      const nLarge = previous.filter((p) => !p.small).length;
      const largePopsize = Math.round(basePopsize * this.incPopsize ** nLarge);
      if (this.restartStrategy === "bipop" && evalsSmall < evalsLarge) {
        const u = this.rng.random();
        const popsize = Math.max(
          2,
          Math.floor(basePopsize * (0.5 * (largePopsize / basePopsize)) ** (u * u)),
        );
        info = { popsize, sigma0: this.sigma0 * 10 ** (-2 * this.rng.random()), mean, small: true };
      } else info = { popsize: largePopsize, sigma0: this.sigma0, mean, small: false };
    }
    if (r > 0 || this.x0) study.setSystemAttr(attr, info as unknown as JsonValue);
    return info;
  }
}
