import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FilterNode,
  type Metric,
  type OrderByClause,
  parseFilter,
  parseOrderBy,
  printFilter,
  printOrderBy,
  SqlTrackingStore,
} from "../../../src/track/index.js";
import { createTempDatabase, postgresAvailable } from "../../helpers/pg-database.js";
import { describeIf } from "../../helpers/requires.js";
import { matches, type RefRun, sortRuns } from "./reference-evaluator.js";

// ---------------------------------------------------------------- generators

const STRING_ATTRS = ["run_id", "run_name", "status", "user_id", "artifact_uri"] as const;
const weirdKey = fc
  .string({ unit: fc.constantFrom(...'ab. -_:/zé`"1'.split("")), minLength: 1, maxLength: 8 })
  .filter((k) => !(k.includes("`") && k.includes('"')));
const anyValue = fc
  .string({ unit: fc.constantFrom(..."aB%_ '\"x.\\*?[é".split("")), maxLength: 8 })
  .filter((v) => !(v.includes("'") && v.includes('"')));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));

/** Clause generator over the given key/value pools. */
function clauseArb(keys: fc.Arbitrary<string>, values: fc.Arbitrary<string>, numbers: fc.Arbitrary<number>) {
  const metric = fc.record({
    type: fc.constant("comparison" as const),
    entity: fc.constant("metric" as const),
    key: keys,
    comparator: fc.constantFrom("=", "!=", "<", "<=", ">", ">=" as const),
    value: numbers,
  });
  const text = fc.record({
    type: fc.constant("comparison" as const),
    entity: fc.constantFrom("param", "tag" as const),
    key: keys,
    comparator: fc.constantFrom("=", "!=", "LIKE", "ILIKE" as const),
    value: values,
  });
  const attrText = fc.record({
    type: fc.constant("comparison" as const),
    entity: fc.constant("attribute" as const),
    key: fc.constantFrom(...STRING_ATTRS),
    comparator: fc.constantFrom("=", "!=", "LIKE", "ILIKE" as const),
    value: values,
  });
  const attrTime = fc.record({
    type: fc.constant("comparison" as const),
    entity: fc.constant("attribute" as const),
    key: fc.constantFrom("start_time", "end_time"),
    comparator: fc.constantFrom("=", "!=", "<", "<=", ">", ">=" as const),
    value: fc.integer({ min: 0, max: 12 }),
  });
  const inList = fc.record({
    type: fc.constant("in" as const),
    entity: fc.constantFrom("param", "tag" as const),
    key: keys,
    negated: fc.boolean(),
    values: fc.array(values, { minLength: 1, maxLength: 3 }),
  });
  const nullTest = fc.record({
    type: fc.constant("null" as const),
    entity: fc.constantFrom("metric", "param", "tag" as const),
    key: keys,
    negated: fc.boolean(),
  });
  return fc.oneof(metric, text, attrText, attrTime, inList, nullTest) as fc.Arbitrary<FilterNode>;
}

/** Random filter trees in canonical form (no AND directly inside AND, no OR inside OR). */
function filterArb(clause: fc.Arbitrary<FilterNode>): fc.Arbitrary<FilterNode> {
  const { tree } = fc.letrec<{ tree: FilterNode; and: FilterNode; or: FilterNode }>((tie) => ({
    tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, clause, tie("and"), tie("or")),
    and: fc
      .array(fc.oneof(clause, tie("or")), { minLength: 2, maxLength: 3 })
      .map((clauses) => ({ type: "and" as const, clauses })),
    or: fc
      .array(fc.oneof(clause, tie("and")), { minLength: 2, maxLength: 3 })
      .map((clauses) => ({ type: "or" as const, clauses })),
  }));
  return tree;
}

// ---------------------------------------------------------------- round trip

describe("filter grammar properties", () => {
  it("parseFilter(printFilter(f)) equals f for random filters with odd keys and values", () => {
    fc.assert(
      fc.property(filterArb(clauseArb(weirdKey, anyValue, finite)), (f) => {
        const text = printFilter(f);
        expect(parseFilter(text)).toEqual(f);
        expect(printFilter(parseFilter(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("parseOrderBy(printOrderBy(o)) equals o", () => {
    const clause = fc.record({
      entity: fc.constantFrom("metric", "param", "tag" as const),
      key: weirdKey,
      ascending: fc.boolean(),
    });
    fc.assert(
      fc.property(clause, (o) => {
        expect(parseOrderBy([printOrderBy(o)])).toEqual([o]);
      }),
    );
  });
});

// ---------------------------------------------------------------- SQL vs reference

const KEYS = ["m1", "m2", "k y"];
const VALUES = ["a", "b", "ab", "Ab", "a_b", "a%", "x.y", ""];
const NUMBERS = [-1, 0, 0.5, 1, 2.5];

interface RunSpec {
  name: string;
  status: string;
  ended: boolean;
  metrics: { key: string; values: { value: number; step: number }[] }[];
  params: Record<string, string>;
  tags: Record<string, string>;
}
const runSpecArb = fc.record({
  name: fc.constantFrom(...VALUES.filter((v) => v !== "")),
  status: fc.constantFrom("RUNNING", "FINISHED", "FAILED"),
  ended: fc.boolean(),
  metrics: fc.uniqueArray(
    fc.record({
      key: fc.constantFrom(...KEYS),
      values: fc.array(
        fc.record({
          value: fc.oneof(fc.constantFrom(...NUMBERS), fc.constant(Number.NaN)),
          step: fc.integer({ min: 0, max: 2 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { selector: (m) => m.key, maxLength: 3 },
  ),
  params: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 }),
  tags: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 }),
}) as fc.Arbitrary<RunSpec>;

const smallFilter = filterArb(
  clauseArb(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), fc.constantFrom(...NUMBERS)),
);
const orderArb: fc.Arbitrary<OrderByClause[]> = fc.uniqueArray(
  fc.oneof(
    fc.record({
      entity: fc.constantFrom("metric", "param", "tag" as const),
      key: fc.constantFrom(...KEYS),
      ascending: fc.boolean(),
    }),
    fc.record({
      entity: fc.constant("attribute" as const),
      key: fc.constantFrom("run_name", "end_time", "status", "start_time"),
      ascending: fc.boolean(),
    }),
  ),
  { selector: (o) => `${o.entity}:${o.key}`, maxLength: 2 },
);

/** Latest value of a metric by (step, timestamp, value) with NaN losing ties: the contract's rule. */
function latest(values: Metric[]): number {
  let best = values[0]!;
  for (const v of values.slice(1)) {
    const newer =
      v.step !== best.step
        ? v.step > best.step
        : v.timestamp !== best.timestamp
          ? v.timestamp > best.timestamp
          : !Number.isNaN(v.value) && (Number.isNaN(best.value) || v.value > best.value);
    if (newer) best = v;
  }
  return best.value;
}

function sqlMatchesReference(
  open: () => Promise<{ store: SqlTrackingStore; cleanup(): Promise<void> }>,
  numRuns: number,
) {
  return async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(runSpecArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.option(smallFilter, { nil: null }), orderArb), { minLength: 25, maxLength: 25 }),
        async (specs, queries) => {
          const { store, cleanup } = await open();
          try {
            const exp = await store.createExperiment("props");
            const ref: RefRun[] = [];
            for (const [i, s] of specs.entries()) {
              const run = await store.createRun({ experimentId: exp, runName: s.name, startTime: i % 7 });
              const id = run.info.runId;
              const metrics: Metric[] = s.metrics.flatMap((m) =>
                m.values.map((v, j) => ({ key: m.key, value: v.value, step: v.step, timestamp: j })),
              );
              await store.logBatch(id, {
                metrics,
                params: Object.entries(s.params).map(([key, value]) => ({ key, value })),
                tags: Object.entries(s.tags).map(([key, value]) => ({ key, value })),
              });
              await store.updateRunInfo(id, {
                status: s.status as never,
                ...(s.ended ? { endTime: i } : {}),
              });
              const full = await store.getRun(id);
              ref.push({
                runId: id,
                runName: s.name,
                status: s.status,
                userId: "",
                artifactUri: run.info.artifactUri,
                startTime: i % 7,
                endTime: s.ended ? i : null,
                metrics: Object.fromEntries(
                  s.metrics.map((m) => [m.key, latest(metrics.filter((x) => x.key === m.key))]),
                ),
                params: s.params,
                tags: full.data.tags,
              });
            }
            for (const [filter, orderBy] of queries) {
              const text = printFilter(filter);
              const got = (
                await store.searchRuns({
                  experimentIds: [exp],
                  filter: text,
                  orderBy: orderBy.map(printOrderBy),
                })
              ).items.map((r) => r.info.runId);
              const want = sortRuns(
                ref.filter((r) => matches(filter, r)),
                orderBy,
              ).map((r) => r.runId);
              expect(got, `filter: ${text}; order: ${orderBy.map(printOrderBy).join(", ")}`).toEqual(want);
            }
          } finally {
            await store.close();
            await cleanup();
          }
        },
      ),
      { numRuns },
    );
  };
}

describe("searchRuns() equals the in-memory reference evaluation", () => {
  it(
    "on a SQLite file, for random runs, filters and orders",
    sqlMatchesReference(async () => {
      const dir = await mkdtemp(join(tmpdir(), "tunelab-props-"));
      const store = await SqlTrackingStore.open(`sqlite:///${join(dir, "t.db")}`, {
        artifactRoot: join(dir, "a"),
      });
      return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
    }, 12),
    300_000,
  );
});

const pg = await postgresAvailable();
describeIf(pg, "PostgreSQL on 127.0.0.1:5432 (or $TUNELAB_PG_URL)")("searchRuns() on PostgreSQL", () => {
  it(
    "equals the reference for random runs, filters and orders",
    sqlMatchesReference(async () => {
      const db = await createTempDatabase("tunelab_props");
      const store = await SqlTrackingStore.open(db.url, { artifactRoot: join(tmpdir(), "tunelab-props-a") });
      return { store, cleanup: () => db.drop() };
    }, 3),
    600_000,
  );
});
