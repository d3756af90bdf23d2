import { InvalidArgumentError, InvalidStateError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { OptimizeCallback } from "../optimize.js";
import type { StudyDirection } from "../storage/storage.js";
import { CrossValidationErrorEvaluator } from "./cross-validation-error.js";
import type { ErrorEvaluator, ImprovementEvaluator } from "./evaluator.js";
import { RegretBoundEvaluator } from "./regret-bound.js";

/** Options of {@link Terminator}. */
export interface TerminatorOptions {
  /** Default {@link RegretBoundEvaluator}. */
  improvementEvaluator?: ImprovementEvaluator;
  /** Default {@link CrossValidationErrorEvaluator} (GP noise when no CV scores are reported). */
  errorEvaluator?: ErrorEvaluator;
  /** Never stop before this many COMPLETE trials. Default 20. */
  minNTrials?: number;
}

/** What a terminator reads of a study. */
export interface TerminatorStudy {
  readonly directions: readonly StudyDirection[];
  getTrials(options?: { states?: readonly FrozenTrial["state"][] }): readonly FrozenTrial[];
}

/**
 * Decides when further trials are unlikely to help: when the estimated room for improvement
 * falls below the objective's error (Makarova et al. 2022; Optuna's `Terminator`).
 * Single-objective studies only.
 *
 * @example
 * await study.optimize(objective, { nTrials: 500, callbacks: [terminatorCallback()] });
 */
export class Terminator {
  private readonly improvement: ImprovementEvaluator;
  private readonly error: ErrorEvaluator;
  private readonly minNTrials: number;

  constructor(options: TerminatorOptions = {}) {
    const {
      improvementEvaluator = new RegretBoundEvaluator(),
      errorEvaluator = new CrossValidationErrorEvaluator(),
      minNTrials = 20,
    } = options;
    if (!Number.isInteger(minNTrials) || minNTrials < 1)
      throw new InvalidArgumentError(`Terminator: minNTrials must be an integer >= 1, got ${minNTrials}`);
    this.improvement = improvementEvaluator;
    this.error = errorEvaluator;
    this.minNTrials = minNTrials;
  }

  /** The current estimates (improvement, error) and whether to stop. */
  evaluate(study: TerminatorStudy): { improvement: number; error: number; shouldTerminate: boolean } {
    if (study.directions.length > 1)
      throw new InvalidStateError("the terminator supports single-objective studies only");
    const trials = study.getTrials({ states: ["COMPLETE"] });
    if (trials.length < this.minNTrials) return { improvement: Infinity, error: 0, shouldTerminate: false };
    const improvement = this.improvement.evaluate(trials, study.directions);
    const error = this.error.evaluate(trials, study.directions);
    return { improvement, error, shouldTerminate: improvement < error };
  }

  /** True when the study should stop. */
  shouldTerminate(study: TerminatorStudy): boolean {
    return this.evaluate(study).shouldTerminate;
  }
}

/**
 * An `optimize` callback that stops the study when `terminator` says so.
 *
 * @example
 * const stop = terminatorCallback(new Terminator({
 *   improvementEvaluator: new BestValueStagnationEvaluator(30),
 *   errorEvaluator: new StaticErrorEvaluator(0),
 * }));
 * await study.optimize(objective, { nTrials: 1000, callbacks: [stop] });
 */
export function terminatorCallback(terminator: Terminator = new Terminator()): OptimizeCallback {
  return (study) => {
    if (terminator.shouldTerminate(study)) study.stop();
  };
}
