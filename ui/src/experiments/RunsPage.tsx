import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { getExperiment } from "../api/mlflow";
import { mark, PERF } from "../app/perf";
import { Empty, ErrorState, Loading } from "../components/states";
import { navigate, setQuery } from "../router/hash-router";
import { Link } from "../router/link";
import { ColumnChooser } from "./ColumnChooser";
import { FilterBar } from "./FilterBar";
import { RunsTable } from "./RunsTable";
import { defaultColumns } from "./run-columns";
import { discoverKeys } from "./run-row";
import { formatSort, parseCols, parseSort } from "./sort-spec";
import { useRunsSearch } from "./use-runs-search";
import { useSelection } from "./use-selection";

/** An experiment's runs: filter, sort, columns (all in the URL), selection, compare. */
export function RunsPage({ experimentId, query }: { experimentId: string; query: URLSearchParams }) {
  const filter = query.get("filter") ?? "";
  const sortParam = query.get("sort");
  const colsParam = query.get("cols");
  const sort = useMemo(() => parseSort(sortParam), [sortParam]);
  const experiment = useQuery({
    queryKey: ["experiment", experimentId],
    queryFn: ({ signal }) => getExperiment(experimentId, signal),
  });
  const runs = useRunsSearch(experimentId, filter);
  const keys = useMemo(() => discoverKeys(runs.rows), [runs.rows]);
  const cols = useMemo(() => parseCols(colsParam) ?? defaultColumns(keys), [colsParam, keys]);
  const [selected, select, clearSelection] = useSelection();

  if (experiment.error)
    return <ErrorState error={experiment.error} retry={() => void experiment.refetch()} />;
  const count = runs.rows.length;
  return (
    <section
      aria-labelledby="runs-title"
      style={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}
    >
      <nav aria-label="Breadcrumb" className="muted">
        <Link to="/experiments">Experiments</Link> /
      </nav>
      <h1 id="runs-title">{experiment.data?.name ?? `Experiment ${experimentId}`}</h1>
      <div className="toolbar">
        <FilterBar value={filter} onApply={(f) => setQuery({ filter: f || undefined })} />
        <ColumnChooser keys={keys} chosen={cols} onChange={(c) => setQuery({ cols: c.join(",") })} />
        <button
          type="button"
          className="primary"
          disabled={selected.size < 2}
          onClick={() => navigate("/compare", { runs: [...selected].join(","), experiment: experimentId })}
        >
          Compare {selected.size > 0 ? `(${selected.size})` : ""}
        </button>
        {selected.size > 0 && (
          <button type="button" onClick={clearSelection}>
            Clear selection
          </button>
        )}
      </div>
      <p className="muted" aria-live="polite" data-testid="runs-count">
        {runs.isPending
          ? ""
          : `${count} run${count === 1 ? "" : "s"}${runs.hasNextPage ? " loaded, loading more…" : ""}${
              selected.size ? `, ${selected.size} selected` : ""
            }`}
        {runs.hasNextPage && !runs.isFetchingNextPage && count >= 50_000 && (
          <button type="button" onClick={() => void runs.fetchNextPage()}>
            Load more
          </button>
        )}
      </p>
      {runs.isPending ? (
        <Loading what="runs" />
      ) : runs.error && count === 0 ? (
        <ErrorState error={runs.error} retry={() => void runs.refetch()} />
      ) : count === 0 ? (
        <Empty>{filter ? `No run matches ${filter}.` : "No runs in this experiment yet."}</Empty>
      ) : (
        <RunsTable
          rows={runs.rows}
          columns={cols}
          sort={sort}
          onSort={(s) => {
            mark(PERF.sortStart);
            setQuery({ sort: formatSort(s) });
          }}
          selected={selected}
          onSelect={select}
        />
      )}
    </section>
  );
}
