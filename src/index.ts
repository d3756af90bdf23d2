/**
 * tunelab: hyperparameter tuning, experiment tracking and gradient-boosted trees for TypeScript.
 * Each module is also available on its own subpath (`tunelab/tune`, `tunelab/track`, ...).
 * @module
 */
export * from "./tune/index.js";
