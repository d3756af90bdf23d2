import type { TrainTree } from "./booster.js";
import type { TrainFeature } from "./features.js";
import type { Loss } from "./losses/loss.js";
import {
  type EvalsResult,
  MODEL_FORMAT,
  MODEL_VERSION,
  Model,
  type ModelCtr,
  type ModelSplit,
} from "./model.js";
import type { GbdtParams } from "./params.js";
import type { Pool } from "./pool.js";

/**
 * Turns trees over training bins into a model over raw values: border indices become float
 * borders, one-hot bins categories, target-statistic bins thresholds on the statistic.
 */
export function toModel(
  pool: Pool,
  features: readonly TrainFeature[],
  trees: readonly TrainTree[],
  bias: Float64Array,
  params: GbdtParams,
  loss: Loss,
  bestIteration: number | null,
  evalsResult: EvalsResult,
): Model {
  const ctrs: ModelCtr[] = [];
  const ctrIndex = new Map<number, number>();
  const split = (fi: number, s: number): ModelSplit => {
    const f = features[fi];
    if (f.kind === "onehot") return { kind: "onehot", feature: f.source, value: f.categories![s] };
    const q = f.quant!;
    if (f.kind === "ctr") {
      let ci = ctrIndex.get(fi);
      if (ci === undefined) {
        ci = ctrs.length;
        ctrIndex.set(fi, ci);
        const c = f.ctr!;
        ctrs.push({
          feature: f.source,
          type: c.spec.type,
          prior: c.spec.prior,
          targetClass: c.spec.targetClass,
          table: [...c.table.entries()],
          unseen: c.unseen,
        });
      }
      return { kind: "ctr", ctr: ci, border: q.borders[s] };
    }
    let border: number;
    if (q.hasNan && params.nanMode === "Min") border = s === 0 ? -Number.MAX_VALUE : q.borders[s - 1];
    else if (q.hasNan && params.nanMode === "Max" && s === q.borders.length) border = Number.MAX_VALUE;
    else border = q.borders[s];
    return { kind: "float", feature: f.source, border };
  };
  return new Model({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    lossFunction: loss.name,
    dimension: loss.dimension,
    nanMode: params.nanMode,
    params,
    features: pool.features.map((f) => ({ name: f.name, kind: f.kind })),
    ctrs,
    bias: [...bias],
    trees: trees.map((t) => ({
      splits: Array.from(t.features, (fi, d) => split(fi, t.splits[d])),
      leafValues: [...t.leafValues],
      leafWeights: [...t.leafWeights],
    })),
    bestIteration,
    evalsResult,
  });
}
