import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The Python venv with the reference tools: `$TUNELAB_VENV`, default `~/.cache/tunelab-venv`. */
export const VENV = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
/** Its python executable. */
export const VENV_PYTHON = join(VENV, "bin", "python");

/** Whether the venv's python can import `module` (checked synchronously, once per call). */
export function pythonHas(module: string): boolean {
  if (!existsSync(VENV_PYTHON)) return false;
  return spawnSync(VENV_PYTHON, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0;
}
