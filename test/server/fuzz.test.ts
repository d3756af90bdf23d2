import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverFixture } from "./server-fixture.js";

type Fixture = Awaited<ReturnType<typeof serverFixture>>;
let f: Fixture;
let keep: string;
let fuzzRun: string;

/** Mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROUTES = [
  "experiments/create",
  "experiments/get",
  "experiments/get-by-name",
  "experiments/search",
  "experiments/update",
  "experiments/delete",
  "experiments/restore",
  "experiments/set-experiment-tag",
  "experiments/delete-experiment-tag",
  "runs/create",
  "runs/get",
  "runs/update",
  "runs/delete",
  "runs/restore",
  "runs/log-metric",
  "runs/log-parameter",
  "runs/log-batch",
  "runs/log-inputs",
  "runs/set-tag",
  "runs/delete-tag",
  "runs/search",
  "metrics/get-history",
  "artifacts/list",
  "no/such/route",
];
const FIELDS = [
  "name",
  "experiment_id",
  "experiment_name",
  "run_id",
  "run_uuid",
  "key",
  "value",
  "timestamp",
  "step",
  "status",
  "end_time",
  "run_name",
  "tags",
  "metrics",
  "params",
  "filter",
  "order_by",
  "max_results",
  "page_token",
  "view_type",
  "run_view_type",
  "experiment_ids",
  "metric_key",
  "path",
  "new_name",
  "datasets",
];

describe("fuzz", () => {
  beforeAll(async () => {
    f = await serverFixture();
    const r = await f.call("POST", "runs/create", { experiment_id: "0", start_time: 1, run_name: "keep" });
    keep = (r.json.run as { info: { run_id: string } }).info.run_id;
    await f.call("POST", "runs/log-batch", {
      run_id: keep,
      metrics: [{ key: "m", value: 1.5, timestamp: 1, step: 0 }],
      params: [{ key: "p", value: "v" }],
      tags: [{ key: "t", value: "x" }],
    });
    const r2 = await f.call("POST", "runs/create", { experiment_id: "0", start_time: 2, run_name: "fuzz" });
    fuzzRun = (r2.json.run as { info: { run_id: string } }).info.run_id;
  });
  afterAll(async () => {
    await f.close();
  });

  it("10,000 generated requests: never a 5xx, the server still answers and the kept run is intact", async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261127);
    const rand = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const scalar = (depth = 0): unknown => {
      const k = Math.floor(rand() * 14);
      switch (k) {
        case 0:
          return null;
        case 1:
          return rand() < 0.5;
        case 2:
          return Math.floor(rand() * 2 ** 53) * (rand() < 0.5 ? -1 : 1);
        case 3:
          return rand() * 1e6;
        case 4:
          return pick(["NaN", "Infinity", "-Infinity", "1e309", "-0", "0x10", ""]);
        case 5:
          return pick([fuzzRun, "0", "1", "999", "../../etc", "'", '"', "%2e%2e", "\u0000", "a".repeat(300)]);
        case 6:
          return pick([
            "metrics.m > 1",
            "params.p = 'v'",
            "attributes.status = 'RUNNING'",
            "tags.t LIKE '%",
            "((",
            "metrics.`a` <= 1 AND",
          ]);
        case 7:
          return pick(["RUNNING", "FINISHED", "ALL", "DELETED_ONLY", 3, 7, -1]);
        case 8:
          return depth < 2 ? Array.from({ length: Math.floor(rand() * 4) }, () => scalar(depth + 1)) : [];
        case 9:
          return depth < 2
            ? { key: scalar(depth + 1), value: scalar(depth + 1), timestamp: scalar(depth + 1) }
            : {};
        case 10:
          return String.fromCharCode(
            ...Array.from({ length: Math.floor(rand() * 12) }, () => {
              const c = Math.floor(rand() * 0xffff);
              return c >= 0xd800 && c < 0xe000 ? 0x41 : c; // no lone surrogates
            }),
          );
        default:
          return `k${Math.floor(rand() * 5)}`;
      }
    };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const route = pick(ROUTES);
      const method = pick(["GET", "POST", "POST", "POST", "PUT", "DELETE"] as const);
      const fields: Record<string, unknown> = {};
      for (let j = Math.floor(rand() * 6); j > 0; j--) fields[pick(FIELDS)] = scalar();
      let res: { status: number };
      if (method === "GET") {
        const qs = Object.entries(fields)
          .map(
            ([k, v]) =>
              `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`,
          )
          .join("&");
        res = await f.call("GET", `${route}?${qs}`);
      } else {
        const kind = rand();
        const payload =
          kind < 0.8
            ? JSON.stringify(fields)
            : kind < 0.9
              ? JSON.stringify(fields).slice(0, -3)
              : String(scalar());
        const contentType =
          rand() < 0.9
            ? "application/json"
            : pick(["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"]);
        res = await f.call(method, route, payload, { "content-type": contentType });
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500)
        throw new Error(
          `seed ${seed}, request ${i}: ${method} ${route} ${JSON.stringify(fields)} -> ${res.status}`,
        );
    }
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect((await f.call("GET", "/health")).body).toBe("OK");
    const kept = await f.call("GET", `runs/get?run_id=${keep}`);
    expect((kept.json.run as { data: unknown }).data).toEqual({
      metrics: [{ key: "m", value: 1.5, timestamp: 1, step: 0 }],
      params: [{ key: "p", value: "v" }],
      tags: expect.arrayContaining([
        { key: "t", value: "x" },
        { key: "mlflow.runName", value: "keep" },
      ]),
    });
  }, 120_000);
});
