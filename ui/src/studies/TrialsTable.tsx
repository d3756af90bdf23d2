import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { useMemo } from "react";
import { PadRow, useVirtualRows } from "../components/virtual-rows";
import { choiceLabel, type ParamAxis } from "./data/param-axis";
import type { StudyTrial } from "./data/trials";
import { formatDateTime, formatDuration, formatValue, STATE_COLORS } from "./format";

const ROW_HEIGHT = 28;

/** `sort=col:asc|desc` in the URL ⇄ TanStack's sorting state. */
export function parseSort(s: string | null): SortingState {
  if (!s) return [{ id: "number", desc: false }];
  const [id, dir] = s.split(":");
  return id ? [{ id, desc: dir === "desc" }] : [];
}

/** The trials table's sorting as the URL keeps it. */
export function formatSort(sorting: SortingState): string | undefined {
  const s = sorting[0];
  return s ? `${s.id}:${s.desc ? "desc" : "asc"}` : undefined;
}

/**
 * Every trial: number, state, objective values, parameters, duration and start, sortable by any
 * column (header buttons; `aria-sort`), with virtualised rows so thousands scroll smoothly. Rows
 * are keyed by trial number, so a live update keeps the scroll position, the sort and the
 * selected trial.
 */
export function TrialsTable({
  trials,
  axes,
  objectiveNames,
  sorting,
  onSortingChange,
  selected,
  onSelect,
}: {
  trials: readonly StudyTrial[];
  axes: readonly ParamAxis[];
  objectiveNames: readonly string[];
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  selected: number | undefined;
  onSelect: (n: number) => void;
}) {
  const columns = useMemo<ColumnDef<StudyTrial>[]>(
    () => [
      { id: "number", header: "Trial", accessorFn: (t) => t.number, meta: { numeric: true } },
      { id: "state", header: "State", accessorFn: (t) => t.state },
      ...objectiveNames.map<ColumnDef<StudyTrial>>((name, k) => ({
        id: `value${k}`,
        header: name,
        accessorFn: (t) => t.values?.[k] ?? Number.NaN,
        cell: (c) => formatValue(c.getValue<number>() ?? null),
        sortUndefined: "last",
        sortingFn: numberLast,
        meta: { numeric: true },
      })),
      ...axes.map<ColumnDef<StudyTrial>>((a) => ({
        id: `param:${a.name}`,
        header: a.name,
        accessorFn: (t) => (a.name in t.params ? t.params[a.name] : undefined),
        cell: (c) => {
          const v = c.getValue<string | number | boolean | null | undefined>();
          return v === undefined ? "" : typeof v === "number" ? formatValue(v) : choiceLabel(v);
        },
        sortUndefined: "last",
        meta: { numeric: a.scale !== "category" },
      })),
      {
        id: "duration",
        header: "Duration",
        accessorFn: (t) => (t.start !== null && t.complete !== null ? t.complete - t.start : Number.NaN),
        cell: (c) => formatDuration(c.getValue<number>()),
        sortingFn: numberLast,
        meta: { numeric: true },
      },
      {
        id: "start",
        header: "Started",
        accessorFn: (t) => t.start ?? Number.NaN,
        cell: (c) => formatDateTime(c.getValue<number>()),
        sortingFn: numberLast,
      },
    ],
    [axes, objectiveNames],
  );
  const table = useReactTable({
    data: trials as StudyTrial[],
    columns,
    state: { sorting },
    onSortingChange: (u) => onSortingChange(typeof u === "function" ? u(sorting) : u),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (t) => String(t.number),
  });
  const rows = table.getRowModel().rows;
  const { scrollRef, items, padTop, padBottom } = useVirtualRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
  });
  const nCols = columns.length;
  return (
    <div className="scroll study-trials" ref={scrollRef} data-rows={rows.length}>
      <table className="grid" aria-label="Trials" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const dir = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
                  >
                    <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : ""}
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          <PadRow height={padTop} columns={nCols} />
          {items.map((vi) => {
            const row = rows[vi.index];
            const t = row.original;
            return (
              <tr
                key={row.id}
                data-trial={t.number}
                aria-rowindex={vi.index + 2}
                aria-selected={selected === t.number}
                tabIndex={0}
                style={{ height: ROW_HEIGHT }}
                onClick={() => onSelect(t.number)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    onSelect(t.number);
                  }
                }}
              >
                {row.getVisibleCells().map((c) => (
                  <td
                    key={c.id}
                    className={c.column.columnDef.meta?.numeric ? "num" : undefined}
                    style={c.column.id === "state" ? { color: STATE_COLORS[t.state] } : undefined}
                  >
                    {flexRender(
                      c.column.columnDef.cell ?? ((x) => String(x.getValue() ?? "")),
                      c.getContext(),
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          <PadRow height={padBottom} columns={nCols} />
        </tbody>
      </table>
    </div>
  );
}

/** Numbers ascending with NaN (no value) always last. */
function numberLast(
  a: { getValue: (id: string) => unknown },
  b: { getValue: (id: string) => unknown },
  id: string,
) {
  const x = a.getValue(id) as number;
  const y = b.getValue(id) as number;
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
  if (Number.isNaN(y)) return -1;
  return x - y;
}
