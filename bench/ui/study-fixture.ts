import {
  CategoricalDistribution,
  createStudy,
  createTrial,
  FloatDistribution,
  IntDistribution,
  Rng,
} from "../../src/tune/index.js";

/** Options of {@link fillBenchStudy}. */
export interface BenchStudyOptions {
  readonly storage: string;
  readonly studyName?: string;
  readonly nTrials?: number;
  /** Intermediate values per trial (pruned trials stop earlier). Default 20. */
  readonly steps?: number;
  readonly seed?: number;
}

const space = {
  x: new FloatDistribution(-10, 10),
  lr: new FloatDistribution(1e-5, 1, { log: true }),
  depth: new IntDistribution(2, 12),
  optimizer: new CategoricalDistribution(["sgd", "adam", "rmsprop"]),
};

/**
 * Fills a study with `nTrials` finished trials over four parameters (float, log float, int,
 * categorical): about 70% COMPLETE with a learning curve of `steps` values, 25% PRUNED part way,
 * 5% FAIL, one minute apart with overlapping run times. Adds them with `addTrials`
 * (no sampling), so 5,000 trials take seconds. Returns the study id.
 */
export async function fillBenchStudy(options: BenchStudyOptions): Promise<number> {
  const { storage, studyName = "bench-5000", nTrials = 5000, steps = 20, seed = 0 } = options;
  const rng = new Rng(seed);
  const study = await createStudy({ storage, studyName });
  const t0 = Date.UTC(2026, 0, 1);
  const trials = [];
  for (let i = 0; i < nTrials; i++) {
    const x = -10 + 20 * rng.random();
    const lr = 10 ** (-5 + 5 * rng.random());
    const depth = 2 + Math.floor(11 * rng.random());
    const optimizer = (["sgd", "adam", "rmsprop"] as const)[Math.floor(3 * rng.random())];
    const final =
      (x - 2) ** 2 / 10 + Math.abs(Math.log10(lr) + 2) + (optimizer === "sgd" ? 0.5 : 0) + depth / 20;
    const u = rng.random();
    const state = u < 0.05 ? "FAIL" : u < 0.3 ? "PRUNED" : "COMPLETE";
    const n = state === "PRUNED" ? 1 + Math.floor((steps - 1) * rng.random()) : state === "FAIL" ? 0 : steps;
    const intermediateValues = new Map<number, number>();
    for (let s = 0; s < n; s++) intermediateValues.set(s, final + 5 * Math.exp(-s / 4) + 0.1 * rng.random());
    const base = createTrial({
      state,
      params: { x, lr, depth, optimizer },
      distributions: space,
      intermediateValues,
      ...(state === "COMPLETE"
        ? { value: final }
        : state === "PRUNED"
          ? { value: intermediateValues.get(n - 1) }
          : {}),
    });
    const start = t0 + i * 60_000;
    trials.push(
      base.with({
        datetimeStart: new Date(start),
        datetimeComplete: new Date(start + 30_000 + 90_000 * rng.random()),
      }),
    );
  }
  await study.addTrials(trials);
  await study.close();
  return study.studyId;
}
