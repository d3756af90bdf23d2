import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FrozenTrial, TrialState } from "../../src/tune/frozen-trial.js";
import { TRIAL_STATES } from "../../src/tune/frozen-trial.js";
import { StateLists } from "../../src/tune/state-lists.js";

const trial = (number: number, state: TrialState) => ({ number, state }) as FrozenTrial;
const statesArb = fc.subarray([...TRIAL_STATES], { minLength: 1 });

/** A step of a study's cache: a trial placed (a new one or a change), a full reload, or a read. */
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant("place" as const), at: fc.nat(), state: fc.constantFrom(...TRIAL_STATES) }),
  fc.record({ kind: fc.constant("reload" as const), n: fc.nat(12) }),
  fc.record({ kind: fc.constant("get" as const), states: statesArb }),
);

describe("StateLists", () => {
  it("reads what filtering the cache reads, and never changes a list it handed out", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 400 }), (steps) => {
        let cache: FrozenTrial[] = [];
        const lists = new StateLists();
        const handedOut: { list: readonly FrozenTrial[]; copy: FrozenTrial[] }[] = [];
        for (const s of steps) {
          if (s.kind === "place") {
            const number = s.at % (cache.length + 1); // a change or the next new trial: no holes
            cache[number] = trial(number, s.state);
            lists.changed(number);
          } else if (s.kind === "reload") {
            cache = Array.from({ length: s.n }, (_, i) => trial(i, TRIAL_STATES[i % 5]));
            lists.reset();
          } else {
            const list = lists.get(cache, s.states);
            expect(list).toEqual(cache.filter((t) => s.states.includes(t.state)));
            handedOut.push({ list, copy: [...list] });
          }
        }
        for (const h of handedOut) expect(h.list).toEqual(h.copy);
      }),
      { numRuns: 300 },
    );
  });

  it("patches a list across more changes than it logs (the log is dropped, lists rebuilt)", () => {
    const cache: FrozenTrial[] = [];
    const lists = new StateLists();
    for (let i = 0; i < 1000; i++) {
      cache[i] = trial(i, "RUNNING");
      lists.changed(i);
      expect(lists.get(cache, ["RUNNING"]).map((t) => t.number)).toEqual([i]);
      cache[i] = trial(i, i % 3 ? "COMPLETE" : "PRUNED");
      lists.changed(i);
    }
    expect(lists.get(cache, ["COMPLETE"])).toHaveLength(666);
    expect(lists.get(cache, ["PRUNED", "COMPLETE"])).toHaveLength(1000);
  });
});
