import { type ReactNode, useMemo } from "react";
import { setQuery } from "../router/hash-router";
import { Empty, ErrorState, Loading } from "./states";

/** One column of a {@link SearchableList}. */
export interface ListColumn<T> {
  header: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
  cell: (item: T) => ReactNode;
}

/** What a list page shows: a titled table of items, searched by name through `?q=`. */
export interface SearchableListProps<T> {
  /** Title, table label and the noun of the loading state ("Experiments" -> "experiments"). */
  title: string;
  /** One item, for "No experiment matches ...". */
  item: string;
  /** The search text (`q` of the page's query). */
  q: string;
  query: { data?: readonly T[]; error: unknown; isPending: boolean; refetch: () => unknown };
  /** Whether the item matches the lower-cased, trimmed search text (never called with ""); keep it stable (module level). */
  matches: (item: T, needle: string) => boolean;
  /** What an empty list says when nothing is searched. */
  emptyText: string;
  rowKey: (item: T) => string | number;
  columns: readonly ListColumn<T>[];
}

/**
 * The shape the experiments and studies lists share: a search box bound to the URL, loading,
 * error and empty states, and a table of the matching items.
 */
export function SearchableList<T>({
  title,
  item: itemNoun,
  q,
  query,
  matches,
  emptyText,
  rowKey,
  columns,
}: SearchableListProps<T>) {
  const noun = title.toLowerCase();
  const { data, error, isPending, refetch } = query;
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter((item) => !needle || matches(item, needle));
  }, [data, q, matches]);
  const titleId = `${noun}-title`;
  return (
    <section aria-labelledby={titleId}>
      <h1 id={titleId}>{title}</h1>
      <div className="toolbar">
        <input
          type="search"
          aria-label={`Search ${noun} by name`}
          placeholder={`Search ${noun} by name`}
          value={q}
          onChange={(e) => setQuery({ q: e.target.value })}
        />
      </div>
      {isPending ? (
        <Loading what={noun} />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : shown.length === 0 ? (
        <Empty>{q ? `No ${itemNoun} matches "${q}".` : emptyText}</Empty>
      ) : (
        <table className="grid" aria-label={title}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={rowKey(item)}>
                {columns.map((c) => (
                  <td key={c.header} className={c.numeric ? "num" : undefined}>
                    {c.cell(item)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
