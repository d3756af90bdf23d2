import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { pythonHas, VENV_PYTHON } from "../helpers/python-venv.js";
import { describeIf } from "../helpers/requires.js";
import { transcriptsOfBoth } from "./mlflow-peer.js";

const SCRIPT = fileURLToPath(new URL("./mlflow_client_script.py", import.meta.url));
const run = promisify(execFile);

interface Step {
  step: string;
  ok?: unknown;
  error?: string;
}

/** Runs the Python client script against `url` in a fresh scratch folder; returns its transcript. */
async function transcript(url: string): Promise<Step[]> {
  const scratch = await mkdtemp(join(tmpdir(), "tunelab-conformance-"));
  try {
    await run(VENV_PYTHON, [SCRIPT, url, scratch], {
      env: { ...process.env, MLFLOW_HTTP_REQUEST_MAX_RETRIES: "0", MLFLOW_TRACKING_URI: url },
      cwd: scratch,
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(await readFile(join(scratch, "transcript.json"), "utf8")) as Step[];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

describeIf(pythonHas("mlflow"), `Python with mlflow at ${VENV_PYTHON} (set TUNELAB_VENV)`)(
  "MLflow's Python client: tunelab server vs mlflow server",
  () => {
    let ours: Step[];
    let theirs: Step[];
    beforeAll(async () => {
      [ours, theirs] = await transcriptsOfBoth(transcript);
    }, 600_000);

    it("the script covers every area (experiments, runs, batch, artifacts, search, errors)", () => {
      const steps = theirs.map((s) => s.step);
      expect(steps.length).toBeGreaterThanOrEqual(40);
      expect(theirs.filter((s) => s.error).map((s) => s.error)).toEqual(
        expect.arrayContaining([
          "RESOURCE_ALREADY_EXISTS",
          "RESOURCE_DOES_NOT_EXIST",
          "INVALID_PARAMETER_VALUE",
        ]),
      );
    });

    it("every step gives the same answer and the same error code on both servers", () => {
      expect(ours.map((s) => s.step)).toEqual(theirs.map((s) => s.step));
      for (const [i, mine] of ours.entries()) expect({ ...mine }).toEqual({ ...theirs[i] });
    });
  },
);
