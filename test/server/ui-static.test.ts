import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/server/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tunelab-ui-static-"));
  await mkdir(join(dir, "ui", "assets"), { recursive: true });
  await writeFile(join(dir, "ui", "index.html"), "<!doctype html><title>the ui</title>");
  await writeFile(join(dir, "ui", "assets", "app-1.js"), "console.log(1)");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const server = (uiDir: string | false) =>
  buildServer({
    backendStore: `sqlite:///${join(dir, "t.db")}`,
    artifactsDestination: join(dir, "a"),
    uiDir,
  });
const html = { accept: "text/html,application/xhtml+xml" };

describe("web UI serving", () => {
  it("serves index.html at / and assets, and falls back to index.html for page paths", async () => {
    const app = await server(join(dir, "ui"));
    const root = await app.inject({ url: "/", headers: html });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain("the ui");
    expect(root.headers["cache-control"]).toBe("no-cache");
    const asset = await app.inject({ url: "/assets/app-1.js" });
    expect(asset.body).toBe("console.log(1)");
    expect(asset.headers["cache-control"]).toContain("immutable");
    const deep = await app.inject({ url: "/experiments/3", headers: html });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain("the ui");
    await app.close();
  });

  it("keeps API 404s as MLflow JSON and the API working", async () => {
    const app = await server(join(dir, "ui"));
    const missing = await app.inject({ url: "/api/2.0/mlflow/nope", headers: html });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error_code: "ENDPOINT_NOT_FOUND" });
    const asset = await app.inject({ url: "/assets/missing.js", headers: html });
    expect(asset.statusCode).toBe(404);
    const ok = await app.inject({ url: "/api/2.0/mlflow/experiments/get?experiment_id=0" });
    expect(ok.statusCode).toBe(200);
    await app.close();
  });

  it("without a built UI, / says to run npm run build:ui and the API still answers", async () => {
    const app = await server(join(dir, "nothing-here"));
    const root = await app.inject({ url: "/" });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain("npm run build:ui");
    const ok = await app.inject({ url: "/api/2.0/mlflow/experiments/get?experiment_id=0" });
    expect(ok.statusCode).toBe(200);
    await app.close();
  });

  it("uiDir: false serves no UI", async () => {
    const app = await server(false);
    const root = await app.inject({ url: "/", headers: html });
    expect(root.statusCode).toBe(404);
    await app.close();
  });
});
