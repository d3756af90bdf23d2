import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { useEffect, useMemo } from "react";
import { afterPaint, PERF } from "../app/perf";
import { PadRow, useVirtualRows } from "../components/virtual-rows";
import { runColumns } from "./run-columns";
import type { RunRow } from "./run-row";
import type { SortSpec } from "./sort-spec";

// rows are measured once rendered; the estimate sizes the others
const ROW_HEIGHT = 31;

/**
 * The runs table: sorted in the browser (`sort` comes from the URL), rows virtualised so that
 * tens of thousands scroll smoothly, a checkbox per row for selection. Rows are keyed by run id,
 * so polling replaces data without moving the scroll position or the selection.
 */
export function RunsTable({
  rows,
  columns: chosen,
  sort,
  onSort,
  selected,
  onSelect,
}: {
  rows: readonly RunRow[];
  columns: readonly string[];
  sort: SortSpec;
  onSort: (s: SortSpec) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
}) {
  const columns = useMemo(() => runColumns(chosen), [chosen]);
  const sorting = useMemo<SortingState>(() => [{ id: sort.id, desc: sort.desc }], [sort.id, sort.desc]);
  const table = useReactTable({
    data: rows as RunRow[],
    columns,
    state: { sorting },
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    manualSorting: false,
    enableSortingRemoval: false,
  });
  const sorted = table.getRowModel().rows;
  useEffect(() => {
    if (rows.length) afterPaint(PERF.firstRows, true);
  }, [rows.length]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: marks each sort change once it is painted
  useEffect(() => afterPaint(PERF.sortPainted), [sort.id, sort.desc]);
  const { scrollRef, virtualizer, items, padTop, padBottom } = useVirtualRows({
    count: sorted.length,
    rowHeight: ROW_HEIGHT,
    overscan: 20,
  });
  const allSelected = sorted.length > 0 && sorted.every((r) => selected.has(r.id));
  const nCols = columns.length + 1;

  return (
    <div className="scroll" ref={scrollRef} data-testid="runs-scroll">
      <table className="grid" aria-label="Runs" aria-rowcount={sorted.length + 1}>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select all runs shown"
                checked={allSelected}
                onChange={(e) =>
                  onSelect(
                    sorted.map((r) => r.id),
                    e.target.checked,
                  )
                }
              />
            </th>
            {table.getFlatHeaders().map((h) => {
              const active = sort.id === h.column.id;
              const meta = h.column.columnDef.meta;
              return (
                <th
                  key={h.id}
                  scope="col"
                  aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}
                  className={meta?.numeric ? "num" : undefined}
                >
                  <button
                    type="button"
                    className="sort"
                    data-column={h.column.id}
                    aria-label={`Sort by ${meta?.group ? `${meta.group} ` : ""}${String(h.column.columnDef.header)}`}
                    onClick={() => onSort({ id: h.column.id, desc: active ? !sort.desc : !!meta?.numeric })}
                  >
                    {meta?.group && <span className="muted">{meta.group === "metric" ? "∿ " : "⚙ "}</span>}
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    {active ? (sort.desc ? " ↓" : " ↑") : ""}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          <PadRow height={padTop} columns={nCols} />
          {items.map((vi) => {
            const row = sorted[vi.index]!;
            const isSel = selected.has(row.id);
            return (
              <tr
                key={row.id}
                ref={virtualizer.measureElement}
                data-index={vi.index}
                aria-selected={isSel}
                aria-rowindex={vi.index + 2}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select run ${row.original.name}`}
                    checked={isSel}
                    onChange={(e) => onSelect([row.id], e.target.checked)}
                  />
                </td>
                {row.getVisibleCells().map((c) => (
                  <td key={c.id} className={c.column.columnDef.meta?.numeric ? "num" : undefined}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
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
