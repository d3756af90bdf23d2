import type { StudyTrial } from "../../../../ui/src/studies/data/trials.js";

/** A StudyTrial with defaults (COMPLETE, no params, started at 1000·number ms). */
export function trial(number: number, init: Partial<StudyTrial> = {}): StudyTrial {
  return {
    number,
    state: "COMPLETE",
    values: null,
    params: {},
    start: 1000 * number,
    complete: 1000 * number + 500,
    intermediate: [],
    ...init,
  };
}
