import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultStudyStorage } from "../../src/cli/commands/default-study-storage.js";
import { openTrackingStore } from "../../src/track/index.js";
import { createStudy } from "../../src/tune/index.js";

describe("defaultStudyStorage(trackingUri) for `tunelab ui`", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tunelab-default-studies-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is the tracking folder's database once it holds studies, and nothing before", async () => {
    const folder = join(dir, "mlruns");
    expect(defaultStudyStorage(folder, {})).toBeUndefined(); // no folder yet: nothing created
    const store = await openTrackingStore(folder);
    await store.close?.();
    expect(defaultStudyStorage(folder, {})).toBeUndefined(); // runs only
    const uri = `sqlite:///${join(folder, "tunelab.db")}`;
    const study = await createStudy({ storage: uri, studyName: "demo" });
    await study.close();
    expect(defaultStudyStorage(folder, {})).toBe(`sqlite:///${join(folder, "tunelab.db")}`);
    expect(defaultStudyStorage(uri, {})).toBe(uri);
  });

  it("$TUNELAB_STUDY_STORAGE wins; remote and PostgreSQL tracking URIs give none", async () => {
    await mkdir(join(dir, "x"), { recursive: true });
    expect(defaultStudyStorage(join(dir, "x"), { TUNELAB_STUDY_STORAGE: "sqlite:///s.db" })).toBe(
      "sqlite:///s.db",
    );
    expect(defaultStudyStorage("http://127.0.0.1:5000", {})).toBeUndefined();
    expect(defaultStudyStorage("postgresql://root@127.0.0.1/test", {})).toBeUndefined();
    expect(defaultStudyStorage("ftp://nope", {})).toBeUndefined();
  });
});
