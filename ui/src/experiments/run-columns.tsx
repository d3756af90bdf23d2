import type { ColumnDef, SortingFn } from "@tanstack/react-table";
import { Link } from "../router/link";
import { formatDuration, formatNumber, formatTime } from "../runs/format";
import type { RunRow } from "./run-row";

/** Params are strings: numbers sort as numbers, before other strings. */
const paramSort: SortingFn<RunRow> = (a, b, id) => {
  const x = a.getValue<string>(id);
  const y = b.getValue<string>(id);
  const nx = Number(x);
  const ny = Number(y);
  const fx = x !== "" && Number.isFinite(nx);
  const fy = y !== "" && Number.isFinite(ny);
  if (fx && fy) return nx - ny;
  if (fx !== fy) return fx ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
};

const fixed: ColumnDef<RunRow>[] = [
  {
    id: "name",
    header: "Run name",
    accessorFn: (r) => r.name,
    cell: (c) => <Link to={`/runs/${encodeURIComponent(c.row.original.id)}`}>{c.row.original.name}</Link>,
  },
  {
    id: "start",
    header: "Start time",
    accessorFn: (r) => r.start,
    cell: (c) => formatTime(c.row.original.start),
  },
  {
    id: "duration",
    header: "Duration",
    accessorFn: (r) => r.duration,
    cell: (c) => formatDuration(0, c.row.original.duration),
    meta: { numeric: true },
  },
  {
    id: "status",
    header: "Status",
    accessorFn: (r) => r.status,
    cell: (c) => <span className={`status-${c.row.original.status}`}>{c.row.original.status}</span>,
  },
  { id: "user", header: "User", accessorFn: (r) => r.user },
];

/** The table's columns: the fixed attributes, then the chosen `metrics.<k>` and `params.<k>`. */
export function runColumns(chosen: readonly string[]): ColumnDef<RunRow>[] {
  const extra = chosen.map((id): ColumnDef<RunRow> => {
    if (id.startsWith("metrics.")) {
      const key = id.slice("metrics.".length);
      return {
        id,
        header: key,
        accessorFn: (r) => r.metrics[key],
        cell: (c) => formatNumber(c.row.original.metrics[key]),
        sortUndefined: "last",
        sortingFn: "basic",
        meta: { numeric: true, group: "metric" },
      };
    }
    const key = id.slice("params.".length);
    return {
      id,
      header: key,
      accessorFn: (r) => r.params[key],
      cell: (c) => c.row.original.params[key] ?? "",
      sortUndefined: "last",
      sortingFn: paramSort,
      meta: { group: "param" },
    };
  });
  return [...fixed, ...extra];
}

/** Columns shown when the URL names none: the first few metrics and params. */
export function defaultColumns(keys: { metrics: string[]; params: string[] }): string[] {
  return [
    ...keys.metrics.slice(0, 5).map((k) => `metrics.${k}`),
    ...keys.params.slice(0, 5).map((k) => `params.${k}`),
  ];
}
