import { useState } from "react";
import type { Run } from "../api/types";
import { paramOf, runLabel } from "./compare-options";

/** Params of the runs side by side; rows whose values differ are marked (or shown alone). */
export function ParamsDiffTable({ runs, params }: { runs: readonly Run[]; params: readonly string[] }) {
  const [onlyDiff, setOnlyDiff] = useState(false);
  const rows = params.map((k) => {
    const values = runs.map((r) => paramOf(r, k));
    return { k, values, differs: new Set(values).size > 1 };
  });
  const shown = onlyDiff ? rows.filter((r) => r.differs) : rows;
  return (
    <div className="card">
      <h2>Params</h2>
      <label>
        <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> Only
        params that differ ({rows.filter((r) => r.differs).length})
      </label>
      <div style={{ overflow: "auto" }}>
        <table className="grid" aria-label="Params diff">
          <thead>
            <tr>
              <th scope="col">Param</th>
              {runs.map((r) => (
                <th key={r.info.run_id} scope="col">
                  {runLabel(r)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={row.k}
                data-differs={row.differs}
                style={row.differs ? { fontWeight: 600 } : undefined}
              >
                <th scope="row" style={{ position: "static" }}>
                  {row.differs ? "≠ " : ""}
                  {row.k}
                </th>
                {row.values.map((v, i) => (
                  <td key={runs[i]!.info.run_id}>{v ?? <span className="muted">—</span>}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
