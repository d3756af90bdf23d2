import { importMlflowCommand } from "./commands/import-mlflow.js";
import { serverCommand } from "./commands/server.js";
import type { CommandModule } from "./program.js";
import { buildProgram } from "./program.js";

/** Every command of the `tunelab` CLI; each issue adds its module here. */
const COMMANDS: readonly CommandModule[] = [importMlflowCommand, serverCommand];

await buildProgram(COMMANDS).parseAsync(process.argv);
