import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import {
  createStudy,
  HyperbandPruner,
  MedianPruner,
  PatientPruner,
  PercentilePruner,
  type Pruner,
  RandomSampler,
  type StudyDirection,
  SuccessiveHalvingPruner,
  ThresholdPruner,
  TrialPruned,
} from "../../src/tune/index.js";
import { pythonHas, VENV_PYTHON } from "../helpers/python-venv.js";
import { describeIf } from "../helpers/requires.js";

const PEER = "test/conformance/optuna_pruners_peer.py";

/** The configurations of the peer's CONFIGS, by the same names. */
const CONFIGS: Record<string, () => Pruner> = {
  median: () => new MedianPruner(),
  "median-warmup": () =>
    new MedianPruner({ nStartupTrials: 3, nWarmupSteps: 10, intervalSteps: 5, nMinTrials: 4 }),
  "median-maximize": () => new MedianPruner(),
  "percentile-25": () => new PercentilePruner(25),
  threshold: () => new ThresholdPruner({ upper: 1.2, nWarmupSteps: 5 }),
  "patient-median": () => new PatientPruner(new MedianPruner(), 3, 0.01),
  "sha-auto": () => new SuccessiveHalvingPruner(),
  "sha-explicit": () =>
    new SuccessiveHalvingPruner({ minResource: 5, reductionFactor: 3, minEarlyStoppingRate: 1 }),
  "sha-maximize": () => new SuccessiveHalvingPruner({ minResource: 2 }),
  hyperband: () => new HyperbandPruner(),
  "hyperband-explicit": () => new HyperbandPruner({ minResource: 2, maxResource: 60, reductionFactor: 3 }),
};

interface PeerOutput {
  curves: (number | null)[][];
  configs: Record<string, { direction: StudyDirection; stops: number[] }>;
}

/** tunelab's stop step for each trial when its pruner sees the curves in trial order. */
async function stopsOf(name: string, direction: StudyDirection, curves: number[][]): Promise<number[]> {
  const sign = direction === "minimize" ? 1 : -1;
  const steps = curves[0].length;
  // The study name matters: Hyperband puts trial n in the bracket of crc32("<name>_<n>").
  const study = await createStudy({
    studyName: `pruners-${name}`,
    direction,
    pruner: CONFIGS[name](),
    sampler: new RandomSampler({ seed: 0 }),
  });
  const stops: number[] = [];
  await study.optimize(
    (trial) => {
      const c = curves[trial.number];
      for (let t = 1; t <= steps; t++) {
        trial.report(sign * c[t - 1], t);
        if (trial.shouldPrune()) {
          stops.push(t);
          throw new TrialPruned();
        }
      }
      stops.push(steps);
      return sign * c[steps - 1];
    },
    { nTrials: curves.length },
  );
  return stops;
}

describeIf(pythonHas("optuna"), "Python Optuna in the venv (TUNELAB_VENV)")(
  "pruners decide as Optuna's on the same learning curves",
  () => {
    for (const [seed, trials, steps] of [
      [1, 80, 60],
      [2, 60, 100],
    ])
      it(`seed ${seed}: ${trials} trials x ${steps} steps, every configuration stops every trial at Optuna's step`, async () => {
        const out = JSON.parse(
          execFileSync(VENV_PYTHON, [PEER, String(seed), String(trials), String(steps)], {
            encoding: "utf8",
            maxBuffer: 64 << 20,
          }),
        ) as PeerOutput;
        const curves = out.curves.map((c) => c.map((v) => (v === null ? Number.NaN : v)));
        expect(Object.keys(out.configs).sort()).toEqual(Object.keys(CONFIGS).sort());
        let pruned = 0;
        for (const [name, { direction, stops }] of Object.entries(out.configs)) {
          expect({ name, stops: await stopsOf(name, direction, curves) }).toEqual({ name, stops });
          pruned += stops.filter((s) => s < steps).length;
        }
        // The curves must make the pruners work, or the comparison proves little.
        expect(pruned).toBeGreaterThan(trials * 3);
      }, 60_000);
  },
);
