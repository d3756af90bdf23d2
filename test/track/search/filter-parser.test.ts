import { describe, expect, it } from "vitest";
import { parseFilter, parseOrderBy, printFilter } from "../../../src/track/index.js";
import { EXPERIMENT_SEARCH_SCHEMA } from "../../../src/track/search/search-schema.js";

describe("parseFilter(filter)", () => {
  it("parses MLflow's clause forms into a flat AND", () => {
    expect(
      parseFilter("metrics.rmse < 0.8 and params.model = 'xgb' AND tags.`mlflow.runName` LIKE 'trial-%'"),
    ).toEqual({
      type: "and",
      clauses: [
        { type: "comparison", entity: "metric", key: "rmse", comparator: "<", value: 0.8 },
        { type: "comparison", entity: "param", key: "model", comparator: "=", value: "xgb" },
        { type: "comparison", entity: "tag", key: "mlflow.runName", comparator: "LIKE", value: "trial-%" },
      ],
    });
  });

  it("splits on the first dot, strips key quotes, maps entity and attribute aliases", () => {
    expect(parseFilter("tags.mlflow.runName = 'x'")).toMatchObject({ entity: "tag", key: "mlflow.runName" });
    expect(parseFilter('params."a.b" = "x"')).toMatchObject({ entity: "param", key: "a.b", value: "x" });
    expect(parseFilter("metric.`val-loss` <= -1e-3")).toMatchObject({
      entity: "metric",
      key: "val-loss",
      value: -0.001,
    });
    expect(parseFilter("`Run name` = 'r'")).toMatchObject({ entity: "attribute", key: "run_name" });
    expect(parseFilter("run.created > 5")).toMatchObject({ entity: "attribute", key: "start_time" });
    expect(parseFilter("attr.status ilike '%fin%'")).toMatchObject({ comparator: "ILIKE" });
  });

  it("keeps a doubled quote verbatim as MLflow does ('it''s' is it''s)", () => {
    expect(parseFilter("params.a = 'it''s'")).toMatchObject({ value: "it''s" });
  });

  it("accepts OR, parentheses and IS [NOT] NULL, with AND binding tighter than OR", () => {
    expect(parseFilter("metrics.a > 1 OR metrics.b > 1 AND params.c = 'x'")).toEqual({
      type: "or",
      clauses: [
        { type: "comparison", entity: "metric", key: "a", comparator: ">", value: 1 },
        {
          type: "and",
          clauses: [
            { type: "comparison", entity: "metric", key: "b", comparator: ">", value: 1 },
            { type: "comparison", entity: "param", key: "c", comparator: "=", value: "x" },
          ],
        },
      ],
    });
    expect(parseFilter("(tags.x IS NULL)")).toEqual({
      type: "null",
      entity: "tag",
      key: "x",
      negated: false,
    });
    expect(parseFilter("tags.x is not null")).toEqual({
      type: "null",
      entity: "tag",
      key: "x",
      negated: true,
    });
  });

  it("an empty filter is null; a trailing AND is tolerated", () => {
    expect(parseFilter("")).toBeNull();
    expect(parseFilter("   ")).toBeNull();
    expect(parseFilter("metrics.a > 1 and")).toMatchObject({ type: "comparison" });
  });

  it.each([
    ["metrics.a > '1'", /numeric/],
    ["params.a = 1", /quoted string/],
    ["params.lr > '0.1'", /Invalid comparator '>'/],
    ["tags.x = 'a' ; metrics.b > 1", /unexpected character/],
    ["attributes.status IN ('FINISHED'", /expected ','/],
    ["attributes.start_time IN ('1')", /does not support/],
    ["attributes.lifecycle_stage = 'active'", /Invalid attribute key/],
    ["foo.a = '1'", /invalid entity type 'foo'/],
    ["dataset.name = 'iris'", /dataset/],
    ["metrics.a = NaN", /numeric/],
    ["metrics.acc >> 0.5", /Invalid comparator '>>'/],
    ["attributes.start_time > 1.5", /integer/],
    ["(metrics.a > 1", /expected '\)'/],
    ["metrics.a > 1 metrics.b > 2", /unexpected/],
  ])("rejects %s with INVALID_PARAMETER_VALUE", (filter, message) => {
    expect(() => parseFilter(filter)).toThrow(message);
    try {
      parseFilter(filter);
    } catch (e) {
      expect((e as { code: string }).code).toBe("INVALID_PARAMETER_VALUE");
    }
  });

  it("experiment filters accept name, times and tags but not metrics or experiment_id", () => {
    expect(parseFilter("name LIKE 'optuna-%' and tags.team = 'ml'", EXPERIMENT_SEARCH_SCHEMA)).toMatchObject({
      type: "and",
    });
    expect(() => parseFilter("metrics.a > 1", EXPERIMENT_SEARCH_SCHEMA)).toThrow(/not searchable/);
    expect(() => parseFilter("experiment_id = '1'", EXPERIMENT_SEARCH_SCHEMA)).toThrow(
      /Invalid attribute key/,
    );
  });

  it("printFilter() writes canonical text that parses back to the same tree", () => {
    const f = parseFilter("metric.a > 1 and (param.`b c` = 'x' or tags.t is null) and run_id in ('a', 'b')");
    expect(printFilter(f)).toBe(
      "metrics.`a` > 1 AND (params.`b c` = 'x' OR tags.`t` IS NULL) AND attributes.run_id IN ('a', 'b')",
    );
    expect(parseFilter(printFilter(f))).toEqual(f);
  });
});

describe("parseOrderBy(orderBy)", () => {
  it("reads keys with optional direction in any case", () => {
    expect(parseOrderBy(["metrics.rmse", "params.`my p` desc", "created ASC"])).toEqual([
      { entity: "metric", key: "rmse", ascending: true },
      { entity: "param", key: "my p", ascending: false },
      { entity: "attribute", key: "start_time", ascending: true },
    ]);
  });
  it.each([["metrics.a DOWN"], ["metrics.a, metrics.b"], ["`Run name`"], ["attributes.nope"]])(
    "rejects %s",
    (clause) => {
      expect(() => parseOrderBy([clause])).toThrow(/Invalid/);
    },
  );
  it("rejects duplicate keys", () => {
    expect(() => parseOrderBy(["metrics.a", "metrics.a DESC"])).toThrow(/duplicate/);
  });
});
