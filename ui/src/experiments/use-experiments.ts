import { useQuery } from "@tanstack/react-query";
import { searchExperiments } from "../api/mlflow";
import type { Experiment } from "../api/types";
import { POLL_MS } from "../app/query-client";

/** Every active experiment (all pages), polled for new ones. */
export function useExperiments() {
  return useQuery({
    queryKey: ["experiments"],
    queryFn: async ({ signal }) => {
      const all: Experiment[] = [];
      let pageToken: string | undefined;
      do {
        const r = await searchExperiments({ pageToken }, signal);
        all.push(...(r.experiments ?? []));
        pageToken = r.next_page_token;
      } while (pageToken);
      return all;
    },
    refetchInterval: POLL_MS,
  });
}
