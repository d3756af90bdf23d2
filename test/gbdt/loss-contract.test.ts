import { createLoss, LOSSES } from "../../src/gbdt/index.js";
import { lossSuite } from "../contracts/loss.contract.js";

/** Labels each built-in loss accepts. */
const LABELS: Record<string, Float64Array> = {
  RMSE: Float64Array.of(1.5, -2, 0.3, 4, 0, 2.2),
  MAE: Float64Array.of(1.5, -2, 0.3, 4, 0, 2.2),
  Quantile: Float64Array.of(1.5, -2, 0.3, 4, 0, 2.2),
  Logloss: Float64Array.of(0, 1, 1, 0, 1, 0),
  CrossEntropy: Float64Array.of(0.1, 0.9, 0.5, 0, 1, 0.3),
  MultiClass: Float64Array.of(0, 1, 2, 2, 1, 0),
};

// every registered loss runs the suite; a loss without labels here fails loudly
for (const name of Object.keys(LOSSES)) {
  const spec = name === "Quantile" ? "Quantile:alpha=0.3" : name;
  lossSuite(spec, () => createLoss(spec, { label: LABELS[name] }), LABELS[name]);
}
