import { describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  createTrial,
  FloatDistribution,
  IntDistribution,
} from "../../../src/tune/index.js";
import { UnitSpace } from "../../../src/tune/samplers/unit-space.js";

const space = new UnitSpace({
  lr: new FloatDistribution(1e-4, 1, { log: true }),
  n: new IntDistribution(0, 3),
  kind: new CategoricalDistribution(["a", "b", "c"]),
});

describe("UnitSpace", () => {
  it("orders coordinates by name and maps log params linearly in log space (tolerance 1e-12)", () => {
    expect(space.names).toEqual(["kind", "lr", "n"]);
    const t = createTrial({
      value: 0,
      params: { lr: 1e-2, n: 2, kind: "c" },
      distributions: Object.fromEntries(space.dists.map((d, i) => [space.names[i], d])),
    });
    const u = space.toUnit(t)!;
    expect(u[0]).toBe(2);
    expect(u[1]).toBeCloseTo(0.5, 12);
    // ints own cells of equal width: 4 values → centres at 1/8, 3/8, 5/8, 7/8
    expect(u[2]).toBeCloseTo(5 / 8, 12);
    const back = space.fromUnit(u);
    expect(back.kind).toBe("c");
    expect(back.n).toBe(2);
    expect(back.lr as number).toBeCloseTo(1e-2, 15);
  });

  it("fromUniform gives every int and every choice an equal share of [0, 1)", () => {
    const counts = new Map<string, number>();
    for (let k = 0; k < 12; k++) {
      const p = space.fromUniform([(k + 0.5) / 12, 0.5, (k + 0.5) / 12]);
      const key = `${p.kind}${p.n}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.values()].every((c) => c >= 1)).toBe(true);
    expect(new Set([...counts.keys()].map((k) => k[0]))).toEqual(new Set(["a", "b", "c"]));
  });

  it("cell() is the interval that decodes to the same int; null for continuous and categorical", () => {
    const [lo, hi] = space.cell(2, 0.3)!;
    expect(lo).toBeCloseTo(0.25, 12);
    expect(hi).toBeCloseTo(0.5, 12);
    expect(space.cell(1, 0.3)).toBeNull();
    expect(space.cell(0, 1)).toBeNull();
  });

  it("toUnit returns null when a trial lacks a param or has it outside the range", () => {
    const t = createTrial({
      value: 0,
      params: { lr: 1e-2 },
      distributions: { lr: new FloatDistribution(1e-4, 1, { log: true }) },
    });
    expect(space.toUnit(t)).toBeNull();
  });
});
