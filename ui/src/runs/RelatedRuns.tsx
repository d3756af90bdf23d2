import { useQuery } from "@tanstack/react-query";
import { searchRuns } from "../api/mlflow";
import type { Run } from "../api/types";
import { Link } from "../router/link";

const PARENT_TAG = "mlflow.parentRunId";

/** The parent run (tag `mlflow.parentRunId`) and child runs (runs whose tag names this one). */
export function RelatedRuns({ run }: { run: Run }) {
  const parentId = run.data.tags?.find((t) => t.key === PARENT_TAG)?.value;
  const children = useQuery({
    queryKey: ["children", run.info.run_id],
    queryFn: ({ signal }) =>
      searchRuns(
        {
          experimentIds: [run.info.experiment_id],
          filter: `tags.\`${PARENT_TAG}\` = '${run.info.run_id}'`,
          maxResults: 1000,
        },
        signal,
      ),
  });
  const kids = children.data?.runs ?? [];
  if (!parentId && kids.length === 0) return null;
  return (
    <div className="card">
      <h2>Related runs</h2>
      {parentId && (
        <p>
          Parent: <Link to={`/runs/${encodeURIComponent(parentId)}`}>{parentId}</Link>
        </p>
      )}
      {kids.length > 0 && (
        <>
          <p>Children ({kids.length}):</p>
          <ul>
            {kids.map((k) => (
              <li key={k.info.run_id}>
                <Link to={`/runs/${encodeURIComponent(k.info.run_id)}`}>
                  {k.info.run_name ?? k.info.run_id}
                </Link>{" "}
                <span className={`status-${k.info.status}`}>{k.info.status}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
