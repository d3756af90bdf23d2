/**
 * The sort of the runs table as it appears in the URL: `sort=<column id>:<asc|desc>`, where a
 * column id is `name`, `start`, `duration`, `status`, `user`, `metrics.<key>` or `params.<key>`.
 */
export interface SortSpec {
  readonly id: string;
  readonly desc: boolean;
}

export const DEFAULT_SORT: SortSpec = { id: "start", desc: true };

export function parseSort(value: string | null): SortSpec {
  if (!value) return DEFAULT_SORT;
  const i = value.lastIndexOf(":");
  if (i <= 0) return { id: value, desc: false };
  return { id: value.slice(0, i), desc: value.slice(i + 1) === "desc" };
}

export function formatSort(s: SortSpec): string {
  return `${s.id}:${s.desc ? "desc" : "asc"}`;
}

/** Column list of the URL (`cols=metrics.rmse,params.lr`), or undefined when not set. */
export function parseCols(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  return value.split(",").filter(Boolean);
}
