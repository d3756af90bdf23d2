import { describe, expect, it } from "vitest";
import {
  createStudy,
  InMemoryStorage,
  QMCSampler,
  setVerbosity,
  type TrialLike,
} from "../../../../src/tune/index.js";

setVerbosity("error");

const objective = (t: TrialLike) =>
  t.suggestFloat("x", 0, 1) + t.suggestFloat("lr", 1e-4, 1, { log: true }) + t.suggestInt("n", 0, 3);

describe("QMCSampler", () => {
  it("covers a 1-D space evenly: the first 2^k relative samples fill 2^k equal cells", async () => {
    const study = await createStudy({ sampler: new QMCSampler({ seed: 0, scramble: true }) });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 65 });
    const cells = new Set(study.trials.slice(1).map((t) => Math.floor((t.params.x as number) * 64)));
    expect(cells.size).toBe(64);
  });

  it("maps log and int parameters through the shared encoding (uniform in log space, equal int cells)", async () => {
    const study = await createStudy({ sampler: new QMCSampler({ seed: 3, scramble: true }) });
    await study.optimize(objective, { nTrials: 129 });
    const rel = study.trials.slice(1);
    const decades = new Set(rel.map((t) => Math.floor(Math.log10(t.params.lr as number))));
    expect(decades).toEqual(new Set([-4, -3, -2, -1]));
    const counts = [0, 1, 2, 3].map((n) => rel.filter((t) => t.params.n === n).length);
    expect(counts).toEqual([32, 32, 32, 32]);
  });

  it("honours seed 0 (Optuna 3.1 did not): same seed same points, other seed other points", async () => {
    const run = async (seed: number, qmcType: "sobol" | "halton") => {
      const study = await createStudy({ sampler: new QMCSampler({ seed, scramble: true, qmcType }) });
      await study.optimize(objective, { nTrials: 10 });
      return study.trials.map((t) => t.params);
    };
    for (const type of ["sobol", "halton"] as const) {
      expect(await run(0, type)).toEqual(await run(0, type));
      expect(await run(0, type)).not.toEqual(await run(1, type));
    }
  });

  it("shares the sequence index through study system attrs: two processes draw distinct points", async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({
      storage,
      studyName: "q",
      sampler: new QMCSampler({ seed: 1, scramble: true }),
    });
    await a.optimize(objective, { nTrials: 5 });
    const b = await createStudy({
      storage,
      studyName: "q",
      loadIfExists: true,
      sampler: new QMCSampler({ seed: 1, scramble: true }),
    });
    await b.optimize(objective, { nTrials: 5 });
    const xs = b.trials.map((t) => t.params.x);
    expect(new Set(xs).size).toBe(10);
  });

  it("rejects an unknown qmcType", () => {
    expect(() => new QMCSampler({ qmcType: "lattice" as never })).toThrow(/invalid qmcType: lattice/);
  });
});
