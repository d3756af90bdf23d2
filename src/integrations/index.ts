/**
 * tunelab/integrations: where the modules meet. `trackingCallback` records a study's trials as
 * tracked runs (tune -> track); `gbdtPruningCallback` lets pruners stop GBDT fits (gbdt -> tune).
 * @module
 */
export {
  type GbdtPruningCallback,
  type GbdtPruningCallbackOptions,
  gbdtPruningCallback,
  type PrunableTrial,
} from "./gbdt-pruning-callback.js";
export { pyDatetimeStr, pyDistributionStr, pyParamStr, pyStr, pyStrRepr } from "./py-str.js";
export {
  MLFLOW_RUN_ID_ATTR,
  type TrackingCallback,
  type TrackingCallbackOptions,
  type TrialRun,
  trackingCallback,
} from "./tracking-callback.js";
