import { importMlflowCommand } from "./commands/import-mlflow.js";
import { studiesCommand } from "./commands/studies.js";
import { tuneCommand } from "./commands/tune.js";
import type { CommandModule } from "./program.js";
import { buildProgram } from "./program.js";

/** Every command of the `tunelab` CLI; each issue adds its module here. */
const COMMANDS: readonly CommandModule[] = [studiesCommand, tuneCommand, importMlflowCommand];

await buildProgram(COMMANDS).parseAsync(process.argv);
