/** What a filter clause refers to. `attribute` covers run (or experiment) columns. */
export type FilterEntity = "metric" | "param" | "tag" | "attribute";

/** Comparators of the grammar (`!=` also accepts `<>` when parsing). */
export const COMPARATORS = ["=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE"] as const;
/** One of {@link COMPARATORS}. */
export type Comparator = (typeof COMPARATORS)[number];

/** `entity.key comparator value`. */
export interface ComparisonNode {
  readonly type: "comparison";
  readonly entity: FilterEntity;
  readonly key: string;
  readonly comparator: Comparator;
  /** A number for metrics and numeric attributes, a string otherwise. */
  readonly value: string | number;
}
/** `entity.key [NOT] IN ('a', 'b')`. */
export interface InNode {
  readonly type: "in";
  readonly entity: FilterEntity;
  readonly key: string;
  readonly negated: boolean;
  readonly values: readonly string[];
}
/** `entity.key IS [NOT] NULL` (tunelab extension): whether the run has that metric/param/tag. */
export interface NullNode {
  readonly type: "null";
  readonly entity: FilterEntity;
  readonly key: string;
  readonly negated: boolean;
}
/** Conjunction (MLflow's only connective) or disjunction (tunelab extension) of two or more nodes. */
export interface BooleanNode {
  readonly type: "and" | "or";
  readonly clauses: readonly FilterNode[];
}
/** A parsed filter. Parsing flattens nested ANDs/ORs, so equal filters give equal trees. */
export type FilterNode = ComparisonNode | InNode | NullNode | BooleanNode;
/** A clause: any node but AND/OR. */
export type ClauseNode = ComparisonNode | InNode | NullNode;

/** One order-by key. */
export interface OrderByClause {
  readonly entity: FilterEntity;
  readonly key: string;
  readonly ascending: boolean;
}

/** Whether a node is an AND/OR (as opposed to a clause). */
export function isBooleanNode(node: FilterNode): node is BooleanNode {
  return node.type === "and" || node.type === "or";
}

/** Calls `fn` on every clause of a filter. */
export function forEachClause(node: FilterNode | null, fn: (clause: ClauseNode) => void): void {
  if (!node) return;
  switch (node.type) {
    case "and":
    case "or":
      for (const c of node.clauses) forEachClause(c, fn);
      return;
    default:
      fn(node);
  }
}
