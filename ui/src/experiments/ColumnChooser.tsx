import { useId, useState } from "react";

/** A button opening a list of metric and param checkboxes; the choice goes to the URL. */
export function ColumnChooser({
  keys,
  chosen,
  onChange,
}: {
  keys: { metrics: string[]; params: string[] };
  chosen: readonly string[];
  onChange: (cols: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const on = new Set(chosen);
  const toggle = (id: string, value: boolean) =>
    onChange(value ? [...chosen, id] : chosen.filter((c) => c !== id));
  const group = (title: string, prefix: string, list: string[]) => (
    <fieldset>
      <legend>{title}</legend>
      {list.length === 0 && <span className="muted">none</span>}
      {list.map((k) => {
        const id = `${prefix}.${k}`;
        return (
          <label key={id} style={{ display: "block" }}>
            <input type="checkbox" checked={on.has(id)} onChange={(e) => toggle(id, e.target.checked)} /> {k}
          </label>
        );
      })}
    </fieldset>
  );
  return (
    <div style={{ position: "relative" }}>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Columns ({chosen.length})
      </button>
      {open && (
        <div
          className="popover"
          id={panelId}
          role="dialog"
          aria-label="Choose columns"
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
        >
          {group("Metrics", "metrics", keys.metrics)}
          {group("Params", "params", keys.params)}
          <button type="button" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
