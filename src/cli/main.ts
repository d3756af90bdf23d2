import { COMMANDS } from "./all-commands.js";
import { buildProgram } from "./program.js";

await buildProgram(COMMANDS).parseAsync(process.argv);
