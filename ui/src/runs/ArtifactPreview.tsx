import { useQuery } from "@tanstack/react-query";
import { apiUrl, fetchBlob } from "../api/client";
import { ErrorState, Loading } from "../components/states";
import { parseCsvPreview } from "./csv-preview";
import { MAX_PREVIEW_BYTES, previewKind } from "./preview-kind";

/** Preview of one artifact: image, pretty JSON, CSV as a table (first 200 rows) or text. */
export function ArtifactPreview({
  path,
  url,
  size,
}: {
  path: string;
  url: string;
  size: number | undefined;
}) {
  const kind = previewKind(path);
  const tooBig = size !== undefined && size > MAX_PREVIEW_BYTES;
  const text = useQuery({
    queryKey: ["artifact", url],
    queryFn: async ({ signal }) => (await fetchBlob(url, signal)).text(),
    enabled: kind !== "image" && kind !== "none" && !tooBig,
  });
  const download = (
    <a href={apiUrl(url)} download>
      Download {path.split("/").pop()}
    </a>
  );
  if (kind === "image")
    return (
      <figure>
        <img src={apiUrl(url)} alt={path} style={{ maxWidth: "100%" }} />
        <figcaption>{download}</figcaption>
      </figure>
    );
  if (kind === "none" || tooBig)
    return (
      <p className="muted">
        {tooBig ? "Too large to preview. " : "No preview for this file type. "}
        {download}
      </p>
    );
  if (text.isPending) return <Loading what={path} />;
  if (text.error) return <ErrorState error={text.error} />;
  if (kind === "csv") {
    const rows = parseCsvPreview(text.data, 201, path.endsWith(".tsv") ? "\t" : ",");
    const [head = [], ...body] = rows;
    return (
      <div>
        <div style={{ overflow: "auto", maxHeight: 480 }}>
          <table className="grid" aria-label={`Preview of ${path}`}>
            <thead>
              <tr>
                {head.map((h, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={i}>
                  {r.map((c, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {download}
      </div>
    );
  }
  let shown = text.data;
  if (kind === "json") {
    try {
      shown = JSON.stringify(JSON.parse(text.data), null, 2);
    } catch {
      // not valid JSON: show it as text
    }
  }
  return (
    <div>
      <pre className="preview" data-preview={path}>
        {shown}
      </pre>
      {download}
    </div>
  );
}
