import type { Distribution, ParamValue } from "../distributions.js";
import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial, TrialState } from "../frozen-trial.js";
import { warnOnce } from "../logging.js";
import type { StudyView } from "../study-view.js";
import type { SamplerOptions } from "./sampler.js";
import { SamplerBase } from "./sampler-base.js";

/** Options of {@link BruteForceSampler}. */
export interface BruteForceSamplerOptions extends SamplerOptions {}

/** A node of the tree of parameter paths the study has taken (conditional spaces branch). */
interface PathNode {
  name: string | null;
  values: readonly ParamValue[] | null;
  children: Map<string, PathNode>;
  /** A finished trial ended here. */
  leaf: boolean;
}

const newNode = (): PathNode => ({ name: null, values: null, children: new Map(), leaf: false });
const keyOf = (v: ParamValue) => JSON.stringify(v);

/** Every value of a discrete distribution; throws for continuous floats. */
function valuesOf(name: string, d: Distribution): readonly ParamValue[] {
  if (d.kind === "categorical") return d.choices;
  if (d.step === null)
    throw new InvalidArgumentError(
      `BruteForceSampler: parameter "${name}" is a continuous float; give it a step to enumerate it`,
    );
  const n = Math.floor((d.high - d.low) / d.step + 1e-9) + 1;
  return Array.from({ length: n }, (_, k) => d.toExternal(d.low + k * d.step!));
}

/**
 * Tries every combination of parameter values once, in random order, then stops the study.
 * Works with conditional spaces: the combinations form a tree of the parameters each trial
 * suggested, and a branch is done when every value of every parameter under it has been tried.
 * Ints and stepped floats are enumerated on their grid; a continuous float is an error.
 * COMPLETE and PRUNED trials, and trials running in other workers, count as tried.
 *
 * @example
 * const study = await createStudy({ sampler: new BruteForceSampler({ seed: 0 }) });
 * await study.optimize((t) => t.suggestInt("a", 0, 2) + t.suggestInt("b", 0, 1)); // 6 trials, then stops
 */
export class BruteForceSampler extends SamplerBase {
  constructor(options: BruteForceSamplerOptions = {}) {
    super(options);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    const values = valuesOf(name, distribution);
    const root = this.buildTree(study, trial.trialId, false);
    let node: PathNode | undefined = root;
    for (const [n, v] of Object.entries(trial.params)) {
      if (n === name) break;
      node = node?.name === n ? node.children.get(keyOf(v)) : undefined;
    }
    const open = values.filter((v) => {
      const child = node?.name === name ? node.children.get(keyOf(v)) : undefined;
      return child === undefined || !exhausted(child);
    });
    if (open.length === 0) {
      warnOnce(
        "BRUTE_FORCE_EXHAUSTED",
        `every value of "${name}" on this branch has been tried; repeating one`,
      );
      return values[this.rng.int(values.length)];
    }
    return open[this.rng.int(open.length)];
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    _values: readonly number[] | null,
  ): void {
    if (state === "FAIL") return;
    const root = this.buildTree(study, trial.trialId, true, trial);
    if (exhausted(root)) study.stop();
  }

  private buildTree(
    study: StudyView,
    currentId: number,
    includeCurrent: boolean,
    current?: FrozenTrial,
  ): PathNode {
    const root = newNode();
    for (const t of study.getTrials()) {
      const isCurrent = t.trialId === currentId;
      const counts =
        (isCurrent && includeCurrent) ||
        (!isCurrent && (t.state === "COMPLETE" || t.state === "PRUNED" || t.state === "RUNNING"));
      if (!counts) continue;
      const trial = isCurrent && current ? current : t;
      let node = root;
      for (const [name, v] of Object.entries(trial.params)) {
        const d = trial.distributions[name];
        if (node.name === null) {
          node.name = name;
          node.values = valuesOf(name, d);
        } else if (node.name !== name) break; // the objective's order changed; keep what we have
        const k = keyOf(v);
        let child = node.children.get(k);
        if (!child) {
          child = newNode();
          node.children.set(k, child);
        }
        node = child;
      }
      node.leaf = true;
    }
    return root;
  }
}

function exhausted(node: PathNode): boolean {
  if (node.name === null) return node.leaf;
  if (node.values === null || node.children.size < node.values.length) return false;
  for (const v of node.values) {
    const child = node.children.get(keyOf(v));
    if (!child || !exhausted(child)) return false;
  }
  return true;
}
