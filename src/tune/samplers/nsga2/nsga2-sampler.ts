import type { Distribution, ParamValue } from "../../distributions.js";
import { InvalidArgumentError } from "../../errors.js";
import type { FrozenTrial } from "../../frozen-trial.js";
import { intersectionSearchSpace } from "../../search-space.js";
import type { StudyView } from "../../study-view.js";
import { RelativeSamplerBase, type RelativeSamplerOptions } from "../relative-sampler-base.js";
import { UnitSpace } from "../unit-space.js";
import { crowdingDistance, nonDominatedSort, selectElite } from "./elite.js";

/** Crossover operators of {@link NSGAIISampler}. */
export const NSGA2_CROSSOVERS = ["sbx", "uniform"] as const;
/** "sbx": simulated binary crossover on every numeric param (categoricals swapped uniformly); "uniform": every param swapped with probability `swappingProb`. */
export type Nsga2Crossover = (typeof NSGA2_CROSSOVERS)[number];

/** Options of {@link NSGAIISampler}. */
export interface NSGAIISamplerOptions extends RelativeSamplerOptions {
  /** Trials per generation. Default 50. */
  populationSize?: number;
  /** Probability that a child comes from crossover (else it copies one parent). Default 0.9. */
  crossoverProb?: number;
  /** Default "sbx". */
  crossover?: Nsga2Crossover;
  /** Uniform crossover (and categoricals under SBX): probability of taking the second parent's value. Default 0.5. */
  swappingProb?: number;
  /** Probability of mutating each parameter. Default 1 / number of parameters. */
  mutationProb?: number;
  /**
   * Distribution index η of SBX (larger: children closer to the parents). Default 5: with budgets
   * of a few hundred trials a wider spread than the textbook 15–20 converges as fast (within noise
   * on ZDT1/ZDT2 at 200 trials, see bench/tune/multi-objective.ts).
   */
  sbxEta?: number;
  /** Distribution index η of polynomial mutation. Default 20. */
  mutationEta?: number;
}

const GEN = "nsga2:generation";

/**
 * NSGA-II (Deb, Pratap, Agarwal & Meyarivan, IEEE TEC 2002) for one or more objectives, with
 * constraints (`trial.setConstraint`, constrained domination).
 *
 * Each trial records its generation in the `nsga2:generation` system attribute. The parents of
 * generation g are the elite (non-dominated sorting, then crowding distance) of generation g−1's
 * finished trials together with generation g−1's parents, so the population is rebuilt from the
 * stored trials by any process. Children come from binary tournaments, simulated binary crossover
 * (Deb & Agrawal 1995) in the unit cube of the shared encoding and polynomial mutation;
 * categoricals are swapped uniformly and mutated by redrawing.
 *
 * @example
 * const study = await createStudy({ directions: ["minimize", "minimize"], sampler: new NSGAIISampler({ seed: 0 }) });
 */
export class NSGAIISampler extends RelativeSamplerBase {
  private readonly populationSize: number;
  private readonly crossoverProb: number;
  private readonly crossover: Nsga2Crossover;
  private readonly swappingProb: number;
  private readonly mutationProb: number | null;
  private readonly sbxEta: number;
  private readonly mutationEta: number;
  private readonly parentCache = new Map<string, FrozenTrial[]>();

  constructor(options: NSGAIISamplerOptions = {}) {
    super(options);
    const {
      populationSize = 50,
      crossoverProb = 0.9,
      crossover = "sbx",
      swappingProb = 0.5,
      mutationProb,
      sbxEta = 5,
      mutationEta = 20,
    } = options;
    if (!Number.isInteger(populationSize) || populationSize < 2)
      throw new InvalidArgumentError(
        `NSGAIISampler: populationSize must be an integer >= 2, got ${populationSize}`,
      );
    for (const [name, v] of [
      ["crossoverProb", crossoverProb],
      ["swappingProb", swappingProb],
      ["mutationProb", mutationProb ?? 0],
    ] as const)
      if (!(v >= 0 && v <= 1))
        throw new InvalidArgumentError(`NSGAIISampler: ${name} must be in [0, 1], got ${v}`);
    if (!NSGA2_CROSSOVERS.includes(crossover))
      throw new InvalidArgumentError(
        `NSGAIISampler: invalid crossover: ${String(crossover)} (expected ${NSGA2_CROSSOVERS.join(" | ")})`,
      );
    if (!(sbxEta >= 0) || !(mutationEta >= 0))
      throw new InvalidArgumentError(
        `NSGAIISampler: sbxEta and mutationEta must be >= 0, got ${sbxEta}, ${mutationEta}`,
      );
    this.populationSize = populationSize;
    this.crossoverProb = crossoverProb;
    this.crossover = crossover;
    this.swappingProb = swappingProb;
    this.mutationProb = mutationProb ?? null;
    this.sbxEta = sbxEta;
    this.mutationEta = mutationEta;
  }

  override inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    const finished = study.getTrials({ states: ["COMPLETE"] });
    return finished.length ? intersectionSearchSpace(finished) : {};
  }

  override sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    searchSpace: Record<string, Distribution>,
  ): Record<string, ParamValue> {
    const generation = this.generationOf(study, trial);
    if (generation === 0 || Object.keys(searchSpace).length === 0) return {};
    const parents = this.parents(study, generation);
    const space = new UnitSpace(searchSpace);
    const usable = parents.map((t) => ({ t, u: space.toUnit(t) })).filter((p) => p.u !== null) as {
      t: FrozenTrial;
      u: Float64Array;
    }[];
    if (usable.length < 2) return {};
    const rank = new Map<FrozenTrial, number>();
    const crowd = new Map<FrozenTrial, number>();
    const pts = usable.map((p) => p.t);
    nonDominatedSort(pts, study.directions).forEach((front, r) => {
      const cd = crowdingDistance(pts, front, study.directions);
      for (const i of front) {
        rank.set(pts[i], r);
        crowd.set(pts[i], cd.get(i)!);
      }
    });
    const tournament = () => {
      const a = usable[this.rng.int(usable.length)];
      const b = usable[this.rng.int(usable.length)];
      const ra = rank.get(a.t)!;
      const rb = rank.get(b.t)!;
      if (ra !== rb) return ra < rb ? a : b;
      return crowd.get(a.t)! >= crowd.get(b.t)! ? a : b;
    };
    const p1 = tournament().u;
    const p2 = tournament().u;
    const child = Float64Array.from(p1);
    const d = space.dim;
    if (this.rng.random() < this.crossoverProb) {
      for (let i = 0; i < d; i++) {
        if (this.crossover === "uniform" || space.isCategorical(i)) {
          if (this.rng.random() < this.swappingProb) child[i] = p2[i];
        } else child[i] = this.sbx(p1[i], p2[i]);
      }
    }
    const pm = this.mutationProb ?? 1 / Math.max(1, d);
    for (let i = 0; i < d; i++) {
      if (this.rng.random() >= pm) continue;
      child[i] = space.isCategorical(i) ? this.rng.int(space.choices[i]) : this.polynomialMutation(child[i]);
    }
    for (let i = 0; i < d; i++) child[i] = space.snap(i, child[i]);
    return space.fromUnit(child);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    return this.independent.sampleIndependent(study, trial, name, distribution);
  }

  override beforeTrial(study: StudyView, trial: FrozenTrial): void {
    super.beforeTrial(study, trial);
    if (trial.systemAttrs[GEN] !== undefined) return;
    // The newest generation, or the next one once it holds populationSize trials.
    let max = 0;
    let count = 0;
    for (const t of study.getTrials()) {
      const g = t.systemAttrs[GEN];
      if (typeof g !== "number" || t.trialId === trial.trialId) continue;
      if (g > max) {
        max = g;
        count = 0;
      }
      if (g === max) count++;
    }
    study.setTrialSystemAttr(trial.trialId, GEN, count >= this.populationSize ? max + 1 : max);
  }

  private generationOf(study: StudyView, trial: FrozenTrial): number {
    const g = trial.systemAttrs[GEN];
    if (typeof g === "number") return g;
    const live = study.getTrials().find((t) => t.trialId === trial.trialId);
    return (live?.systemAttrs[GEN] as number | undefined) ?? 0;
  }

  /** The parent population of `generation`: elite of (generation−1's finished trials ∪ its parents). */
  private parents(study: StudyView, generation: number): FrozenTrial[] {
    const byGen = new Map<number, FrozenTrial[]>();
    for (const t of study.getTrials({ states: ["COMPLETE"] })) {
      const g = t.systemAttrs[GEN];
      if (typeof g !== "number" || t.values === null) continue;
      const list = byGen.get(g) ?? [];
      list.push(t);
      byGen.set(g, list);
    }
    let parents: FrozenTrial[] = [];
    let key = "";
    for (let g = 0; g < generation; g++) {
      const members = byGen.get(g) ?? [];
      key += `|${members.map((t) => t.number).join(",")}`;
      const cached = this.parentCache.get(key);
      if (cached) parents = cached;
      else {
        const pool = [...parents, ...members.filter((t) => !parents.includes(t))];
        parents = selectElite(pool, this.populationSize, study.directions);
        this.parentCache.set(key, parents);
      }
    }
    return parents;
  }

  /** Simulated binary crossover of one coordinate in [0, 1] (Deb & Agrawal 1995, bounded form). */
  private sbx(a: number, b: number): number {
    if (Math.abs(a - b) < 1e-14) return a;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const u = this.rng.random();
    const eta = this.sbxEta;
    const side = this.rng.random() < 0.5;
    // Spread limited by the distance to the bound on the chosen side.
    const beta = side ? 1 + (2 * lo) / (hi - lo) : 1 + (2 * (1 - hi)) / (hi - lo);
    const alpha = 2 - beta ** -(eta + 1);
    const betaq = u <= 1 / alpha ? (u * alpha) ** (1 / (eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (eta + 1));
    const c = side ? 0.5 * (lo + hi - betaq * (hi - lo)) : 0.5 * (lo + hi + betaq * (hi - lo));
    return Math.min(1, Math.max(0, c));
  }

  /** Polynomial mutation of one coordinate in [0, 1] (Deb & Goyal 1996). */
  private polynomialMutation(x: number): number {
    const u = this.rng.random();
    const eta = this.mutationEta;
    const delta =
      u < 0.5
        ? (2 * u + (1 - 2 * u) * (1 - x) ** (eta + 1)) ** (1 / (eta + 1)) - 1
        : 1 - (2 * (1 - u) + 2 * (u - 0.5) * x ** (eta + 1)) ** (1 / (eta + 1));
    return Math.min(1, Math.max(0, x + delta));
  }
}
