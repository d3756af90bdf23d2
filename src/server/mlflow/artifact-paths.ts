import { lstat, mkdir, realpath } from "node:fs/promises";
import { join } from "node:path";
import { normalizeArtifactPath } from "../../track/index.js";
import { invalidParameter } from "./errors.js";

/**
 * Resolves an artifact path of the proxy below `root`, refusing everything that could leave it:
 * URI schemes (`file://`), encoded dots or separators in the raw URL, `..`, absolute paths,
 * backslashes, NUL, and any symbolic link on the way (the proxy never follows links).
 * `rawUrlPath` is the path as it came on the wire, before percent-decoding.
 */
export async function resolveArtifactPath(
  root: string,
  path: string,
  rawUrlPath = "",
): Promise<{ rel: string; full: string }> {
  const refuse = (why: string): never => {
    throw invalidParameter(`Invalid artifact path ${JSON.stringify(path)}: ${why}`);
  };
  if (/%(2e|2f|5c|00)/i.test(rawUrlPath)) refuse("encoded dots or separators are not allowed");
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) refuse("URIs are not allowed, only relative paths");
  const rel = normalizeArtifactPath(path);
  await mkdir(root, { recursive: true });
  const realRoot = await realpath(root);
  let cur = realRoot;
  for (const part of rel ? rel.split("/") : []) {
    cur = join(cur, part);
    const st = await lstat(cur).catch(() => undefined);
    if (!st) break; // nothing below a missing component can be a link
    if (st.isSymbolicLink()) refuse("it goes through a symbolic link");
  }
  return { rel, full: rel ? join(realRoot, ...rel.split("/")) : realRoot };
}
