/** Step/time x axis and log-scale y toggles of a history chart (state in the URL). */
export function HistoryControls({
  x,
  log,
  onChange,
}: {
  x: "step" | "time";
  log: boolean;
  onChange: (c: { x?: "step" | "time"; log?: boolean }) => void;
}) {
  return (
    <div className="toolbar">
      <label>
        X axis{" "}
        <select value={x} onChange={(e) => onChange({ x: e.target.value as "step" | "time" })}>
          <option value="step">Step</option>
          <option value="time">Wall time</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={log} onChange={(e) => onChange({ log: e.target.checked })} /> Log
        scale
      </label>
    </div>
  );
}
