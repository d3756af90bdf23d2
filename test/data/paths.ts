import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** The team's shared folder: TUNELAB_SHARED, default `<repo>/../shared`. */
export const SHARED = process.env.TUNELAB_SHARED ?? resolve(REPO, "..", "shared");
/** House Prices train.csv and its fold file. */
export const HOUSE_CSV = join(SHARED, "data", "house-prices", "train.csv");
export const HOUSE_FOLDS = join(SHARED, "data", "house-prices", "folds-5-seed0.json");
export const hasHouseData = existsSync(HOUSE_CSV) && existsSync(HOUSE_FOLDS);

/** The Python peer venv: TUNELAB_VENV, default ~/.cache/tunelab-venv. */
export const VENV = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
export const PYTHON = join(VENV, "bin", "python");

/** True when the venv's Python can import the given modules. */
export function pythonHas(...modules: string[]): boolean {
  if (!existsSync(PYTHON)) return false;
  const r = spawnSync(PYTHON, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore", timeout: 60_000 });
  return r.status === 0;
}
