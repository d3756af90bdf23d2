import type { Command } from "commander";
import { redactUri } from "../../db/index.js";
import { buildServer, parseBasicAuth, type ServerOptions } from "../../server/index.js";
import { defaultStudyStorage } from "./default-study-storage.js";

interface ServeFlags {
  backendStoreUri?: string;
  artifactsDestination?: string;
  host: string;
  port: string;
  auth?: string;
  readOnly?: boolean;
  studyStorage?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`Invalid port ${JSON.stringify(value)}: expected 0..65535`);
  return n;
}

/**
 * Builds and starts the server, prints where it listens, and on SIGINT/SIGTERM stops accepting
 * connections, lets requests in flight finish (their writes included), closes the store and exits.
 */
async function serve(
  flags: ServeFlags,
  defaults: { backendStoreUri: string; studyStorage?: (backendStoreUri: string) => string | undefined },
): Promise<void> {
  const port = parsePort(flags.port);
  const backendStoreUri = flags.backendStoreUri ?? defaults.backendStoreUri;
  const studyStorage = flags.studyStorage ?? defaults.studyStorage?.(backendStoreUri);
  const authValue = flags.auth ?? process.env.TUNELAB_AUTH;
  const opts: ServerOptions = {
    backendStore: backendStoreUri,
    ...(flags.artifactsDestination ? { artifactsDestination: flags.artifactsDestination } : {}),
    ...(authValue ? { auth: parseBasicAuth(authValue) } : {}),
    ...(flags.readOnly ? { readOnly: true } : {}),
    ...(studyStorage ? { studyStorage } : {}),
  };
  const app = await buildServer(opts);
  const address = await app.listen({ host: flags.host, port });
  process.stdout.write(
    `tunelab server listening on ${address} (store ${String(opts.backendStore)}, artifacts ${app.tracking.artifactsRoot}` +
      `${opts.auth ? ", basic auth" : ""}${opts.readOnly ? ", read-only" : ""}` +
      `${studyStorage ? `, studies ${redactUri(studyStorage)}` : ""})\n`,
  );
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal}: finishing requests in flight, then stopping\n`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

const common = (cmd: Command): Command =>
  cmd
    .option("--host <host>", "address to bind (0.0.0.0 exposes the server to the network)", "127.0.0.1")
    .option("--port <port>", "port to listen on", "5000")
    .option(
      "--artifacts-destination <dir>",
      "folder served by the artifact proxy (default: the store's artifact folder, e.g. mlruns/artifacts)",
    )
    .option("--auth <user:password>", "turn on HTTP basic auth (default: $TUNELAB_AUTH when set)")
    .option("--read-only", "refuse every write with 403")
    .option("--study-storage <uri>", "study storage served by tunelab's study API under /api/tunelab");

/**
 * `tunelab server`: the tracking server speaking MLflow's REST API, and `tunelab ui`, the same
 * server on the local `mlruns` folder (like `mlflow ui`).
 */
export function serverCommand(program: Command): void {
  common(
    program
      .command("server")
      .description("serve a tracking store over MLflow's REST API (MLflow clients work against it)")
      .option(
        "--backend-store-uri <uri>",
        "tracking store: a folder, sqlite:///x.db or postgresql://... (default: $MLFLOW_TRACKING_URI or mlruns)",
      ),
  ).action((flags: ServeFlags) =>
    serve(flags, { backendStoreUri: process.env.MLFLOW_TRACKING_URI || "mlruns" }),
  );
  common(
    program
      .command("ui")
      .description(
        "serve the local tracking folder (default ./mlruns) on http://127.0.0.1:5000, with its studies " +
          "(default study storage: $TUNELAB_STUDY_STORAGE, else the tracking database when it holds studies)",
      )
      .option("--backend-store-uri <uri>", "tracking store (default: mlruns)"),
  ).action((flags: ServeFlags) =>
    serve(flags, { backendStoreUri: "mlruns", studyStorage: defaultStudyStorage }),
  );
}
