import { useEffect, useMemo } from "react";
import type { ImportanceEvaluatorName } from "../../../src/server/tunelab/study-wire";
import { loadECharts } from "../components/echarts-loader";
import { Empty, ErrorState, Loading } from "../components/states";
import { setQuery } from "../router/hash-router";
import { Link } from "../router/link";
import { useImportances } from "./api";
import { ChartCard, Select } from "./charts/ChartCard";
import { ContourChart } from "./charts/ContourChart";
import { EdfChart } from "./charts/EdfChart";
import { HistoryChart } from "./charts/HistoryChart";
import { ImportanceChart } from "./charts/ImportanceChart";
import { IntermediateChart } from "./charts/IntermediateChart";
import { ParallelChart } from "./charts/ParallelChart";
import { ParetoChart } from "./charts/ParetoChart";
import { SliceCharts } from "./charts/SliceChart";
import { TimelineChart } from "./charts/TimelineChart";
import { ParamChooser } from "./ParamChooser";
import { TrialDetail } from "./TrialDetail";
import { formatSort, parseSort, TrialsTable } from "./TrialsTable";
import { type StudyModel, useStudy } from "./use-study";
import "./studies.css";

const EVALUATORS: readonly { value: ImportanceEvaluatorName; label: string }[] = [
  { value: "fanova", label: "fANOVA" },
  { value: "ped-anova", label: "PED-ANOVA" },
];

/**
 * A study's page: every chart of the study and its trials table. The choices live in the URL
 * (`#/studies/:id?objective=&x=&y=&params=&evaluator=&px=&py=&sort=&trial=`), so any view is a
 * deep link; the page polls the study's version and refreshes in place while trials run.
 */
export function StudyPage({ studyId, query }: { studyId: string; query: URLSearchParams }) {
  const { model, version, error, isPending, refetch } = useStudy(studyId);
  // the importances and ECharts load while the trials do, not after them; an out-of-range
  // objective in the URL only costs a request that the view (which clamps it) does not read
  const objective = Number(query.get("objective") ?? 0);
  useImportances(studyId, version, evaluatorOf(query), Number.isInteger(objective) ? objective : 0);
  useEffect(() => void loadECharts(), []);
  if (isPending) return <Loading what="study" />;
  if (error && !model) return <ErrorState error={error} retry={refetch} />;
  if (!model) return <Loading what="study" />;
  return <StudyView studyId={studyId} model={model} query={query} />;
}

function StudyView({
  studyId,
  model,
  query,
}: {
  studyId: string;
  model: StudyModel;
  query: URLSearchParams;
}) {
  const { detail, trials, axes, directions, objectiveNames } = model;
  const nObj = directions.length;
  const objective = clampIndex(query.get("objective"), nObj, 0);
  const name = objectiveNames[objective];
  const direction = directions[objective];
  // stable between renders (the importances arriving re-render this view): a new `chosen` array
  // would make the parallel coordinates and slices build and draw their charts again
  const names = useMemo(() => axes.map((a) => a.name), [axes]);
  const paramsWanted = query.get("params");
  const chosen = useMemo(() => {
    const want = paramsWanted === null ? names : paramsWanted.split(",").filter((n) => names.includes(n));
    return axes.filter((a) => want.includes(a.name));
  }, [axes, names, paramsWanted]);
  const evaluator = evaluatorOf(query);
  const importances = useImportances(studyId, detail.version, evaluator, objective);
  // the contour shows the two most important parameters unless the URL says otherwise
  const ranked = importances.data?.importances.map((i) => i.param) ?? [];
  const byImportance = [...ranked, ...names.filter((n) => !ranked.includes(n))];
  const xName = pick(query.get("x"), names, byImportance[0]);
  const yName = pick(
    query.get("y"),
    names,
    byImportance.find((n) => n !== xName),
  );
  // without both axes in the URL the contour waits for the importances to choose them, rather
  // than drawing (costly with thousands of trials) over two other parameters first
  const contourWaits =
    !(names.includes(query.get("x") ?? "") && names.includes(query.get("y") ?? "")) &&
    !importances.data &&
    !importances.error;
  const px = clampIndex(query.get("px"), nObj, 0);
  const py = clampIndex(query.get("py"), nObj, Math.min(1, nObj - 1));
  const sorting = useMemo(() => parseSort(query.get("sort")), [query]);
  const selected = query.get("trial") === null ? undefined : Number(query.get("trial"));
  const objectiveOptions = objectiveNames.map((n, i) => ({
    value: String(i),
    label: `${n} (${directions[i]})`,
  }));
  const paramOptions = names.map((n) => ({ value: n, label: n }));
  const counts = detail.n_trials_by_state;

  return (
    <section aria-labelledby="study-title" className="study-page">
      <p className="muted">
        <Link to="/studies">Studies</Link> /
      </p>
      <h1 id="study-title">{detail.study_name}</h1>
      <p className="study-meta">
        {directions.join(", ")} · {detail.n_trials} trials ·{" "}
        {Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${s.toLowerCase()}`)
          .join(", ")}
        {model.live && (
          <span className="study-live" role="status">
            {" "}
            · live, updating
          </span>
        )}
      </p>
      {nObj > 1 && (
        <div className="toolbar">
          <Select
            label="Objective"
            value={String(objective)}
            options={objectiveOptions}
            onChange={(v) => setQuery({ objective: v })}
          />
        </div>
      )}
      {trials.length === 0 ? (
        <Empty>This study has no trials yet.</Empty>
      ) : (
        <div className="study-cards">
          {nObj > 1 && (
            <ChartCard
              id="pareto"
              title="Pareto front"
              controls={
                nObj > 2 && (
                  <>
                    <Select
                      label="x"
                      value={String(px)}
                      options={objectiveOptions}
                      onChange={(v) => setQuery({ px: v })}
                    />
                    <Select
                      label="y"
                      value={String(py)}
                      options={objectiveOptions}
                      onChange={(v) => setQuery({ py: v })}
                    />
                  </>
                )
              }
            >
              <ParetoChart trials={trials} directions={directions} names={objectiveNames} ix={px} iy={py} />
            </ChartCard>
          )}
          <ChartCard id="history" title="Optimisation history">
            <HistoryChart trials={trials} direction={direction} objective={objective} name={name} />
          </ChartCard>
          <ChartCard id="intermediate" title="Intermediate values">
            <IntermediateChart trials={trials} />
          </ChartCard>
          <ChartCard
            id="importance"
            title="Parameter importances"
            controls={
              <Select
                label="Method"
                value={evaluator}
                options={EVALUATORS}
                onChange={(v) => setQuery({ evaluator: v === "fanova" ? undefined : v })}
              />
            }
          >
            {importances.data ? (
              <ImportanceChart data={importances.data} name={name} />
            ) : importances.error ? (
              <ErrorState error={importances.error} retry={() => void importances.refetch()} />
            ) : (
              <Loading what="importances" />
            )}
          </ChartCard>
          <ChartCard id="edf" title="Empirical distribution (EDF)">
            <EdfChart trials={trials} objective={objective} name={name} />
          </ChartCard>
          <ChartCard
            id="parallel"
            title="Parallel coordinates"
            wide
            controls={
              <ParamChooser
                names={names}
                chosen={chosen.map((a) => a.name)}
                onChange={(ps) => setQuery({ params: ps.length === names.length ? undefined : ps.join(",") })}
              />
            }
          >
            <ParallelChart
              trials={trials}
              axes={chosen}
              objective={objective}
              name={name}
              direction={direction}
            />
          </ChartCard>
          <ChartCard
            id="contour"
            title="Contour"
            controls={
              names.length > 1 && (
                <>
                  <Select
                    label="x"
                    value={xName}
                    options={paramOptions}
                    onChange={(v) => setQuery({ x: v })}
                  />
                  <Select
                    label="y"
                    value={yName}
                    options={paramOptions}
                    onChange={(v) => setQuery({ y: v })}
                  />
                </>
              )
            }
          >
            {names.length < 2 ? (
              <Empty>A contour needs two parameters.</Empty>
            ) : contourWaits ? (
              <Loading what="contour" />
            ) : (
              <ContourChart
                trials={trials}
                x={axes[names.indexOf(xName)]}
                y={axes[names.indexOf(yName)]}
                objective={objective}
                name={name}
                direction={direction}
              />
            )}
          </ChartCard>
          <ChartCard id="slice" title="Slice" wide>
            <SliceCharts trials={trials} axes={chosen} objective={objective} name={name} />
          </ChartCard>
          <ChartCard id="timeline" title="Timeline" wide>
            <TimelineChart trials={trials} />
          </ChartCard>
          <ChartCard id="trials" title="Trials" wide>
            {selected !== undefined && (
              <TrialDetail
                trial={trials.find((t) => t.number === selected)}
                number={selected}
                objectiveNames={objectiveNames}
                onClose={() => setQuery({ trial: undefined })}
              />
            )}
            <TrialsTable
              trials={trials}
              axes={axes}
              objectiveNames={objectiveNames}
              sorting={sorting}
              onSortingChange={(s) => setQuery({ sort: formatSort(s) })}
              selected={selected}
              onSelect={(n) => setQuery({ trial: String(n) })}
            />
          </ChartCard>
        </div>
      )}
    </section>
  );
}

function evaluatorOf(query: URLSearchParams): ImportanceEvaluatorName {
  return query.get("evaluator") === "ped-anova" ? "ped-anova" : "fanova";
}

function clampIndex(s: string | null, n: number, fallback: number): number {
  const i = Number(s);
  return s !== null && Number.isInteger(i) && i >= 0 && i < n ? i : fallback;
}

function pick(s: string | null, names: readonly string[], fallback: string | undefined): string {
  return s !== null && names.includes(s) ? s : (fallback ?? names[0] ?? "");
}
