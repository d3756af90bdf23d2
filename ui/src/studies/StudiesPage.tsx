import type { StudySummaryJson } from "../../../src/server/tunelab/study-wire";
import { type ListColumn, SearchableList } from "../components/SearchableList";
import { Link } from "../router/link";
import { useStudies } from "./api";
import { formatDateTime, formatValue } from "./format";

const matches = (s: StudySummaryJson, needle: string) => s.study_name.toLowerCase().includes(needle);

const COLUMNS: ListColumn<StudySummaryJson>[] = [
  { header: "Name", cell: (s) => <Link to={`/studies/${s.study_id}`}>{s.study_name}</Link> },
  { header: "Directions", cell: (s) => s.directions.join(", ") },
  { header: "Trials", numeric: true, cell: (s) => s.n_trials },
  { header: "Best value", numeric: true, cell: (s) => s.best_values?.map(formatValue).join(", ") ?? "" },
  { header: "Best trial", numeric: true, cell: (s) => s.best_trial_number ?? "" },
  { header: "Started", cell: (s) => (s.datetime_start ? formatDateTime(Date.parse(s.datetime_start)) : "") },
];

/** The studies list with a name search (`#/studies?q=`); updates while studies run. */
export function StudiesPage({ query }: { query: URLSearchParams }) {
  return (
    <SearchableList
      title="Studies"
      item="study"
      q={query.get("q") ?? ""}
      query={useStudies()}
      matches={matches}
      emptyText="No studies. Start the server with --study-storage <uri> (tunelab ui finds the studies kept in its tracking database)."
      rowKey={(s) => s.study_id}
      columns={COLUMNS}
    />
  );
}
