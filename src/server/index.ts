/**
 * tunelab/server: a tracking server speaking MLflow's REST API (`buildServer`), so MLflow's
 * clients log to tunelab and tunelab's `TrackingClient("http://...")` logs to any MLflow server.
 * @module
 */
export { buildServer, SERVER_VERSION, type ServerOptions } from "./build-server.js";
export { type BasicAuth, parseBasicAuth } from "./guards.js";
export { openServerStore, type TrackingContext } from "./tracking-context.js";
export { DEFAULT_UI_DIR } from "./ui-static.js";
