/**
 * Steps 3 and 4 of the reference workflow: the search space and the objective, a 5-fold
 * cross-validation of the GBDT with early stopping whose every iteration is reported to the
 * trial, so that the Hyperband pruner can stop unpromising trials early.
 */
import { cv, type FoldInput, type GbdtParamsInput, type Pool } from "../../src/gbdt/index.js";
import { gbdtPruningCallback } from "../../src/integrations/index.js";
import type { TrialLike } from "../../src/tune/index.js";

/** The reference search space (the parameter names are the tutorial's). */
export function suggestParams(trial: TrialLike): GbdtParamsInput {
  return {
    lossFunction: "RMSE",
    depth: trial.suggestInt("max_depth", 3, 10),
    learningRate: trial.suggestFloat("learning_rate", 0.05, 0.3),
    subsample: trial.suggestFloat("subsample", 0.75, 1),
    l2LeafReg: trial.suggestFloat("l2_leaf_reg", 1e-5, 1e-1, { log: true }),
  };
}

/** The GBDT parameters of a finished trial's params (to retrain with the best ones). */
export function paramsOf(params: Readonly<Record<string, unknown>>): GbdtParamsInput {
  return {
    lossFunction: "RMSE",
    depth: Number(params.max_depth),
    learningRate: Number(params.learning_rate),
    subsample: Number(params.subsample),
    l2LeafReg: Number(params.l2_leaf_reg),
  };
}

/** Options of {@link cvObjective}. */
export interface CvObjectiveOptions {
  /** Folds (default 5). */
  nfold?: number;
  /** Boosting rounds at most (default 1000). */
  iterations?: number;
  /** Stop when the mean test RMSE has not improved for this many rounds (default 30). */
  earlyStoppingRounds?: number;
  /** Report every iteration to the pruner (default true). */
  pruning?: boolean;
  /** Fold shuffle seed (default 0). */
  seed?: number;
  /** Exact folds (test row indices per fold) instead of `nfold` shuffled ones. */
  folds?: readonly FoldInput[];
  /** Extra fixed GBDT parameters (e.g. `{ threadCount: 2 }`). */
  fixed?: GbdtParamsInput;
  /** Called after each cv with the boosting iterations it ran (summed over folds). */
  onIterations?: (count: number) => void;
  /** Called after each cv that ran to its end with the mean test RMSE of every iteration it ran. */
  onCurve?: (testRmse: readonly number[]) => void;
}

/**
 * The objective: suggest parameters, run k-fold cv, return the best mean test RMSE (of the log
 * price, i.e. the RMSLE of the price). The pruning callback throws `TrialPruned` when the pruner
 * stops the trial; `optimize` then records the trial as PRUNED.
 */
export function cvObjective(
  pool: Pool,
  options: CvObjectiveOptions = {},
): (trial: TrialLike) => Promise<number> {
  const {
    nfold = 5,
    iterations = 1000,
    earlyStoppingRounds = 30,
    pruning = true,
    seed = 0,
    fixed = {},
  } = options;
  return async (trial) => {
    const params = { ...suggestParams(trial), ...fixed, iterations, seed };
    const pruner = pruning ? gbdtPruningCallback(trial, "test-RMSE-mean") : undefined;
    let ran = 0;
    try {
      const res = await cv(pool, params, {
        ...(options.folds ? { folds: options.folds } : { nfold, seed }),
        earlyStoppingRounds,
        onIteration: (it, means) => {
          ran = it + 1;
          return pruner?.(it, means);
        },
      });
      trial.setUserAttr("best_iteration", res.bestIteration);
      options.onCurve?.(res.results["test-RMSE-mean"]);
      return res.bestScore;
    } finally {
      options.onIterations?.(ran * nfold);
    }
  };
}
