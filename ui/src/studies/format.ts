/** Formatting shared by the studies pages. */

/** A number for a table cell or tooltip: 4 significant digits, exponent when tiny or huge. */
export function formatValue(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6)
    ? Number(v.toPrecision(4)).toExponential()
    : String(Number(v.toPrecision(4)));
}

/** An epoch-ms time as local date and time (seconds). */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "";
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** A duration in ms as `1.2 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "";
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Colours of trial states, the same in every chart and the table. */
export const STATE_COLORS: Record<string, string> = {
  COMPLETE: "#1f77b4",
  PRUNED: "#ff7f0e",
  FAIL: "#d62728",
  RUNNING: "#2ca02c",
  WAITING: "#7f7f7f",
};
