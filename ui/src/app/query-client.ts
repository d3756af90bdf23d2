import { QueryClient } from "@tanstack/react-query";

/** How often pages poll for live updates (ms). Polling pauses while the tab is hidden. */
export const POLL_MS = 5000;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 2000, retry: 1, refetchOnWindowFocus: false },
  },
});
