import { useState } from "react";
import { formatNumber } from "./format";

/** A two-column table (key, value) with a filter box when it is long. */
export function KeyValueTable({
  title,
  entries,
  numeric = false,
}: {
  title: string;
  entries: readonly (readonly [string, string | number])[];
  numeric?: boolean;
}) {
  const [q, setQ] = useState("");
  const shown = q ? entries.filter(([k]) => k.toLowerCase().includes(q.toLowerCase())) : entries;
  return (
    <div className="card">
      <h2>
        {title} <span className="muted">({entries.length})</span>
      </h2>
      {entries.length > 10 && (
        <input
          type="search"
          aria-label={`Filter ${title.toLowerCase()}`}
          placeholder="Filter"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      )}
      {entries.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="grid" aria-label={title}>
          <tbody>
            {shown.map(([k, v]) => (
              <tr key={k}>
                <th scope="row" style={{ position: "static" }}>
                  {k}
                </th>
                <td className={numeric ? "num" : undefined}>{numeric ? formatNumber(v) : String(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
