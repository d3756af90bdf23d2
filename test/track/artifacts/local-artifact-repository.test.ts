import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  artifactRepositoryFor,
  LocalArtifactRepository,
  normalizeArtifactPath,
} from "../../../src/track/index.js";
import { artifactRepositorySuite } from "../../contracts/artifact-repository.contract.js";

artifactRepositorySuite("LocalArtifactRepository", async () => {
  const base = await mkdtemp(join(tmpdir(), "tunelab-art-"));
  const root = join(base, "run", "artifacts");
  const outside = join(base, "outside");
  await mkdir(outside, { recursive: true });
  return {
    repo: new LocalArtifactRepository(pathToFileURL(root).href),
    root,
    outside,
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
});

describe("normalizeArtifactPath(path)", () => {
  it("normalises harmless forms", () => {
    expect(normalizeArtifactPath(undefined)).toBe("");
    expect(normalizeArtifactPath("./a//b/")).toBe("a/b");
    expect(normalizeArtifactPath("a/./b.txt")).toBe("a/b.txt");
  });
});

describe("artifactRepositoryFor(uri)", () => {
  it("opens file:// URIs and plain paths, and rejects remote schemes clearly", () => {
    expect(artifactRepositoryFor("file:///tmp/x")).toBeInstanceOf(LocalArtifactRepository);
    expect(artifactRepositoryFor("/tmp/x")).toBeInstanceOf(LocalArtifactRepository);
    expect(() => artifactRepositoryFor("s3://bucket/x")).toThrow(/only local/);
  });
});
