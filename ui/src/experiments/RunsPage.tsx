import { Empty } from "../components/states";

export function RunsPage({ experimentId }: { experimentId: string; query: URLSearchParams }) {
  return <Empty>Runs of experiment {experimentId}</Empty>;
}
