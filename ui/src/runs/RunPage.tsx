import { Empty } from "../components/states";

export function RunPage({ runId }: { runId: string; query: URLSearchParams }) {
  return <Empty>Run {runId}</Empty>;
}
