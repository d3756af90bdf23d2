import type { CommandModule } from "./program.js";
import { buildProgram } from "./program.js";

/** Every command of the `tunelab` CLI; each issue adds its module here. */
const COMMANDS: readonly CommandModule[] = [];

await buildProgram(COMMANDS).parseAsync(process.argv);
