/** How an artifact is previewed, from its extension. */
export type PreviewKind = "image" | "json" | "csv" | "text" | "none";

const KINDS: Record<string, PreviewKind> = {
  png: "image",
  jpg: "image",
  jpeg: "image",
  gif: "image",
  svg: "image",
  webp: "image",
  json: "json",
  csv: "csv",
  tsv: "csv",
  txt: "text",
  log: "text",
  md: "text",
  yaml: "text",
  yml: "text",
  py: "text",
  ts: "text",
  html: "text",
  mlmodel: "text",
};

export function previewKind(path: string): PreviewKind {
  const base = path.split("/").pop() ?? "";
  if (base === "MLmodel" || base === "requirements.txt") return "text";
  const ext = base.includes(".") ? base.split(".").pop()!.toLowerCase() : "";
  return KINDS[ext] ?? "none";
}

/** Largest file previewed as text (bytes); larger ones are offered for download only. */
export const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;
