import { InvalidParameterValueError } from "../errors.js";
import type { OrderByClause } from "./ast.js";
import { resolveIdentifier } from "./filter-parser.js";
import { tokenize } from "./lexer.js";
import { RUN_SEARCH_SCHEMA, type SearchSchema } from "./search-schema.js";

/**
 * Parses MLflow order-by strings, one key per string: `<identifier> [ASC|DESC]` (direction in
 * any case, ascending by default). Duplicate keys are rejected (MLflow's SQL store answers 500
 * for them; tunelab answers INVALID_PARAMETER_VALUE).
 *
 * @example
 * parseOrderBy(["metrics.rmse ASC", "attributes.start_time DESC"]);
 */
export function parseOrderBy(
  orderBy: readonly string[] | null | undefined,
  schema: SearchSchema = RUN_SEARCH_SCHEMA,
): OrderByClause[] {
  const out: OrderByClause[] = [];
  const seen = new Set<string>();
  for (const text of orderBy ?? []) {
    const bad = (why: string): never => {
      throw new InvalidParameterValueError(`Invalid order_by clause '${text}': ${why}`);
    };
    const tokens = tokenize(text);
    if (tokens.length < 2 || tokens.length > 3) bad("expected '<key> [ASC|DESC]'");
    const { entity, key } = resolveIdentifier(tokens[0]!, schema, `order_by clause '${text}'`, true);
    let ascending = true;
    const dir = tokens[1]!;
    if (dir.kind !== "eof") {
      const word = dir.kind === "word" ? dir.text.toUpperCase() : "";
      if (word !== "ASC" && word !== "DESC")
        bad(`Invalid ordering key '${dir.kind === "word" ? dir.text : ""}'`);
      ascending = word === "ASC";
      if (tokens[2]?.kind !== "eof") bad("one key per clause; send several clauses instead of a comma list");
    }
    const id = `${entity}\u0000${key}`;
    if (seen.has(id)) bad("`order_by` contains duplicate fields");
    seen.add(id);
    out.push({ entity, key, ascending });
  }
  return out;
}
