export type {
  BooleanNode,
  ClauseNode,
  Comparator,
  ComparisonNode,
  FilterEntity,
  FilterNode,
  InNode,
  NullNode,
  OrderByClause,
} from "./ast.js";
export { COMPARATORS, forEachClause, isBooleanNode } from "./ast.js";
export { parseFilter } from "./filter-parser.js";
export { printFilter, printOrderBy } from "./filter-printer.js";
export { parseOrderBy } from "./order-by.js";
export { decodePageToken, encodePageToken } from "./page-token.js";
export { EXPERIMENT_SEARCH_SCHEMA, RUN_SEARCH_SCHEMA, type SearchSchema } from "./search-schema.js";
