import { useEffect, useState } from "react";

/**
 * The MLflow search filter (`metrics.rmse < 0.8 and params.depth = '6'`), applied on Enter or
 * with the button; the server parses it, so its error message is shown as is.
 */
export function FilterBar({ value, onApply }: { value: string; onApply: (filter: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      className="toolbar"
      style={{ flex: 1, margin: 0 }}
      aria-label="Filter runs"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft.trim());
      }}
    >
      <input
        type="search"
        aria-label="Filter runs (MLflow search syntax)"
        placeholder="metrics.rmse < 0.8 and params.max_depth = '6'"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit">Filter</button>
      {value && (
        <button
          type="button"
          onClick={() => {
            setDraft("");
            onApply("");
          }}
        >
          Clear
        </button>
      )}
    </form>
  );
}
