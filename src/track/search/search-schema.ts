import type { Comparator, FilterEntity } from "./ast.js";

/** How one searchable field may be compared. */
export interface FieldRule {
  /** `number` values are unquoted numbers; `string` values are quoted strings. */
  readonly valueType: "number" | "string";
  /** Numbers must be integers (timestamps). */
  readonly integer?: boolean;
  readonly comparators: readonly Comparator[];
  /** Whether `IN (...)` / `NOT IN (...)` is allowed. */
  readonly inList: boolean;
  /** Whether `IS [NOT] NULL` is allowed. */
  readonly nullTest: boolean;
  /** Only for order-by, not filters (MLflow: experiment_id). */
  readonly orderOnly?: boolean;
}

/** What a search (runs or experiments) accepts: entities, attribute names and aliases. */
export interface SearchSchema {
  readonly what: "runs" | "experiments";
  /** Rules per entity; an entity absent here is rejected. Attributes use {@link attributes}. */
  readonly entities: Partial<Record<Exclude<FilterEntity, "attribute">, FieldRule>>;
  /** Canonical attribute name -> rule. */
  readonly attributes: Readonly<Record<string, FieldRule>>;
  /** Alias -> canonical attribute name, for filters. */
  readonly filterAliases: Readonly<Record<string, string>>;
  /** Alias -> canonical attribute name, for order-by. */
  readonly orderAliases: Readonly<Record<string, string>>;
  /** Whether order-by accepts metrics/params/tags. */
  readonly orderByEntities: readonly Exclude<FilterEntity, "attribute">[];
}

const NUMERIC: readonly Comparator[] = ["=", "!=", "<", "<=", ">", ">="];
const STRING: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE"];

const metricRule: FieldRule = { valueType: "number", comparators: NUMERIC, inList: false, nullTest: true };
const stringRule: FieldRule = { valueType: "string", comparators: STRING, inList: true, nullTest: true };
const stringAttr: FieldRule = { valueType: "string", comparators: STRING, inList: true, nullTest: false };
const timeAttr: FieldRule = {
  valueType: "number",
  integer: true,
  comparators: NUMERIC,
  inList: false,
  nullTest: false,
};

/**
 * Entity prefixes and their canonical entity. MLflow's `dataset.` prefix is not listed: tunelab
 * does not record dataset inputs, so such a filter is rejected with a clear message.
 */
export const ENTITY_PREFIXES: Readonly<Record<string, FilterEntity>> = {
  metric: "metric",
  metrics: "metric",
  parameter: "param",
  parameters: "param",
  param: "param",
  params: "param",
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  run: "attribute",
};

/** Runs: MLflow's grammar, plus IN for any string field and IS NULL for metrics/params/tags. */
export const RUN_SEARCH_SCHEMA: SearchSchema = {
  what: "runs",
  entities: { metric: metricRule, param: stringRule, tag: stringRule },
  attributes: {
    run_id: stringAttr,
    run_name: stringAttr,
    status: stringAttr,
    user_id: stringAttr,
    artifact_uri: stringAttr,
    start_time: timeAttr,
    end_time: { ...timeAttr, nullTest: true },
  },
  filterAliases: {
    "run name": "run_name",
    "Run name": "run_name",
    "Run Name": "run_name",
    created: "start_time",
    Created: "start_time",
  },
  orderAliases: { created: "start_time", Created: "start_time" },
  orderByEntities: ["metric", "param", "tag"],
};

/** Experiments: name, creation_time, last_update_time and tags. */
export const EXPERIMENT_SEARCH_SCHEMA: SearchSchema = {
  what: "experiments",
  entities: { tag: stringRule },
  attributes: {
    name: stringAttr,
    creation_time: timeAttr,
    last_update_time: timeAttr,
    experiment_id: { ...stringAttr, orderOnly: true },
  },
  filterAliases: {},
  orderAliases: {},
  orderByEntities: [],
};
