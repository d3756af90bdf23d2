import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, Option } from "commander";
import {
  CachedStorage,
  createStudy,
  HyperbandPruner,
  InvalidArgumentError,
  loadStudy,
  MedianPruner,
  NopPruner,
  type Objective,
  type OptimizeCallback,
  type Pruner,
  RandomSampler,
  RDBStorage,
  retryFailedTrialCallback,
  type Sampler,
  STUDY_DIRECTIONS,
  type Storage,
  SuccessiveHalvingPruner,
  setVerbosity,
  TPESampler,
} from "../../tune/index.js";
import { reportErrors } from "../report-errors.js";

/** Samplers `--sampler` knows, from one list. */
export const CLI_SAMPLERS: Record<string, (seed?: number) => Sampler> = {
  tpe: (seed) => new TPESampler({ seed }),
  random: (seed) => new RandomSampler({ seed }),
};

/** Pruners `--pruner` knows, from one list. */
export const CLI_PRUNERS: Record<string, () => Pruner> = {
  median: () => new MedianPruner(),
  nop: () => new NopPruner(),
  hyperband: () => new HyperbandPruner(),
  "successive-halving": () => new SuccessiveHalvingPruner(),
};

interface TuneOptions {
  study: string;
  storage: string;
  trials?: string;
  workers: string;
  timeout?: string;
  sampler: string;
  pruner: string;
  direction: string;
  seed?: string;
  heartbeatInterval?: string;
  maxRetry?: string;
  worker?: string;
  quiet?: boolean;
}

function pick<T>(table: Record<string, T>, name: string, what: string): T {
  const found = table[name.toLowerCase()];
  if (found === undefined)
    throw new InvalidArgumentError(`unknown ${what} "${name}" (known: ${Object.keys(table).join(", ")})`);
  return found;
}

function positiveInt(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new InvalidArgumentError(`--${name} must be an integer >= ${min}, got ${text}`);
  return n;
}

function positiveNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0)) throw new InvalidArgumentError(`--${name} must be a number > 0, got ${text}`);
  return n;
}

async function openStorage(o: TuneOptions): Promise<Storage | string> {
  const heartbeatInterval = positiveNumber("heartbeat-interval", o.heartbeatInterval);
  const maxRetry = positiveInt("max-retry", o.maxRetry, 0);
  if (heartbeatInterval === undefined) {
    if (maxRetry !== undefined) throw new InvalidArgumentError("--max-retry needs --heartbeat-interval");
    return o.storage;
  }
  const rdb = await RDBStorage.open(o.storage, {
    heartbeatInterval,
    staleTrialCallback: retryFailedTrialCallback({ maxRetry }),
  });
  return new CachedStorage(rdb);
}

/** What an objective module gives `tunelab tune`. */
interface ObjectiveModule {
  objective: Objective;
  /** `optimize` callbacks of each worker (e.g. a tracking callback); `close()`d after optimize. */
  callbacks: OptimizeCallback[];
}

/**
 * Loads an objective module (TypeScript works through tsx): its default export is the objective;
 * an optional `callbacks` export is an array of `optimize` callbacks, e.g.
 * `export const callbacks = [trackingCallback({ metricName: "rmse" })]`.
 */
async function loadObjective(modulePath: string): Promise<ObjectiveModule> {
  const mod = (await import(pathToFileURL(resolve(modulePath)).href)) as {
    default?: unknown;
    callbacks?: unknown;
  };
  if (typeof mod.default !== "function")
    throw new InvalidArgumentError(
      `${modulePath} has no default export that is a function (export default (trial) => value)`,
    );
  const callbacks = mod.callbacks ?? [];
  if (!Array.isArray(callbacks) || !callbacks.every((c) => typeof c === "function"))
    throw new InvalidArgumentError(
      `${modulePath}: export "callbacks" must be an array of functions (study, trial) => void, got ${typeof callbacks === "function" ? "a function" : JSON.stringify(callbacks)}`,
    );
  return { objective: mod.default as Objective, callbacks };
}

/** A tracking callback ends its parent run and closes its client in `close()`. */
async function closeCallbacks(callbacks: readonly OptimizeCallback[]): Promise<void> {
  for (const cb of callbacks) await (cb as { close?: () => unknown }).close?.();
}

/** One worker process: loads the study and runs its share of the trials. */
async function runWorker(modulePath: string, o: TuneOptions, index: number): Promise<void> {
  const { objective, callbacks } = await loadObjective(modulePath);
  const seed = positiveInt("seed", o.seed, 0);
  const storage = await openStorage(o);
  const study = await loadStudy({
    studyName: o.study,
    storage,
    sampler: pick(CLI_SAMPLERS, o.sampler, "sampler")(seed === undefined ? undefined : seed + index),
    pruner: pick(CLI_PRUNERS, o.pruner, "pruner")(),
  });
  try {
    await study.optimize(objective, {
      nTrials: positiveInt("trials", o.trials, 0),
      timeout: positiveNumber("timeout", o.timeout),
      callbacks,
    });
  } finally {
    try {
      await closeCallbacks(callbacks);
    } finally {
      await study.close();
    }
  }
}

/** `tunelab tune <objective-module> --study NAME --storage URI ...`: K worker processes on one study. */
export function tuneCommand(program: Command): void {
  program
    .command("tune")
    .description(
      "optimise the default export of <objective-module> with K local worker processes on one study",
    )
    .argument(
      "<objective-module>",
      "ES module (.js/.ts) whose default export is the objective (optional export: callbacks, an array)",
    )
    .requiredOption("--study <name>", "study name (created when missing)")
    .requiredOption(
      "--storage <uri>",
      "storage URI shared by the workers (sqlite:///file.db, postgresql://...)",
    )
    .option("--trials <n>", "trials in total, split between the workers")
    .option("--workers <k>", "worker processes", "1")
    .option("--timeout <seconds>", "no new trial starts after this many seconds")
    .option("--sampler <name>", `sampler (${Object.keys(CLI_SAMPLERS).join(" | ")})`, "tpe")
    .option("--pruner <name>", `pruner (${Object.keys(CLI_PRUNERS).join(" | ")})`, "median")
    .option("--direction <direction>", `${STUDY_DIRECTIONS.join(" | ")}`, "minimize")
    .option("--seed <n>", "sampler seed of worker 0 (worker i uses seed + i)")
    .option(
      "--heartbeat-interval <seconds>",
      "record heartbeats; a dead worker's trial fails after 2 intervals",
    )
    .option("--max-retry <n>", "re-enqueue a dead worker's trial at most n times (with --heartbeat-interval)")
    .option("--quiet", "print only the summary")
    // Internal: set on the processes the parent starts.
    .addOption(new Option("--worker <index>").hideHelp())
    .action(
      reportErrors(async (modulePath: string, o: TuneOptions) => {
        if (o.quiet || o.worker !== undefined) setVerbosity("warn");
        if (o.worker !== undefined) return runWorker(modulePath, o, Number(o.worker));
        const workers = positiveInt("workers", o.workers, 1) ?? 1;
        const trials = positiveInt("trials", o.trials, 0);
        if (trials === undefined && o.timeout === undefined)
          throw new InvalidArgumentError("give --trials or --timeout (or both)");
        pick(CLI_SAMPLERS, o.sampler, "sampler");
        pick(CLI_PRUNERS, o.pruner, "pruner");
        await closeCallbacks((await loadObjective(modulePath)).callbacks); // fail early on a bad module
        const study = await createStudy({
          studyName: o.study,
          storage: o.storage,
          direction: o.direction as "minimize" | "maximize",
          loadIfExists: true,
        });
        await study.close();
        const started = Date.now();
        const results = await Promise.all(
          Array.from({ length: workers }, (_, i) => {
            const share =
              trials === undefined
                ? undefined
                : Math.floor(trials / workers) + (i < trials % workers ? 1 : 0);
            const args = [process.argv[1], "tune", modulePath, ...forward(o, share), "--worker", String(i)];
            return new Promise<number>((done) => {
              const child = spawn(process.execPath, [...process.execArgv, ...args], { stdio: "inherit" });
              child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
            });
          }),
        );
        const final = await loadStudy({ studyName: o.study, storage: o.storage });
        const counts: Record<string, number> = {};
        for (const t of final.trials) counts[t.state] = (counts[t.state] ?? 0) + 1;
        let best = "";
        try {
          best = ` best value ${final.bestValue} (trial ${final.bestTrial.number}) params ${JSON.stringify(final.bestParams)}`;
        } catch {}
        await final.close();
        process.stdout.write(
          `study ${o.study}: ${final.trials.length} trials (${Object.entries(counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(
              ", ",
            )}) in ${((Date.now() - started) / 1000).toFixed(1)} s with ${workers} workers;${best}\n`,
        );
        const failed = results.filter((c) => c !== 0).length;
        if (failed) {
          process.stderr.write(`tunelab: ${failed} of ${workers} workers exited with an error\n`);
          process.exitCode = 1;
        }
      }),
    );
}

/** The options a worker needs, with its share of the trials. */
function forward(o: TuneOptions, share: number | undefined): string[] {
  const out = ["--study", o.study, "--storage", o.storage, "--sampler", o.sampler, "--pruner", o.pruner];
  out.push("--direction", o.direction);
  if (share !== undefined) out.push("--trials", String(share));
  if (o.timeout !== undefined) out.push("--timeout", o.timeout);
  if (o.seed !== undefined) out.push("--seed", o.seed);
  if (o.heartbeatInterval !== undefined) out.push("--heartbeat-interval", o.heartbeatInterval);
  if (o.maxRetry !== undefined) out.push("--max-retry", o.maxRetry);
  if (o.quiet) out.push("--quiet");
  return out;
}
