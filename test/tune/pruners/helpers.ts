import { createStudy, type Pruner } from "../../../src/tune/index.js";

/**
 * Runs trials with given learning curves (one array of values per trial, reported at steps
 * firstStep, firstStep + 1, ... — default 0) and records, for each trial, the step at which the pruner stopped it (null if it ran to the end).
 */
export async function runCurves(
  pruner: Pruner,
  curves: number[][],
  options: { direction?: "minimize" | "maximize"; studyName?: string; firstStep?: number } = {},
): Promise<(number | null)[]> {
  const study = await createStudy({ pruner, direction: options.direction, studyName: options.studyName });
  const prunedAt: (number | null)[] = [];
  for (const curve of curves) {
    const trial = await study.ask();
    let stopped: number | null = null;
    const first = options.firstStep ?? 0;
    for (let i = 0; i < curve.length; i++) {
      trial.report(curve[i], first + i);
      if (trial.shouldPrune()) {
        stopped = first + i;
        break;
      }
    }
    prunedAt.push(stopped);
    await study.tell(
      trial,
      stopped === null ? curve[curve.length - 1] : null,
      stopped === null ? {} : { state: "PRUNED" },
    );
  }
  return prunedAt;
}

/** A constant curve of `n` steps at `value`. */
export const flat = (value: number, n = 5) => Array(n).fill(value) as number[];
