import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  HyperbandPruner,
  MedianPruner,
  PercentilePruner,
  type Pruner,
  SuccessiveHalvingPruner,
} from "../../../src/tune/index.js";
import { runCurves } from "./helpers.js";

// Decisions of Python Optuna's pruners on the same 40 learning curves (steps 1..50), made by
// test/fixtures/optuna/pruner_decisions.py; the fixture records the Optuna version.
const ref = JSON.parse(
  readFileSync(new URL("../../fixtures/optuna/pruner-decisions.json", import.meta.url), "utf8"),
) as {
  optuna: string;
  curves: number[][];
} & Record<string, (number | null)[]>;

const PRUNERS: Record<string, () => Pruner> = {
  median: () => new MedianPruner(),
  sh: () => new SuccessiveHalvingPruner(),
  hb: () => new HyperbandPruner(),
  pct25: () => new PercentilePruner(25, { nStartupTrials: 3, nWarmupSteps: 5, intervalSteps: 2 }),
};

describe(`pruners decide as Optuna ${ref.optuna} does on the same curves`, () => {
  for (const [name, make] of Object.entries(PRUNERS))
    it(`${name}: the step at which each trial is pruned`, async () => {
      const ours = await runCurves(make(), ref.curves, { studyName: "pc", firstStep: 1 });
      expect(ours).toEqual(ref[name]);
    });
});
