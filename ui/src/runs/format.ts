/** Display helpers shared by the tables. */

export function formatTime(ms: number | undefined): string {
  if (ms === undefined || ms === null) return "";
  const d = new Date(Number(ms));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatDuration(start: number | undefined, end: number | undefined): string {
  if (start === undefined || end === undefined || end === null) return "";
  const s = (Number(end) - Number(start)) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  if (s < 3600) return `${(s / 60).toFixed(1)}min`;
  return `${(s / 3600).toFixed(1)}h`;
}

export function formatNumber(v: number | string | undefined): string {
  if (v === undefined || v === "") return "";
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 1e5 || Math.abs(n) < 1e-4 ? n.toExponential(4) : String(Number(n.toPrecision(6)));
}
