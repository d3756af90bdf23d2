import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { artifactPath, listArtifacts } from "../api/mlflow";
import type { FileInfo } from "../api/types";
import { ErrorState, Loading } from "../components/states";
import { ArtifactPreview } from "./ArtifactPreview";

/** One folder level of the artifact tree; folders expand on click (listed lazily). */
function Folder({
  runId,
  path,
  selected,
  onSelect,
}: {
  runId: string;
  path: string | undefined;
  selected: string | undefined;
  onSelect: (f: FileInfo, rootUri: string) => void;
}) {
  const list = useQuery({
    queryKey: ["artifacts", runId, path ?? ""],
    queryFn: ({ signal }) => listArtifacts(runId, path, signal),
  });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (list.isPending) return <Loading what="artifacts" />;
  if (list.error) return <ErrorState error={list.error} />;
  if (list.data.files.length === 0) return <p className="muted">No artifacts.</p>;
  return (
    <ul style={{ listStyle: "none", paddingLeft: path ? 16 : 0, margin: 0 }}>
      {list.data.files.map((f) => {
        const name = f.path.split("/").pop();
        if (f.is_dir) {
          const isOpen = open.has(f.path);
          return (
            <li key={f.path}>
              <button
                type="button"
                className="sort"
                aria-expanded={isOpen}
                onClick={() => {
                  const next = new Set(open);
                  if (isOpen) next.delete(f.path);
                  else next.add(f.path);
                  setOpen(next);
                }}
              >
                {isOpen ? "▾" : "▸"} {name}/
              </button>
              {isOpen && <Folder runId={runId} path={f.path} selected={selected} onSelect={onSelect} />}
            </li>
          );
        }
        return (
          <li key={f.path}>
            <button
              type="button"
              className="sort"
              aria-pressed={selected === f.path}
              onClick={() => onSelect(f, list.data.rootUri)}
              style={{ fontWeight: selected === f.path ? 700 : 400 }}
            >
              {name}
            </button>{" "}
            <span className="muted">{f.file_size !== undefined ? `${f.file_size} B` : ""}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The run's artifacts: a tree on the left, the selected file's preview on the right. */
export function ArtifactBrowser({ runId }: { runId: string }) {
  const [file, setFile] = useState<{ info: FileInfo; rootUri: string } | undefined>();
  const url = file ? artifactPath(file.rootUri, file.info.path) : undefined;
  return (
    <div className="card">
      <h2>Artifacts</h2>
      <div style={{ display: "grid", gridTemplateColumns: "minmax(200px, 1fr) 3fr", gap: 12 }}>
        <nav aria-label="Artifact files">
          <Folder
            runId={runId}
            path={undefined}
            selected={file?.info.path}
            onSelect={(info, rootUri) => setFile({ info, rootUri })}
          />
        </nav>
        <div>
          {!file ? (
            <p className="muted">Select a file to preview it.</p>
          ) : !url ? (
            <p className="muted">
              This run's artifacts are not under the server's artifact proxy ({file.rootUri}); the UI cannot
              read them.
            </p>
          ) : (
            <ArtifactPreview path={file.info.path} url={url} size={file.info.file_size} />
          )}
        </div>
      </div>
    </div>
  );
}
