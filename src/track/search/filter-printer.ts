import { InvalidParameterValueError } from "../errors.js";
import type { FilterEntity, FilterNode, OrderByClause } from "./ast.js";

const PREFIX: Record<FilterEntity, string> = {
  metric: "metrics",
  param: "params",
  tag: "tags",
  attribute: "attributes",
};

/** `entity.key` with the key quoted (back-ticks, or double quotes when it holds a back-tick). */
export function printIdentifier(entity: FilterEntity, key: string): string {
  if (entity === "attribute" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `attributes.${key}`;
  if (!key.includes("`")) return `${PREFIX[entity]}.\`${key}\``;
  if (!key.includes('"')) return `${PREFIX[entity]}."${key}"`;
  throw new InvalidParameterValueError(
    `key ${JSON.stringify(key)} holds both \` and " and cannot be written in a filter`,
  );
}

/** A quoted string value the lexer reads back unchanged. */
export function printString(value: string): string {
  // A quote inside a value is kept only when doubled, so pick the quote the value does not hold.
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new InvalidParameterValueError(
    `value ${JSON.stringify(value)} holds both ' and " and cannot be written in a filter`,
  );
}

function printNumber(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}

/**
 * Prints a filter in canonical form: plural entity prefixes, quoted keys, upper-case keywords,
 * parentheses only where OR sits inside AND. `parseFilter(printFilter(f))` equals `f`.
 */
export function printFilter(node: FilterNode | null): string {
  if (!node) return "";
  switch (node.type) {
    case "and":
      return node.clauses
        .map((c) => (c.type === "or" ? `(${printFilter(c)})` : printFilter(c)))
        .join(" AND ");
    case "or":
      return node.clauses.map((c) => printFilter(c)).join(" OR ");
    case "comparison": {
      const v = typeof node.value === "number" ? printNumber(node.value) : printString(node.value);
      return `${printIdentifier(node.entity, node.key)} ${node.comparator} ${v}`;
    }
    case "in":
      return `${printIdentifier(node.entity, node.key)} ${node.negated ? "NOT IN" : "IN"} (${node.values.map(printString).join(", ")})`;
    case "null":
      return `${printIdentifier(node.entity, node.key)} IS ${node.negated ? "NOT NULL" : "NULL"}`;
  }
}

/** Prints one order-by clause (`metrics.\`rmse\` ASC`). */
export function printOrderBy(clause: OrderByClause): string {
  return `${printIdentifier(clause.entity, clause.key)} ${clause.ascending ? "ASC" : "DESC"}`;
}
