import type { Experiment } from "../api/types";
import { type ListColumn, SearchableList } from "../components/SearchableList";
import { Link } from "../router/link";
import { formatTime } from "../runs/format";
import { useExperiments } from "./use-experiments";

const matches = (e: Experiment, needle: string) =>
  e.name.toLowerCase().includes(needle) || e.experiment_id === needle;

const COLUMNS: ListColumn<Experiment>[] = [
  {
    header: "Name",
    cell: (e) => <Link to={`/experiments/${encodeURIComponent(e.experiment_id)}`}>{e.name}</Link>,
  },
  { header: "ID", cell: (e) => e.experiment_id },
  { header: "Created", cell: (e) => formatTime(e.creation_time) },
  { header: "Last update", cell: (e) => formatTime(e.last_update_time) },
];

/** The experiments list with a name search (`#/experiments?q=`). */
export function ExperimentsPage({ query }: { query: URLSearchParams }) {
  return (
    <SearchableList
      title="Experiments"
      item="experiment"
      q={query.get("q") ?? ""}
      query={useExperiments()}
      matches={matches}
      emptyText="No experiments yet. Log a run to create one."
      rowKey={(e) => e.experiment_id}
      columns={COLUMNS}
    />
  );
}
