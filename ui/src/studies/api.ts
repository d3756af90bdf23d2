import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type {
  ImportanceEvaluatorName,
  ImportancesJson,
  StudyDetailJson,
  StudySummaryJson,
  StudyVersionJson,
  TrialPageJson,
} from "../../../src/server/tunelab/study-wire";
import { fetchJson, jsonOf } from "../api/client";
import { POLL_MS } from "../app/query-client";
import { takeEarly } from "./early";

/** Base of tunelab's study API. */
export const STUDY_API = "api/tunelab";

/** Every study with its trial count and best value (polled: new studies appear). */
export function useStudies() {
  return useQuery({
    queryKey: ["studies"],
    queryFn: ({ signal }) =>
      fetchJson<{ studies: StudySummaryJson[] }>(`${STUDY_API}/studies`, { signal }).then((r) => r.studies),
    refetchInterval: POLL_MS,
  });
}

/**
 * The study's version, polled every {@link POLL_MS} while the tab is visible. Everything else on
 * the study page is keyed by it, so a change refetches the trials once and nothing is fetched
 * while the study is idle.
 */
export function useStudyVersion(studyId: string) {
  return useQuery({
    queryKey: ["study-version", studyId],
    queryFn: ({ signal }) => {
      const early = takeEarly(studyId, "version");
      return early
        ? jsonOf<StudyVersionJson>(early)
        : fetchJson<StudyVersionJson>(`${STUDY_API}/studies/${studyId}/version`, { signal });
    },
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

/** The study's search space, counts and metric names, for a version. */
export function useStudyDetail(studyId: string, version: string | undefined) {
  return useQuery({
    queryKey: ["study-detail", studyId, version],
    queryFn: ({ signal }) =>
      fetchJson<StudyDetailJson>(`${STUDY_API}/studies/${studyId}/summary`, { signal }),
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * All trials of the study with their intermediate values, for a version. The previous version's
 * trials stay on screen while the next loads (`keepPreviousData`), so charts and the table do
 * not flash, and the table keeps its scroll, sort and selection.
 */
export function useStudyTrials(studyId: string, version: string | undefined) {
  return useQuery({
    queryKey: ["study-trials", studyId, version],
    queryFn: ({ signal }) => {
      const early = takeEarly(studyId, "trials");
      return early
        ? jsonOf<TrialPageJson>(early)
        : fetchJson<TrialPageJson>(`${STUDY_API}/studies/${studyId}/trials`, { signal });
    },
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Parameter importances computed (and cached) by the server, for one objective. */
export function useImportances(
  studyId: string,
  version: string | undefined,
  evaluator: ImportanceEvaluatorName,
  objective: number,
) {
  return useQuery({
    queryKey: ["study-importances", studyId, version, evaluator, objective],
    queryFn: ({ signal }) =>
      fetchJson<ImportancesJson>(`${STUDY_API}/studies/${studyId}/importances`, {
        query: { evaluator, objective },
        signal,
      }),
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
