import { RandomSampler, TPESampler } from "../../../src/tune/index.js";
import { samplerSuite } from "../../contracts/sampler.contract.js";

samplerSuite("RandomSampler", (seed) => new RandomSampler({ seed }));
samplerSuite("TPESampler (multivariate, default)", (seed) => new TPESampler({ seed, nStartupTrials: 5 }));
samplerSuite(
  "TPESampler (independent)",
  (seed) => new TPESampler({ seed, multivariate: false, nStartupTrials: 5 }),
);
samplerSuite("TPESampler (group)", (seed) => new TPESampler({ seed, group: true, nStartupTrials: 5 }));
// GridSampler is excluded: it only samples the values of its grid, so arbitrary spaces do not apply (see grid.test.ts).
