/** Checkboxes choosing which parameters the parallel coordinates and slice charts show. */
export function ParamChooser({
  names,
  chosen,
  onChange,
}: {
  names: readonly string[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="param-chooser">
      <legend>Parameters</legend>
      {names.map((n) => (
        <label key={n}>
          <input
            type="checkbox"
            checked={chosen.includes(n)}
            onChange={(e) => onChange(names.filter((m) => (m === n ? e.target.checked : chosen.includes(m))))}
          />
          {n}
        </label>
      ))}
    </fieldset>
  );
}
