import type { FileInfo } from "../entities.js";

/**
 * Where one run's artifact files live (MLflow's ArtifactRepository), rooted at the run's
 * `artifactUri`. Every `artifactPath` is relative to that root, `/`-separated; implementations
 * reject paths that could leave the root (`..`, absolute paths, encoded separators, symlinks)
 * with INVALID_PARAMETER_VALUE. The contract suite is `test/contracts/artifact-repository.contract.ts`.
 */
export interface ArtifactRepository {
  /** The root URI this repository writes under. */
  readonly rootUri: string;
  /** Copies a local file to `<artifactPath>/<file name>` (or the root). */
  logArtifact(localFile: string, artifactPath?: string): Promise<void>;
  /** Copies a local folder's contents (recursively) under `artifactPath` (or the root). */
  logArtifacts(localDir: string, artifactPath?: string): Promise<void>;
  /** Writes bytes or text to the file `artifactFile`. */
  writeArtifact(artifactFile: string, content: string | Uint8Array): Promise<void>;
  /** Files and folders directly under `path` (the root by default), sorted by path; [] if absent. */
  listArtifacts(path?: string): Promise<FileInfo[]>;
  /** Copies the file or folder at `artifactPath` into `dstDir`; returns the local path of the copy. */
  downloadArtifacts(artifactPath: string, dstDir: string): Promise<string>;
}
