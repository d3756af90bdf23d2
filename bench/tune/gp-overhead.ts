/**
 * GPSampler overhead per trial with an instant objective (Hartmann6, and the mixed space with a
 * log float, an int and a categorical), up to 300 trials: wall and CPU milliseconds per trial in
 * windows of 50 trials (median over repeats). The machine is shared, so the CPU time of this
 * process is the number to compare; wall time is printed with the load average.
 *
 *   npm run bench:tune-gp-overhead -- [nTrials=300] [repeats=3]
 */
import { loadavg } from "node:os";
import { createStudy, GPSampler, setVerbosity } from "../../src/tune/index.js";
import { OBJECTIVES } from "./objectives.js";

setVerbosity("error");
const nTrials = Number(process.argv[2] ?? 300);
const repeats = Number(process.argv[3] ?? 3);
const window = 50;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

console.log(
  `GPSampler overhead, ${nTrials} trials, ${repeats} repeats, load average ${loadavg()[0].toFixed(1)}`,
);
for (const name of ["hartmann6", "mixed4"]) {
  const objective = OBJECTIVES.find((o) => o.name === name)!.objective;
  const wall: number[][] = [];
  const cpu: number[][] = [];
  for (let r = 0; r < repeats; r++) {
    const study = await createStudy({ sampler: new GPSampler({ seed: r }) });
    for (let w = 0; w * window < nTrials; w++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const n = Math.min(window, nTrials - w * window);
      await study.optimize(objective, { nTrials: n });
      const c = process.cpuUsage(c0);
      if (!wall[w]) {
        wall[w] = [];
        cpu[w] = [];
      }
      wall[w].push((performance.now() - t0) / n);
      cpu[w].push((c.user + c.system) / 1000 / n);
    }
  }
  console.log(`\n${name}: trials | wall ms/trial | cpu ms/trial`);
  for (let w = 0; w < wall.length; w++)
    console.log(
      `  ${w * window + 1}-${Math.min(nTrials, (w + 1) * window)} | ${median(wall[w]).toFixed(1)} | ${median(cpu[w]).toFixed(1)}`,
    );
}
console.log(`\nload average at the end ${loadavg()[0].toFixed(1)}`);
