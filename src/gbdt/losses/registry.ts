import { InvalidDataError, InvalidParameterError } from "../errors.js";
import { LoglossLoss } from "./logloss.js";
import type { Loss } from "./loss.js";
import { numberOption, parseSpec } from "./loss.js";
import { MultiClassLoss } from "./multiclass.js";
import { QuantileLoss } from "./quantile.js";
import { RmseLoss } from "./rmse.js";

/** What a loss factory may need besides its spec options. */
export interface LossContext {
  /** Labels of the training data (MultiClass counts its classes from them). */
  label?: Float64Array;
  /** `classesCount` parameter (0 = from the labels). */
  classesCount?: number;
}

type LossFactory = (options: Map<string, string>, spec: string, ctx: LossContext) => Loss;

/** The table of named losses, built from one explicit list. */
export const LOSSES: Readonly<Record<string, LossFactory>> = Object.freeze({
  RMSE: () => new RmseLoss(),
  MAE: () => new QuantileLoss(0.5, true),
  Quantile: (o, spec) =>
    new QuantileLoss(numberOption(o, "alpha", 0.5, spec, (v) => v > 0 && v < 1, "in (0, 1)")),
  Logloss: () => new LoglossLoss(false),
  CrossEntropy: () => new LoglossLoss(true),
  MultiClass: (_o, _spec, ctx) => {
    let k = ctx.classesCount ?? 0;
    if (k === 0 && ctx.label) {
      let max = -1;
      for (let i = 0; i < ctx.label.length; i++) max = Math.max(max, ctx.label[i]);
      k = max + 1;
    }
    if (!Number.isInteger(k) || k < 2)
      throw new InvalidDataError(`MultiClass needs at least 2 classes (integer labels 0..k-1), found ${k}`);
    return new MultiClassLoss(k);
  },
});

/**
 * The loss named by `spec` (`RMSE`, `Quantile:alpha=0.9`, ...).
 *
 * @throws InvalidParameterError for an unknown name; the message lists the known ones.
 */
export function createLoss(spec: string, ctx: LossContext = {}): Loss {
  const { name, options } = parseSpec(spec, "lossFunction");
  const factory = Object.hasOwn(LOSSES, name) ? LOSSES[name] : undefined;
  if (!factory)
    throw new InvalidParameterError(
      "lossFunction",
      `unknown loss "${name}" (known: ${Object.keys(LOSSES).join(", ")})`,
    );
  return factory(options, spec, ctx);
}
