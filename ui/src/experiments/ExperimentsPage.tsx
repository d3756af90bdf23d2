import { useMemo } from "react";
import { Empty, ErrorState, Loading } from "../components/states";
import { setQuery } from "../router/hash-router";
import { Link } from "../router/link";
import { formatTime } from "../runs/format";
import { useExperiments } from "./use-experiments";

/** The experiments list with a name search (`#/experiments?q=`). */
export function ExperimentsPage({ query }: { query: URLSearchParams }) {
  const q = query.get("q") ?? "";
  const { data, error, isPending, refetch } = useExperiments();
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter(
      (e) => !needle || e.name.toLowerCase().includes(needle) || e.experiment_id === needle,
    );
  }, [data, q]);
  return (
    <section aria-labelledby="experiments-title">
      <h1 id="experiments-title">Experiments</h1>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search experiments by name"
          placeholder="Search experiments by name"
          value={q}
          onChange={(e) => setQuery({ q: e.target.value })}
        />
      </div>
      {isPending ? (
        <Loading what="experiments" />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : shown.length === 0 ? (
        <Empty>{q ? `No experiment matches "${q}".` : "No experiments yet. Log a run to create one."}</Empty>
      ) : (
        <table className="grid" aria-label="Experiments">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ID</th>
              <th scope="col">Created</th>
              <th scope="col">Last update</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.experiment_id}>
                <td>
                  <Link to={`/experiments/${encodeURIComponent(e.experiment_id)}`}>{e.name}</Link>
                </td>
                <td>{e.experiment_id}</td>
                <td>{formatTime(e.creation_time)}</td>
                <td>{formatTime(e.last_update_time)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
