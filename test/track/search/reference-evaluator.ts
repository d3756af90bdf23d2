import type { ClauseNode, FilterNode, OrderByClause } from "../../../src/track/index.js";
import { isBooleanNode } from "../../../src/track/search/index.js";

/** A run as the reference sees it: latest metric values, params, tags, attributes. */
export interface RefRun {
  runId: string;
  runName: string;
  status: string;
  userId: string;
  artifactUri: string;
  startTime: number;
  endTime: number | null;
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

const ATTRS: Record<string, keyof RefRun> = {
  run_id: "runId",
  run_name: "runName",
  status: "status",
  user_id: "userId",
  artifact_uri: "artifactUri",
  start_time: "startTime",
  end_time: "endTime",
};

function lookup(run: RefRun, entity: string, key: string): string | number | null | undefined {
  if (entity === "metric") return run.metrics[key];
  if (entity === "param") return run.params[key];
  if (entity === "tag") return run.tags[key];
  return run[ATTRS[key]!] as string | number | null;
}

/** SQL LIKE as a regular expression (`%` any run, `_` one character, everything else literal). */
export function likeRegex(pattern: string, ignoreCase: boolean): RegExp {
  let src = "";
  for (const ch of pattern) {
    if (ch === "%") src += "[\\s\\S]*";
    else if (ch === "_") src += "[\\s\\S]";
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, ignoreCase ? "i" : "");
}

function clause(c: ClauseNode, run: RefRun): boolean {
  const v = lookup(run, c.entity, c.key);
  if (c.type === "null") return c.negated ? v !== undefined && v !== null : v === undefined || v === null;
  if (v === undefined || v === null) return false;
  if (c.type === "in") return c.negated ? !c.values.includes(String(v)) : c.values.includes(String(v));
  switch (c.comparator) {
    case "LIKE":
      return likeRegex(String(c.value), false).test(String(v));
    case "ILIKE":
      return likeRegex(String(c.value), true).test(String(v));
    case "=":
      return v === c.value;
    case "!=":
      return typeof v === "number" && Number.isNaN(v) ? true : v !== c.value;
    case "<":
      return v < c.value;
    case "<=":
      return v <= c.value;
    case ">":
      return v > c.value;
    case ">=":
      return v >= c.value;
  }
}

/** Whether `run` matches `filter` (null matches all), by MLflow's rules written out directly. */
export function matches(filter: FilterNode | null, run: RefRun): boolean {
  if (!filter) return true;
  if (!isBooleanNode(filter)) return clause(filter, run);
  return filter.type === "and"
    ? filter.clauses.every((c) => matches(c, run))
    : filter.clauses.some((c) => matches(c, run));
}

/** Sorts as searchRuns must: keys in order, missing last, NaN after numbers, ties start_time DESC, run_id ASC. */
export function sortRuns(runs: RefRun[], orderBy: readonly OrderByClause[]): RefRun[] {
  const order = [...orderBy];
  if (!order.some((o) => o.entity === "attribute" && o.key === "start_time"))
    order.push({ entity: "attribute", key: "start_time", ascending: false });
  if (!order.some((o) => o.entity === "attribute" && o.key === "run_id"))
    order.push({ entity: "attribute", key: "run_id", ascending: true });
  const rank = (v: unknown) =>
    v === undefined || v === null ? 2 : typeof v === "number" && Number.isNaN(v) ? 1 : 0;
  return [...runs].sort((a, b) => {
    for (const o of order) {
      const va = lookup(a, o.entity, o.key);
      const vb = lookup(b, o.entity, o.key);
      const ra = rank(va);
      const rb = rank(vb);
      if (ra !== rb) return ra - rb;
      if (ra !== 0) continue;
      if (va === vb) continue;
      const lt = (va as string | number) < (vb as string | number);
      return (lt ? -1 : 1) * (o.ascending ? 1 : -1);
    }
    return 0;
  });
}
