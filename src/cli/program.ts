import { readFileSync } from "node:fs";
import { Command } from "commander";

/** A CLI command: adds itself to the program. One file per command under `commands/`. */
export type CommandModule = (program: Command) => void;

/** Builds the `tunelab` program from an explicit list of command modules. */
export function buildProgram(commands: readonly CommandModule[]): Command {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  const program = new Command("tunelab")
    .description("hyperparameter tuning, experiment tracking and gradient-boosted trees")
    .version(pkg.version)
    .showHelpAfterError();
  for (const add of commands) add(program);
  return program;
}
