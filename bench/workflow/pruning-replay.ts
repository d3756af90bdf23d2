/**
 * Replays the learning curves of a no-pruning bench:workflow run through Hyperband settings, to see
 * what each would have saved and whether it would have kept the best trial, without training again.
 *
 *   npm run bench:workflow -- --skip-peers --variants no-pruning --curves-out curves.json
 *   npm run bench:workflow-replay -- curves.json [--min 10,30,100,300] [--max 1000] [--eta 3]
 *     [--study-name house_price_prediction]
 *
 * Each trial reports its mean test RMSE at every iteration (as gbdtPruningCallback does) to a real
 * HyperbandPruner in an in-memory study, in the recorded order; a pruned trial costs the iterations
 * it ran. The sampler does not see the pruned trials, so a real run with pruning then samples other
 * parameters: the replay says which rungs judge trials fairly, the real run gives the final numbers.
 * The study name matters: Hyperband picks a trial's bracket from a hash of "<study name>_<number>".
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createStudy, HyperbandPruner, setVerbosity } from "../../src/tune/index.js";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    min: { type: "string", default: "10,30,100,300" },
    max: { type: "string", default: "1000" },
    eta: { type: "string", default: "3" },
    "study-name": { type: "string", default: "house_price_prediction" },
  },
});
if (positionals.length !== 1) {
  console.error(
    "usage: npm run bench:workflow-replay -- <curves.json> [--min 10,30,100] [--max 1000] [--eta 3]",
  );
  process.exit(2);
}
setVerbosity("error");
const { trials } = JSON.parse(readFileSync(positionals[0], "utf8")) as {
  trials: { params: Record<string, unknown>; curve: number[] }[];
};
const curves = trials.map((t) => t.curve).filter((c) => c !== undefined && c.length > 0);
const full = curves.reduce((s, c) => s + c.length, 0);
const bestOf = (c: readonly number[]) => Math.min(...c);
const best = Math.min(...curves.map(bestOf));
console.log(
  `${curves.length} trials, ${full} iterations per fold (mean ${(full / curves.length).toFixed(0)} per trial), best ${best.toFixed(5)}`,
);
console.log(
  "| minResource | maxResource | η | brackets | pruned | iterations | fewer | best kept | vs best |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const max of args.max.split(",").map(Number))
  for (const eta of args.eta.split(",").map(Number))
    for (const min of args.min.split(",").map(Number)) {
      if (min > max) continue;
      const pruner = new HyperbandPruner({ minResource: min, maxResource: max, reductionFactor: eta });
      const study = await createStudy({ studyName: args["study-name"], pruner });
      let cost = 0;
      let pruned = 0;
      let kept = Number.POSITIVE_INFINITY;
      for (const curve of curves) {
        const trial = await study.ask();
        let stop = -1;
        for (let i = 0; i < curve.length && stop < 0; i++) {
          trial.report(curve[i], i);
          if (trial.shouldPrune()) stop = i;
        }
        if (stop >= 0) {
          cost += stop + 1;
          pruned++;
          await study.tell(trial, undefined, { state: "PRUNED" });
        } else {
          cost += curve.length;
          kept = Math.min(kept, bestOf(curve));
          await study.tell(trial, bestOf(curve));
        }
      }
      console.log(
        `| ${min} | ${max} | ${eta} | ${pruner.nBrackets} | ${pruned} | ${cost} | ${(full / cost).toFixed(2)}x | ${kept.toFixed(5)} | ${((100 * (kept - best)) / best).toFixed(2)}% |`,
      );
    }
