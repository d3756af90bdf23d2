import { choiceLabel } from "./data/param-axis";
import type { StudyTrial } from "./data/trials";
import { formatDateTime, formatDuration, formatValue } from "./format";

/** The selected trial (`trial=` in the URL): state, values, params, times, last reported value. */
export function TrialDetail({
  trial,
  number,
  objectiveNames,
  onClose,
}: {
  trial: StudyTrial | undefined;
  number: number;
  objectiveNames: readonly string[];
  onClose: () => void;
}) {
  return (
    <section className="trial-detail" aria-label={`Trial ${number}`}>
      <strong>Trial {number}</strong>{" "}
      {trial ? (
        <>
          <span>{trial.state}</span>
          {trial.values && (
            <span>
              {" · "}
              {trial.values.map((v, k) => `${objectiveNames[k]} = ${formatValue(v)}`).join(", ")}
            </span>
          )}
          <span>
            {" · "}
            {Object.entries(trial.params)
              .map(([k, v]) => `${k} = ${typeof v === "number" ? formatValue(v) : choiceLabel(v)}`)
              .join(", ")}
          </span>
          {trial.start !== null && <span> · started {formatDateTime(trial.start)}</span>}
          {trial.complete !== null && trial.start !== null && (
            <span> · took {formatDuration(trial.complete - trial.start)}</span>
          )}
          {trial.intermediate.length > 0 && (
            <span>
              {" "}
              · {trial.intermediate.length} intermediate values, last{" "}
              {formatValue(trial.intermediate[trial.intermediate.length - 1][1])}
            </span>
          )}
        </>
      ) : (
        <span className="muted">not in this study</span>
      )}{" "}
      <button type="button" onClick={onClose} aria-label="Close trial details">
        ✕
      </button>
    </section>
  );
}
