import type { Run, RunStatus } from "../api/types";

/** A run flattened for the table: fixed attributes plus metrics and params by key. */
export interface RunRow {
  readonly id: string;
  readonly name: string;
  readonly start: number | undefined;
  /** ms; undefined while running. */
  readonly duration: number | undefined;
  readonly status: RunStatus;
  readonly user: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly params: Readonly<Record<string, string>>;
  readonly run: Run;
}

/** Flattens a run (latest metric values, params) for the table. */
export function toRunRow(run: Run): RunRow {
  const { info, data } = run;
  const metrics: Record<string, number> = {};
  for (const m of data.metrics ?? []) metrics[m.key] = Number(m.value);
  const params: Record<string, string> = {};
  for (const p of data.params ?? []) params[p.key] = p.value;
  const start = info.start_time === undefined ? undefined : Number(info.start_time);
  const end = info.end_time === undefined || info.end_time === null ? undefined : Number(info.end_time);
  return {
    id: info.run_id,
    name: info.run_name ?? info.run_id.slice(0, 8),
    start,
    duration: start !== undefined && end !== undefined ? end - start : undefined,
    status: info.status,
    user: info.user_id ?? "",
    metrics,
    params,
    run,
  };
}

/** Every metric and param key among the rows, sorted. */
export function discoverKeys(rows: readonly RunRow[]): { metrics: string[]; params: string[] } {
  const m = new Set<string>();
  const p = new Set<string>();
  for (const r of rows) {
    for (const k in r.metrics) m.add(k);
    for (const k in r.params) p.add(k);
  }
  return { metrics: [...m].sort(), params: [...p].sort() };
}
