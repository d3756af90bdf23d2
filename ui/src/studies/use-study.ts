import { useMemo } from "react";
import type { StudyDetailJson } from "../../../src/server/tunelab/study-wire";
import { useStudyDetail, useStudyTrials, useStudyVersion } from "./api";
import { type ParamAxis, paramAxis } from "./data/param-axis";
import { type Direction, parseTrials, type StudyTrial } from "./data/trials";

/** What every chart of a study page reads, derived once per study version. */
export interface StudyModel {
  readonly detail: StudyDetailJson;
  readonly trials: readonly StudyTrial[];
  /** One axis per parameter, by name. */
  readonly axes: readonly ParamAxis[];
  readonly directions: readonly Direction[];
  /** Objective names: the study's metric names, else "Objective value" / "Objective 0", .... */
  readonly objectiveNames: readonly string[];
  /** True while some trial is RUNNING or WAITING. */
  readonly live: boolean;
}

/**
 * Polls the study's version and (re)loads its summary and trials when it changes. While a new
 * version loads, the previous model stays (no flashing; the table keeps its state).
 */
export function useStudy(studyId: string) {
  const version = useStudyVersion(studyId);
  const v = version.data?.version;
  const detail = useStudyDetail(studyId, v);
  const trials = useStudyTrials(studyId, v);
  const model = useMemo<StudyModel | undefined>(() => {
    if (!detail.data || !trials.data) return undefined;
    const parsed = parseTrials(trials.data.trials);
    const names = Object.keys(detail.data.search_space).sort();
    const axes = names.map((n) =>
      paramAxis(
        n,
        detail.data.search_space[n],
        parsed.filter((t) => n in t.params).map((t) => t.params[n]),
      ),
    );
    const dirs = detail.data.directions;
    const objectiveNames =
      detail.data.metric_names?.length === dirs.length
        ? detail.data.metric_names
        : dirs.length === 1
          ? ["Objective value"]
          : dirs.map((_, i) => `Objective ${i}`);
    const counts = detail.data.n_trials_by_state;
    return {
      detail: detail.data,
      trials: parsed,
      axes,
      directions: dirs,
      objectiveNames,
      live: (counts.RUNNING ?? 0) + (counts.WAITING ?? 0) > 0,
    };
  }, [detail.data, trials.data]);
  const error = version.error ?? detail.error ?? trials.error;
  return {
    model,
    version: v,
    error,
    isPending: !model && !error,
    refetch: () => void version.refetch(),
  };
}
