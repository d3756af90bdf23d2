import {
  type Distribution,
  distributionToJson,
  FrozenTrial,
  jsonToDistribution,
  type ParamValue,
} from "../../tune/index.js";
import type { ImportanceTask } from "./importance-compute.js";

/**
 * An {@link ImportanceTask} as plain data for `postMessage` (structured cloning drops the
 * classes of trials and distributions). Distributions go once each, as their JSON.
 */
export interface ImportanceTaskMessage {
  readonly id: number;
  readonly evaluator: ImportanceTask["evaluator"];
  readonly directions: ImportanceTask["directions"];
  readonly objective: number;
  readonly distributions: string[];
  /** Per trial: values, params, and each param's index in `distributions`. */
  readonly trials: {
    values: readonly number[];
    params: Record<string, ParamValue>;
    dist: Record<string, number>;
  }[];
}

/** The task as a message. */
export function taskToMessage(id: number, task: ImportanceTask): ImportanceTaskMessage {
  const index = new Map<Distribution, number>();
  const byJson = new Map<string, number>();
  const distributions: string[] = [];
  const indexOf = (d: Distribution): number => {
    let i = index.get(d);
    if (i === undefined) {
      const json = distributionToJson(d);
      i = byJson.get(json);
      if (i === undefined) {
        i = distributions.push(json) - 1;
        byJson.set(json, i);
      }
      index.set(d, i);
    }
    return i;
  };
  const trials = task.trials.map((t) => {
    const dist: Record<string, number> = {};
    for (const [name, d] of Object.entries(t.distributions)) dist[name] = indexOf(d);
    return { values: t.values as number[], params: t.params, dist };
  });
  const { evaluator, directions, objective } = task;
  return { id, evaluator, directions, objective, distributions, trials };
}

/** The task back from a message (trials rebuilt with what importances read). */
export function messageToTask(msg: ImportanceTaskMessage): ImportanceTask {
  const dists = msg.distributions.map(jsonToDistribution);
  const trials = msg.trials.map(
    (t, i) =>
      new FrozenTrial({
        trialId: i,
        number: i,
        state: "COMPLETE",
        values: t.values,
        datetimeStart: null,
        datetimeComplete: null,
        params: t.params,
        distributions: Object.fromEntries(Object.entries(t.dist).map(([name, k]) => [name, dists[k]])),
        userAttrs: {},
        systemAttrs: {},
        intermediateValues: new Map(),
      }),
  );
  return { evaluator: msg.evaluator, directions: msg.directions, objective: msg.objective, trials };
}
