import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FrozenTrial, TrialState } from "../../../../src/tune/frozen-trial.js";
import {
  CategoricalDistribution,
  createTrial,
  FloatDistribution,
  IntDistribution,
} from "../../../../src/tune/index.js";
import { ObservationTable } from "../../../../src/tune/samplers/tpe/observation-table.js";

const x = new FloatDistribution(-1, 1);
const k = new IntDistribution(0, 3);
const c = new CategoricalDistribution(["a", "b"]);

function trial(number: number, params: Record<string, number | string>, state: TrialState = "COMPLETE") {
  const distributions = Object.fromEntries(
    Object.keys(params).map((n) => [n, n === "x" ? x : n === "k" ? k : c]),
  );
  const t = createTrial({ state: state === "RUNNING" ? "COMPLETE" : state, value: 0, params, distributions });
  return t.with({ trialId: 100 + number, number, state });
}

/** Indices sorting `col` ascending, ties by index. */
function argsort(col: Float64Array): number[] {
  return Array.from(col, (_, i) => i).sort((a, b) => col[a] - col[b] || a - b);
}

describe("ObservationTable", () => {
  it("gather(slot, n) returns each subset's columns and their stable ascending orders (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ x: fc.double({ min: -1, max: 1, noNaN: true }), k: fc.integer({ min: 0, max: 3 }) }),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (points, pick) => {
          const table = new ObservationTable(["k", "x"], [k, x]);
          // Trials arrive one suggestion at a time, as in a study.
          const trials: FrozenTrial[] = [];
          for (let i = 0; i < points.length; i++) {
            trials.push(trial(i, points[i]));
            table.sync(trials, -1);
          }
          const { rows } = table.sync(trials, -1);
          const slot = new Int32Array(table.rowCount).fill(-1);
          let n = 0;
          for (let i = 0; i < rows.length; i++) if (pick[i]) slot[rows[i]] = n++;
          const { columns, orders } = table.gather(slot, n);
          const chosen = points.filter((_, i) => pick[i]);
          expect(Array.from(columns[0])).toEqual(chosen.map((p) => p.k));
          expect(Array.from(columns[1])).toEqual(chosen.map((p) => p.x));
          expect(Array.from(orders[0]!)).toEqual(argsort(columns[0]));
          expect(Array.from(orders[1]!)).toEqual(argsort(columns[1]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gatherRows(rows) equals gather() of the same rows, few (sorted) or many (walked) (property)", () => {
    fc.assert(
      fc.property(
        // Few distinct values: many ties, which must keep trial-number order.
        fc.array(fc.record({ x: fc.constantFrom(-1, -0.5, 0, 0.25, 1), k: fc.integer({ min: 0, max: 3 }) }), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 80, maxLength: 80 }),
        fc.integer({ min: 0, max: 20 }),
        (points, draws, density) => {
          // From ~5% of the trials (sorted path) to all of them (walked path).
          const pick = draws.map((d) => d <= density);
          const table = new ObservationTable(["k", "x"], [k, x]);
          const trials = points.map((p, i) => trial(i, p));
          const { rows } = table.sync(trials, -1);
          const slot = new Int32Array(table.rowCount).fill(-1);
          const picked: number[] = [];
          for (let i = 0; i < rows.length; i++)
            if (pick[i]) {
              slot[rows[i]] = picked.length;
              picked.push(rows[i]);
            }
          const viaSlots = table.gather(slot, picked.length);
          const viaRows = table.gatherRows(Uint32Array.from(picked));
          expect(viaRows.columns).toEqual(viaSlots.columns);
          expect(viaRows.orders).toEqual(viaSlots.orders);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("sync() skips the excluded trial and trials lacking a parameter or out of range", () => {
    const table = new ObservationTable(["x", "c"], [x, c]);
    const trials = [
      trial(0, { x: 0.5, c: "a" }),
      trial(1, { x: 0.1 }),
      trial(2, { x: 0.2, c: "b" }),
      trial(3, { x: 0.3, c: "a" }, "RUNNING"),
    ];
    const narrow = new ObservationTable(["x"], [new FloatDistribution(0, 0.4)]);
    expect(table.sync(trials, 103).trials.map((t) => t.number)).toEqual([0, 2]);
    expect(table.sync(trials, -1).trials.map((t) => t.number)).toEqual([0, 2, 3]);
    expect(narrow.sync(trials, -1).trials.map((t) => t.number)).toEqual([1, 2, 3]);
    expect(table.gather(new Int32Array([0, 1, 2]), 3).columns[1]).toEqual(new Float64Array([0, 1, 0]));
  });

  it("sync() returns the values only while every usable trial is COMPLETE with one finite value", () => {
    const table = new ObservationTable(["x"], [x]);
    const done = [trial(0, { x: 0.5 }), trial(1, { x: 0.1 }).with({ values: [7] })];
    expect(Array.from(table.sync(done, -1).values!)).toEqual([0, 7]);
    const running = trial(2, { x: 0.2 }, "RUNNING");
    expect(table.sync([...done, running], -1).values).toBeNull();
    // The excluded trial (the one being sampled) does not count.
    expect(Array.from(table.sync([...done, running], 102).values!)).toEqual([0, 7]);
    expect(table.sync([...done, trial(3, { x: 0.3 }, "PRUNED")], -1).values).toBeNull();
    expect(table.sync([...done, trial(4, { x: 0.3 }).with({ values: [Number.NaN] })], -1).values).toBeNull();
    const constrained = trial(5, { x: 0.3 }).with({ systemAttrs: { "constraints:c": -1 } });
    expect(table.sync([...done, constrained], -1).values).toBeNull();
    // A trial without the space's parameters is not usable and does not count either.
    expect(Array.from(table.sync([...done, trial(6, { k: 1 }, "PRUNED")], -1).values!)).toEqual([0, 7]);
  });

  it("sync() picks up a running trial once it has every parameter", () => {
    const table = new ObservationTable(["x", "c"], [x, c]);
    expect(table.sync([trial(0, { x: 0.5 }, "RUNNING")], -1).trials).toHaveLength(0);
    expect(table.sync([trial(0, { x: 0.5, c: "b" }, "RUNNING")], -1).trials).toHaveLength(1);
    expect(table.sync([trial(0, { x: 0.5, c: "b" })], -1).trials).toHaveLength(1);
    expect(table.rowCount).toBe(1);
  });

  it("sync() starts over when a trial id comes back with other values (a recreated study)", () => {
    const table = new ObservationTable(["x"], [x]);
    table.sync([trial(0, { x: 0.5 }), trial(1, { x: -0.5 })], -1);
    const { rows } = table.sync([trial(0, { x: 0.25 })], -1);
    expect(table.rowCount).toBe(1);
    const { columns } = table.gather(
      Int32Array.from(rows, () => 0),
      1,
    );
    expect(columns[0][0]).toBe(0.25);
  });
});
