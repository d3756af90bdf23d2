import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArtifactRepository } from "../../src/track/index.js";

/** Makes a repository rooted in a fresh folder; `outside` is a folder next to (not under) the root. */
export type ArtifactRepositoryFactory = () => Promise<{
  repo: ArtifactRepository;
  root: string;
  outside: string;
  cleanup(): Promise<void>;
}>;

/** The ArtifactRepository contract, run for every implementation. */
export function artifactRepositorySuite(name: string, factory: ArtifactRepositoryFactory): void {
  describe(`ArtifactRepository contract: ${name}`, () => {
    let ctx: Awaited<ReturnType<ArtifactRepositoryFactory>>;
    let src: string;
    beforeEach(async () => {
      ctx = await factory();
      src = await mkdtemp(join(tmpdir(), "tunelab-src-"));
      await writeFile(join(src, "model.json"), '{"a":1}');
      await mkdir(join(src, "plots", "deep"), { recursive: true });
      await writeFile(join(src, "plots", "loss.png"), "png");
      await writeFile(join(src, "plots", "deep", "x.txt"), "x");
    });
    afterEach(async () => {
      await ctx.cleanup();
      await rm(src, { recursive: true, force: true });
    });

    it("logArtifact() / logArtifacts() copy files; listArtifacts() lists one level with sizes", async () => {
      await ctx.repo.logArtifact(join(src, "model.json"));
      await ctx.repo.logArtifact(join(src, "model.json"), "models/best");
      await ctx.repo.logArtifacts(join(src, "plots"), "plots");
      expect(await ctx.repo.listArtifacts()).toEqual([
        { path: "model.json", isDir: false, fileSize: 7 },
        { path: "models", isDir: true },
        { path: "plots", isDir: true },
      ]);
      expect(await ctx.repo.listArtifacts("plots")).toEqual([
        { path: "plots/deep", isDir: true },
        { path: "plots/loss.png", isDir: false, fileSize: 3 },
      ]);
      expect(await ctx.repo.listArtifacts("nope")).toEqual([]);
    });

    it("writeArtifact() writes text; downloadArtifacts() copies a file or a folder", async () => {
      await ctx.repo.writeArtifact("notes/a.txt", "hello");
      await ctx.repo.logArtifacts(join(src, "plots"), "plots");
      const dst = await mkdtemp(join(tmpdir(), "tunelab-dst-"));
      const file = await ctx.repo.downloadArtifacts("notes/a.txt", dst);
      expect(await readFile(file, "utf8")).toBe("hello");
      const dir = await ctx.repo.downloadArtifacts("plots", dst);
      expect(await readFile(join(dir, "deep", "x.txt"), "utf8")).toBe("x");
      await rm(dst, { recursive: true, force: true });
    });

    it.each([
      ["../escape.txt"],
      ["a/../../escape.txt"],
      ["/etc/passwd"],
      ["..\\escape.txt"],
      ["a%2f..%2fescape.txt"],
      ["%2e%2e/escape.txt"],
      ["C:/x.txt"],
      ["a\u0000b"],
    ])("rejects the path %j with INVALID_PARAMETER_VALUE and writes nothing outside", async (bad) => {
      await expect(ctx.repo.writeArtifact(bad, "x")).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      await expect(ctx.repo.logArtifact(join(src, "model.json"), bad)).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      await expect(ctx.repo.listArtifacts(bad)).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
      await expect(ctx.repo.downloadArtifacts(bad, src)).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      await expect(readFile(join(ctx.outside, "escape.txt"))).rejects.toThrow();
    });

    it("rejects writes through a symlink that leads out of the root, and never lists or follows it", async () => {
      await mkdir(ctx.root, { recursive: true });
      await symlink(ctx.outside, join(ctx.root, "link"));
      await expect(ctx.repo.writeArtifact("link/escape.txt", "x")).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      await expect(ctx.repo.logArtifact(join(src, "model.json"), "link")).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      await expect(ctx.repo.listArtifacts("link")).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
      await expect(ctx.repo.downloadArtifacts("link", src)).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      expect((await ctx.repo.listArtifacts()).map((f) => f.path)).not.toContain("link");
      await expect(readFile(join(ctx.outside, "escape.txt"))).rejects.toThrow();
    });
  });
}
