/**
 * tunelab: hyperparameter tuning, experiment tracking and gradient-boosted trees for TypeScript.
 * Each module is also available on its own subpath (`tunelab/tune`, `tunelab/track`, ...).
 * @module
 */
export * from "./data/index.js";
export * from "./gbdt/index.js";
export * from "./integrations/index.js";
export * from "./server/index.js";
// Names two modules both export: the root picks one; the other stays on its subpath
// (`Metric` of tunelab/gbdt, `InvalidStateError` of tunelab/track).
export type { Metric } from "./track/index.js";
export * from "./track/index.js";
export * from "./tune/index.js";
export { InvalidStateError } from "./tune/index.js";
