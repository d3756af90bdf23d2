import { useMemo } from "react";
import { Empty, ErrorState, Loading } from "../components/states";
import { setQuery } from "../router/hash-router";
import { Link } from "../router/link";
import { useStudies } from "./api";
import { formatDateTime, formatValue } from "./format";

/** The studies list with a name search (`#/studies?q=`); updates while studies run. */
export function StudiesPage({ query }: { query: URLSearchParams }) {
  const q = query.get("q") ?? "";
  const { data, error, isPending, refetch } = useStudies();
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter((s) => !needle || s.study_name.toLowerCase().includes(needle));
  }, [data, q]);
  return (
    <section aria-labelledby="studies-title">
      <h1 id="studies-title">Studies</h1>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search studies by name"
          placeholder="Search studies by name"
          value={q}
          onChange={(e) => setQuery({ q: e.target.value })}
        />
      </div>
      {isPending ? (
        <Loading what="studies" />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : shown.length === 0 ? (
        <Empty>
          {q
            ? `No study matches "${q}".`
            : "No studies. Start the server with --study-storage <uri> (tunelab ui finds the studies kept in its tracking database)."}
        </Empty>
      ) : (
        <table className="grid" aria-label="Studies">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Directions</th>
              <th scope="col">Trials</th>
              <th scope="col">Best value</th>
              <th scope="col">Best trial</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.study_id}>
                <td>
                  <Link to={`/studies/${s.study_id}`}>{s.study_name}</Link>
                </td>
                <td>{s.directions.join(", ")}</td>
                <td className="num">{s.n_trials}</td>
                <td className="num">{s.best_values?.map(formatValue).join(", ") ?? ""}</td>
                <td className="num">{s.best_trial_number ?? ""}</td>
                <td>{s.datetime_start ? formatDateTime(Date.parse(s.datetime_start)) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
