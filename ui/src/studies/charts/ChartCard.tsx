import type { ReactNode } from "react";

/** A titled card around one chart; `controls` (labelled selects) sit beside the title. */
export function ChartCard({
  id,
  title,
  controls,
  wide,
  children,
}: {
  id: string;
  title: string;
  controls?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className={`card study-card${wide ? " wide" : ""}`}
      aria-labelledby={`${id}-title`}
      data-card={id}
    >
      <div className="study-card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {controls && <div className="study-card-controls">{controls}</div>}
      </div>
      {children}
    </section>
  );
}

/** A labelled select (keyboard reachable; its label names it for screen readers). */
export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  return (
    <label className="study-select">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
