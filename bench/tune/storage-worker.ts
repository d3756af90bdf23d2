/**
 * One worker process of `npm run bench:tune-storage` (the tunelab side of the PostgreSQL case):
 * loads the study, prints READY, waits for a line on stdin, runs its trials, prints {start, end}.
 * argv: storage URI, study name, tpe|random, trials, seed.
 */
import { createInterface } from "node:readline";
import { loadStudy, RandomSampler, TPESampler } from "../../src/tune/index.js";

const [uri, studyName, sampler, n, seed] = process.argv.slice(2);
const study = await loadStudy({
  studyName,
  storage: uri,
  sampler:
    sampler === "tpe" ? new TPESampler({ seed: Number(seed) }) : new RandomSampler({ seed: Number(seed) }),
});
process.stdout.write("READY\n");
await new Promise<void>((go) => createInterface({ input: process.stdin }).once("line", () => go()));
const start = Date.now() / 1000;
await study.optimize(
  (t) => {
    let s = 0;
    for (let i = 0; i < 5; i++) s += t.suggestFloat(`x${i}`, -10, 10) ** 2;
    return s;
  },
  { nTrials: Number(n) },
);
process.stdout.write(`${JSON.stringify({ start, end: Date.now() / 1000 })}\n`);
await study.close();
process.exit(0);
