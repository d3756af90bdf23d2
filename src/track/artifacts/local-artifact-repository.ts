import { constants } from "node:fs";
import { copyFile, lstat, mkdir, readdir, realpath, stat, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FileInfo } from "../entities.js";
import { InvalidParameterValueError } from "../errors.js";
import type { ArtifactRepository } from "./artifact-repository.js";

/**
 * Checks an artifact path and returns its normalised `/`-separated form ("" for the root).
 * Rejected: `..` segments, absolute paths (`/x`, `C:\x`, `\\host`), backslashes, NUL, and
 * percent-encoded separators or dots (`%2f`, `%5c`, `%2e`) that a later decoding could turn into
 * a traversal.
 */
export function normalizeArtifactPath(path: string | undefined): string {
  if (path === undefined || path === "" || path === ".") return "";
  const bad = (why: string): never => {
    throw new InvalidParameterValueError(`Invalid artifact path ${JSON.stringify(path)}: ${why}`);
  };
  if (typeof path !== "string") bad("not a string");
  if (path.includes("\0")) bad("contains a NUL character");
  if (/%(2f|5c|2e|00)/i.test(path)) bad("contains an encoded separator or dot");
  if (path.includes("\\")) bad("contains a backslash");
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) bad("absolute paths are not allowed");
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) bad("'..' is not allowed");
  return parts.join("/");
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Artifacts in a local folder (`file://` URIs or plain paths). */
export class LocalArtifactRepository implements ArtifactRepository {
  /** Absolute folder of the run's artifacts. */
  readonly root: string;
  readonly rootUri: string;

  constructor(rootUri: string) {
    this.root = /^file:/i.test(rootUri) ? fileURLToPath(rootUri) : resolve(rootUri);
    this.rootUri = pathToFileURL(this.root).href;
  }

  /** The real root folder (symlinks resolved), created when missing. */
  private async realRoot(): Promise<string> {
    await mkdir(this.root, { recursive: true });
    return realpath(this.root);
  }

  /**
   * Absolute path of `artifactPath`, after checking that neither it nor any existing folder on
   * the way is a symlink leading out of the root.
   */
  private async target(artifactPath: string | undefined, forWrite: boolean): Promise<string> {
    const rel = normalizeArtifactPath(artifactPath);
    const root = await this.realRoot();
    const full = rel ? join(root, ...rel.split("/")) : root;
    // Walk down from the root: every existing component must be a real folder/file inside it.
    let cur = root;
    for (const part of rel ? rel.split("/") : []) {
      cur = join(cur, part);
      let st: Awaited<ReturnType<typeof lstat>>;
      try {
        st = await lstat(cur);
      } catch {
        break; // does not exist yet: nothing below can be a symlink
      }
      if (st.isSymbolicLink()) {
        const real = await realpath(cur).catch(() => "");
        if (!real || !isInside(root, real) || forWrite)
          throw new InvalidParameterValueError(
            `Invalid artifact path ${JSON.stringify(artifactPath)}: it goes through a symbolic link`,
          );
      }
    }
    return full;
  }

  async logArtifact(localFile: string, artifactPath?: string): Promise<void> {
    const dir = await this.target(artifactPath, true);
    await mkdir(dir, { recursive: true });
    const dest = join(dir, basename(localFile));
    await this.target(
      relative(await this.realRoot(), dest)
        .split(sep)
        .join("/"),
      true,
    );
    await copyFile(localFile, dest);
  }

  async logArtifacts(localDir: string, artifactPath?: string): Promise<void> {
    const base = normalizeArtifactPath(artifactPath);
    for (const entry of await readdir(localDir, { withFileTypes: true })) {
      const sub = base ? `${base}/${entry.name}` : entry.name;
      const src = join(localDir, entry.name);
      if (entry.isDirectory()) {
        await mkdir(await this.target(sub, true), { recursive: true });
        await this.logArtifacts(src, sub);
      } else if (entry.isFile()) await this.logArtifact(src, base || undefined);
    }
  }

  async writeArtifact(artifactFile: string, content: string | Uint8Array): Promise<void> {
    const rel = normalizeArtifactPath(artifactFile);
    if (!rel) throw new InvalidParameterValueError("writeArtifact needs a file name, got the root");
    const dest = await this.target(rel, true);
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, content);
  }

  async listArtifacts(path?: string): Promise<FileInfo[]> {
    const rel = normalizeArtifactPath(path);
    const dir = await this.target(rel, false);
    let entries: import("node:fs").Dirent[];
    try {
      const st = await stat(dir);
      if (!st.isDirectory()) return [];
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: FileInfo[] = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) continue; // never follow links out of the root
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) out.push({ path: p, isDir: true });
      else if (e.isFile())
        out.push({ path: p, isDir: false, fileSize: (await stat(join(dir, e.name))).size });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async downloadArtifacts(artifactPath: string, dstDir: string): Promise<string> {
    const rel = normalizeArtifactPath(artifactPath);
    const src = await this.target(rel, false);
    const st = await lstat(src).catch(() => undefined);
    if (!st)
      throw new InvalidParameterValueError(
        `Artifact ${JSON.stringify(artifactPath)} does not exist under ${this.rootUri}`,
      );
    const dest = resolve(dstDir, rel ? basename(rel) : basename(this.root));
    await copyTree(src, dest);
    return dest;
  }
}

async function copyTree(src: string, dest: string): Promise<void> {
  const st = await lstat(src);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    await mkdir(dest, { recursive: true });
    for (const e of await readdir(src)) await copyTree(join(src, e), join(dest, e));
  } else if (st.isFile()) {
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(src, dest, constants.COPYFILE_FICLONE);
  }
}

/** The repository for a run's artifact URI: local folders only in this version. */
export function artifactRepositoryFor(artifactUri: string): ArtifactRepository {
  if (/^file:/i.test(artifactUri) || !/^[a-z][a-z0-9+.-]*:/i.test(artifactUri))
    return new LocalArtifactRepository(artifactUri);
  throw new InvalidParameterValueError(
    `Artifact URI ${artifactUri}: only local (file://) artifact stores are supported in this version`,
  );
}
