import { importMlflowCommand } from "./commands/import-mlflow.js";
import { serverCommand } from "./commands/server.js";
import { studiesCommand } from "./commands/studies.js";
import { tuneCommand } from "./commands/tune.js";
import type { CommandModule } from "./program.js";

/** Every command of the `tunelab` CLI; each issue adds its module here. */
export const COMMANDS: readonly CommandModule[] = [
  studiesCommand,
  tuneCommand,
  importMlflowCommand,
  serverCommand,
];
