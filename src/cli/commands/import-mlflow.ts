import type { Command } from "commander";
import { defaultTrackingUri, importMlflowFileStore, openTrackingStore } from "../../track/index.js";

/**
 * `tunelab import-mlflow <mlruns>`: copies the history of an MLflow file store (the `mlruns`
 * folder MLflow >= 3.13 refuses to open by default) into a tunelab tracking store.
 */
export function importMlflowCommand(program: Command): void {
  program
    .command("import-mlflow")
    .description(
      "import experiments and runs from an MLflow file store folder (mlruns) into a tracking store",
    )
    .argument("<path>", "folder written by MLflow's file store, e.g. ./mlruns")
    .option(
      "--tracking-uri <uri>",
      "target: a folder (holds tunelab.db + artifacts/), sqlite:///x.db or postgresql://... (default: $MLFLOW_TRACKING_URI or mlruns)",
    )
    .option(
      "--copy-artifacts",
      "copy artifact files into the target's artifact folder (default: point at them)",
    )
    .action(async (path: string, opts: { trackingUri?: string; copyArtifacts?: boolean }) => {
      const uri = opts.trackingUri ?? defaultTrackingUri();
      const store = await openTrackingStore(uri);
      try {
        const report = await importMlflowFileStore(path, store, {
          copyArtifacts: opts.copyArtifacts ?? false,
          onRun: (done, total) => {
            if (process.stderr.isTTY) process.stderr.write(`\rimporting runs: ${done}/${total}`);
          },
        });
        if (process.stderr.isTTY) process.stderr.write("\n");
        for (const e of report.experiments)
          process.stdout.write(
            `experiment "${e.name}" (${e.sourceId} -> ${e.targetId}, ${e.action}): ` +
              `${e.runsImported} runs imported, ${e.runsSkipped} already present\n`,
          );
        process.stdout.write(
          `imported ${report.runsImported} runs (${report.metricValues} metric values) into ${uri}; ` +
            `${report.runsSkipped} skipped; ${report.problems.length} problems\n`,
        );
        for (const p of report.problems) process.stderr.write(`problem: ${p.path}: ${p.message}\n`);
        if (report.problems.length) process.exitCode = 1;
      } finally {
        await store.close?.();
      }
    });
}
