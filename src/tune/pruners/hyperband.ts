import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";
import { checkInt } from "./checks.js";
import type { Pruner } from "./pruner.js";
import { SuccessiveHalvingPruner } from "./successive-halving.js";

/** Options of {@link HyperbandPruner}. */
export interface HyperbandPrunerOptions {
  /** Steps before the most aggressive bracket's first rung. Default 1. */
  minResource?: number;
  /** Steps of a full trial; "auto" = the longest completed trial's last step + 1. Default "auto". */
  maxResource?: number | "auto";
  /** η of every bracket. Default 3. */
  reductionFactor?: number;
  /** As in {@link SuccessiveHalvingPruner}. Default 0. */
  bootstrapCount?: number;
  /**
   * What samplers learn from. "global" (default): every trial of the study, which gives TPE enough
   * history with small budgets (Optuna's code behaves so, although its docs describe per-bracket
   * sampling). "bracket": only the trials of the same bracket, as Hyperband's paper and Optuna's docs
   * describe (needs about nStartupTrials trials per bracket before TPE starts).
   */
  samplerScope?: "global" | "bracket";
}

/**
 * Hyperband (Li et al., JMLR 2018) over asynchronous successive halving, with Optuna's brackets:
 * B = floor(log_η(max/min)) + 1 brackets, bracket b runs SHA with minEarlyStoppingRate b, and a
 * trial goes to a bracket by crc32("<studyName>_<number>") modulo the total budget, so the
 * assignment is deterministic per study name and shared across processes. Trials compete only
 * within their bracket. Until a trial completes (with maxResource "auto") nothing is pruned.
 *
 * @example
 * const study = await createStudy({ studyName: "s", pruner: new HyperbandPruner({ minResource: 1, maxResource: 100 }) });
 */
export class HyperbandPruner implements Pruner {
  private readonly minResource: number;
  private maxResource: number | "auto";
  private readonly reductionFactor: number;
  private readonly bootstrapCount: number;
  private readonly samplerScope: "global" | "bracket";
  private brackets: { pruner: SuccessiveHalvingPruner; budget: number }[] = [];
  private totalBudget = 0;

  constructor(options: HyperbandPrunerOptions = {}) {
    const {
      minResource = 1,
      maxResource = "auto",
      reductionFactor = 3,
      bootstrapCount = 0,
      samplerScope = "global",
    } = options;
    checkInt("HyperbandPruner", "minResource", minResource, 1);
    if (maxResource !== "auto") {
      checkInt("HyperbandPruner", "maxResource", maxResource, 1);
      if (maxResource < minResource)
        throw new InvalidArgumentError(
          `HyperbandPruner: maxResource must be >= minResource, got ${maxResource} < ${minResource}`,
        );
    }
    if (!(reductionFactor >= 2))
      throw new InvalidArgumentError(`HyperbandPruner: reductionFactor must be >= 2, got ${reductionFactor}`);
    checkInt("HyperbandPruner", "bootstrapCount", bootstrapCount, 0);
    if (samplerScope !== "global" && samplerScope !== "bracket")
      throw new InvalidArgumentError(
        `HyperbandPruner: invalid samplerScope: ${samplerScope} (expected global | bracket)`,
      );
    this.minResource = minResource;
    this.maxResource = maxResource;
    this.reductionFactor = reductionFactor;
    this.bootstrapCount = bootstrapCount;
    this.samplerScope = samplerScope;
  }

  /** Number of brackets (0 until maxResource is known). */
  get nBrackets(): number {
    return this.brackets.length;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (this.brackets.length === 0 && !this.init(study)) return false;
    const bracket = this.bracketOf(study.studyName, trial.number);
    return this.brackets[bracket].pruner.prune(this.bracketView(study, bracket), trial);
  }

  samplerView(study: StudyView, trial: FrozenTrial): StudyView {
    if (this.samplerScope === "global" || this.brackets.length === 0) return study;
    return this.bracketView(study, this.bracketOf(study.studyName, trial.number));
  }

  /** The bracket a trial number belongs to in a study. */
  bracketOf(studyName: string, number: number): number {
    if (this.brackets.length === 0) return 0;
    let n = crc32(`${studyName}_${number}`) % this.totalBudget;
    for (let b = 0; b < this.brackets.length; b++) {
      n -= this.brackets[b].budget;
      if (n < 0) return b;
    }
    return this.brackets.length - 1;
  }

  private init(study: StudyView): boolean {
    if (this.maxResource === "auto") {
      let last = -1;
      for (const t of study.getTrials({ states: ["COMPLETE"] })) last = Math.max(last, t.lastStep ?? -1);
      if (last < 0) return false;
      this.maxResource = last + 1;
    }
    const eta = this.reductionFactor;
    const n = Math.floor(Math.log(this.maxResource / this.minResource) / Math.log(eta) + 1e-9) + 1;
    for (let b = 0; b < n; b++) {
      const s = n - 1 - b;
      this.brackets.push({
        budget: Math.ceil((n * eta ** s) / (s + 1)),
        pruner: new SuccessiveHalvingPruner({
          minResource: this.minResource,
          reductionFactor: eta,
          minEarlyStoppingRate: b,
          bootstrapCount: this.bootstrapCount,
        }),
      });
    }
    this.totalBudget = this.brackets.reduce((s, b) => s + b.budget, 0);
    return true;
  }

  private bracketView(study: StudyView, bracket: number): StudyView {
    const getTrials: StudyView["getTrials"] = (options) =>
      study.getTrials(options).filter((t) => this.bracketOf(study.studyName, t.number) === bracket);
    return {
      studyName: study.studyName,
      directions: study.directions,
      get systemAttrs() {
        return study.systemAttrs;
      },
      getTrials,
      setSystemAttr: (k, v) => study.setSystemAttr(k, v),
      setTrialSystemAttr: (id, k, v) => study.setTrialSystemAttr(id, k, v),
      stop: () => study.stop(),
    };
  }
}

let CRC_TABLE: Uint32Array | null = null;

/** CRC-32 (IEEE) of the UTF-8 bytes of `text`, as zlib computes it. */
export function crc32(text: string): number {
  if (CRC_TABLE === null) {
    CRC_TABLE = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
