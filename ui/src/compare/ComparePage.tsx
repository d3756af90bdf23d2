import { Empty } from "../components/states";

export function ComparePage(_: { query: URLSearchParams }) {
  return <Empty>Compare</Empty>;
}
