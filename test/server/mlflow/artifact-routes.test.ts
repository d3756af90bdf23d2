import { existsSync } from "node:fs";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverFixture } from "../server-fixture.js";

type Fixture = Awaited<ReturnType<typeof serverFixture>>;
let f: Fixture;
let port: number;
let outside: string;

/** A request with the path sent exactly as written (no client-side normalisation). */
function raw(method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const P = "/api/2.0/mlflow-artifacts/artifacts";

beforeAll(async () => {
  f = await serverFixture();
  await f.app.listen({ host: "127.0.0.1", port: 0 });
  port = (f.app.server.address() as { port: number }).port;
  // a secret beside the artifact root, and a link inside the root pointing at it
  outside = join(f.dir, "secret");
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, "key.txt"), "TOP-SECRET");
  await mkdir(f.artifacts, { recursive: true });
  await symlink(outside, join(f.artifacts, "link"));
});
afterAll(async () => {
  await f.close();
});

describe("artifact proxy", () => {
  it("PUT, GET, list (names relative to the folder), artifacts/list and DELETE round-trip", async () => {
    const run = await f.call("POST", "runs/create", { experiment_id: "0", start_time: 1 });
    const info = (run.json.run as { info: { run_id: string; artifact_uri: string } }).info;
    const base = `${P}/0/${info.run_id}/artifacts`;
    expect((await raw("PUT", `${base}/dir/a.txt`, "hello")).status).toBe(200);
    expect((await raw("PUT", `${base}/b.json`, "{}")).status).toBe(200);
    const got = await f.call("GET", `${base}/dir/a.txt`);
    expect(got.body).toBe("hello");
    expect(got.headers["content-disposition"]).toBe('attachment; filename="a.txt"');
    const list = await f.call("GET", `${P}?path=0/${info.run_id}/artifacts`);
    expect(list.json).toEqual({
      files: [
        { path: "b.json", is_dir: false, file_size: 2 },
        { path: "dir", is_dir: true },
      ],
    });
    const tracked = await f.call("GET", `artifacts/list?run_id=${info.run_id}&path=dir`);
    expect(tracked.json).toEqual({
      root_uri: info.artifact_uri,
      files: [{ path: "dir/a.txt", is_dir: false, file_size: 5 }],
    });
    expect((await f.call("DELETE", `${base}/dir`)).status).toBe(200);
    expect((await f.call("GET", `${base}/dir/a.txt`)).json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  });
});

describe("artifact upload limit", () => {
  it("an upload over artifactUploadLimit gets 413 and leaves no file behind", async () => {
    const small = await serverFixture({ artifactUploadLimit: 16 });
    try {
      const big = await small.call("PUT", `${P}/0/big.bin`, "x".repeat(1000));
      expect(big).toMatchObject({ status: 413, json: { error_code: "RESOURCE_EXHAUSTED" } });
      const list = await small.call("GET", `${P}?path=0`);
      expect(list.json).toEqual({});
      expect((await small.call("PUT", `${P}/0/ok.bin`, "tiny")).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe("artifact path traversal is refused", () => {
  const refused = (r: { status: number; body: string }) => {
    expect([400, 404]).toContain(r.status);
    expect(r.body).not.toContain("TOP-SECRET");
    expect(r.body).not.toContain("root:");
  };

  it("raw '..' segments (GET and PUT)", async () => {
    refused(await raw("GET", `${P}/../secret/key.txt`));
    refused(await raw("PUT", `${P}/x/../../escaped.txt`, "pwned"));
    expect(existsSync(join(f.dir, "escaped.txt"))).toBe(false);
  });

  it("percent-encoded dots and slashes (%2e%2e, %2E%2E%2F, %252e)", async () => {
    refused(await raw("GET", `${P}/%2e%2e/secret/key.txt`));
    refused(await raw("GET", `${P}/%2E%2E%2Fsecret%2Fkey.txt`));
    refused(await raw("PUT", `${P}/%2e%2e/escaped2.txt`, "pwned"));
    refused(await raw("GET", `${P}?path=%2e%2e/secret`));
    expect(existsSync(join(f.dir, "escaped2.txt"))).toBe(false);
  });

  it("absolute paths (//etc/passwd, ?path=/etc, C:\\)", async () => {
    refused(await raw("GET", `${P}//etc/passwd`));
    refused(await raw("GET", `${P}?path=/etc`));
    refused(await raw("GET", `${P}/C:%5Cwindows`));
    refused(await raw("GET", `/api/2.0/mlflow/artifacts/list?run_id=${"a".repeat(32)}&path=/etc`));
  });

  it("file:// URIs", async () => {
    refused(await raw("GET", `${P}/file:///etc/passwd`));
    refused(await raw("GET", `${P}?path=file:///etc`));
    refused(await raw("PUT", `${P}/file:/tmp/pwned.txt`, "x"));
  });

  it("backslashes", async () => {
    refused(await raw("GET", `${P}/..%5Csecret%5Ckey.txt`));
    refused(await raw("GET", `${P}?path=..\\secret`));
  });

  it("symbolic links inside the root pointing outside (read, list, write, delete)", async () => {
    refused(await raw("GET", `${P}/link/key.txt`));
    refused(await raw("GET", `${P}?path=link`));
    refused(await raw("PUT", `${P}/link/new.txt`, "pwned"));
    refused(await raw("DELETE", `${P}/link/key.txt`));
    expect(existsSync(join(outside, "new.txt"))).toBe(false);
    expect(await readFile(join(outside, "key.txt"), "utf8")).toBe("TOP-SECRET");
  });
});
