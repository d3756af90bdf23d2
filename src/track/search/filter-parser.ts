import { InvalidParameterValueError } from "../errors.js";
import type { ClauseNode, Comparator, FilterEntity, FilterNode } from "./ast.js";
import { type Token, tokenize } from "./lexer.js";
import { ENTITY_PREFIXES, type FieldRule, RUN_SEARCH_SCHEMA, type SearchSchema } from "./search-schema.js";

const fail = (filter: string, why: string): never => {
  throw new InvalidParameterValueError(`Invalid filter string '${filter}': ${why}`);
};

/** The entity, key and rule an identifier names in `schema`. */
export function resolveIdentifier(
  tok: Token,
  schema: SearchSchema,
  context: string,
  forOrderBy = false,
): { entity: FilterEntity; key: string; rule: FieldRule } {
  let prefix: string | null;
  let key: string;
  if (tok.kind === "quoted-ident") {
    prefix = tok.prefix;
    key = tok.key;
  } else if (tok.kind === "word") {
    const dot = tok.text.indexOf(".");
    prefix = dot < 0 ? null : tok.text.slice(0, dot);
    key = dot < 0 ? tok.text : tok.text.slice(dot + 1);
  } else if (tok.kind === "string" && tok.quote === '"') {
    prefix = null;
    key = tok.value;
  } else {
    throw new InvalidParameterValueError(`Invalid ${context}: expected an identifier at position ${tok.pos}`);
  }
  const entity: FilterEntity | undefined = prefix === null ? "attribute" : ENTITY_PREFIXES[prefix];
  if (entity === undefined) {
    if (prefix === "dataset" || prefix === "datasets")
      throw new InvalidParameterValueError(
        `Invalid ${context}: dataset.* is not supported (tunelab does not record dataset inputs)`,
      );
    throw new InvalidParameterValueError(
      `Invalid ${context}: invalid entity type '${prefix}'. Valid values are ` +
        `['metric', 'parameter', 'tag', 'attribute'] and their plurals`,
    );
  }
  if (key === "") throw new InvalidParameterValueError(`Invalid ${context}: empty key after '${prefix}.'`);
  if (entity === "attribute") {
    const aliases = forOrderBy ? schema.orderAliases : schema.filterAliases;
    const canonical = aliases[key] ?? key;
    const rule = schema.attributes[canonical];
    if (!rule || (rule.orderOnly && !forOrderBy))
      throw new InvalidParameterValueError(
        `Invalid attribute key '${key}' specified. Valid keys are ` +
          `'${Object.keys(schema.attributes)
            .filter((k) => forOrderBy || !schema.attributes[k]!.orderOnly)
            .join("', '")}'`,
      );
    return { entity, key: canonical, rule };
  }
  const rule = schema.entities[entity];
  if (!rule || (forOrderBy && !schema.orderByEntities.includes(entity)))
    throw new InvalidParameterValueError(
      `Invalid ${context}: ${entity} keys are not searchable in ${schema.what}`,
    );
  return { entity, key, rule };
}

const isWord = (t: Token, w: string) => t.kind === "word" && t.text.toUpperCase() === w;

/**
 * Parses an MLflow search filter into a {@link FilterNode}, or `null` for an empty filter.
 *
 * Accepts MLflow's grammar (clauses joined by AND, a trailing AND tolerated, keywords in any
 * case) and, as a strict superset, OR, parentheses, `IS [NOT] NULL`, and `IN` on any string
 * field. Every filter MLflow accepts means the same here. Errors are
 * {@link InvalidParameterValueError}s that name the filter and the problem.
 *
 * @example
 * parseFilter("metrics.rmse < 0.8 and (params.model = 'xgb' or params.model = 'cat')");
 */
export function parseFilter(
  filter: string | null | undefined,
  schema: SearchSchema = RUN_SEARCH_SCHEMA,
): FilterNode | null {
  if (filter === null || filter === undefined || filter.trim() === "") return null;
  const tokens = tokenize(filter);
  let i = 0;
  const peek = () => tokens[i]!;
  const next = () => tokens[i++]!;

  const parseOr = (): FilterNode => {
    const items = [parseAnd()];
    while (isWord(peek(), "OR")) {
      next();
      items.push(parseAnd());
    }
    return combine("or", items);
  };
  const parseAnd = (): FilterNode => {
    const items = [parsePrimary()];
    while (isWord(peek(), "AND")) {
      next();
      const t = peek();
      if (t.kind === "eof" || (t.kind === "punct" && t.text === ")")) break; // trailing AND
      items.push(parsePrimary());
    }
    return combine("and", items);
  };
  const parsePrimary = (): FilterNode => {
    const t = peek();
    if (t.kind === "punct" && t.text === "(") {
      next();
      const inner = parseOr();
      const close = next();
      if (close.kind !== "punct" || close.text !== ")") fail(filter, `expected ')' at position ${close.pos}`);
      return inner;
    }
    return parseClause();
  };
  const parseClause = (): ClauseNode => {
    const idTok = next();
    if (idTok.kind === "eof") fail(filter, "expected a clause at the end");
    if (idTok.kind === "word" && ["AND", "OR"].includes(idTok.text.toUpperCase()))
      fail(filter, `unexpected '${idTok.text}' at position ${idTok.pos}`);
    const { entity, key, rule } = resolveIdentifier(idTok, schema, `filter string '${filter}'`);
    const opTok = next();
    // IS [NOT] NULL
    if (isWord(opTok, "IS")) {
      let negated = false;
      if (isWord(peek(), "NOT")) {
        next();
        negated = true;
      }
      const nul = next();
      if (!isWord(nul, "NULL")) fail(filter, `expected NULL after IS at position ${nul.pos}`);
      if (!rule.nullTest) fail(filter, `'${key}' cannot be compared with IS NULL`);
      return { type: "null", entity, key, negated };
    }
    // [NOT] IN (...)
    if (isWord(opTok, "IN") || isWord(opTok, "NOT")) {
      const negated = isWord(opTok, "NOT");
      if (negated && !isWord(next(), "IN")) fail(filter, `expected IN after NOT at position ${opTok.pos}`);
      if (!rule.inList)
        fail(
          filter,
          `'${key}' does not support comparison with a list of quoted string values ` +
            "(IN works on run_id, other string attributes, params and tags)",
        );
      const open = next();
      if (open.kind !== "punct" || open.text !== "(")
        fail(filter, `expected '(' after IN at position ${open.pos}`);
      const values: string[] = [];
      for (;;) {
        const v = next();
        if (v.kind !== "string") fail(filter, `expected a quoted string in the IN list at position ${v.pos}`);
        values.push((v as { value: string }).value);
        const sep = next();
        if (sep.kind === "punct" && sep.text === ")") break;
        if (sep.kind !== "punct" || sep.text !== ",")
          fail(filter, `expected ',' or ')' at position ${sep.pos}`);
      }
      return { type: "in", entity, key, negated, values };
    }
    let comparator: Comparator;
    if (opTok.kind === "op") {
      const text = opTok.text === "<>" ? "!=" : opTok.text;
      if (!["=", "!=", "<", "<=", ">", ">="].includes(text))
        fail(
          filter,
          `Invalid comparator '${opTok.text}' not one of '{${rule.comparators.map((c) => `'${c}'`).join(", ")}}'`,
        );
      comparator = text as Comparator;
    } else if (isWord(opTok, "LIKE") || isWord(opTok, "ILIKE")) {
      comparator = (opTok as { text: string }).text.toUpperCase() as Comparator;
    } else {
      return fail(filter, `expected a comparator after '${key}' at position ${opTok.pos}`);
    }
    if (!rule.comparators.includes(comparator))
      fail(
        filter,
        `Invalid comparator '${comparator}' not one of '{${rule.comparators.map((c) => `'${c}'`).join(", ")}}'`,
      );
    const valTok = next();
    let value: string | number;
    if (rule.valueType === "number") {
      if (valTok.kind !== "number")
        fail(filter, `Expected numeric value type for ${entity} '${key}'. Found ${describe(valTok)}`);
      value = Number((valTok as { text: string }).text);
      if (rule.integer && !Number.isInteger(value))
        fail(filter, `Expected an integer (milliseconds) for '${key}'. Found ${describe(valTok)}`);
    } else {
      if (valTok.kind !== "string")
        fail(filter, `Expected a quoted string value for ${entity} '${key}'. Found ${describe(valTok)}`);
      value = (valTok as { value: string }).value;
    }
    return { type: "comparison", entity, key, comparator, value };
  };

  const root = parseOr();
  const end = peek();
  if (end.kind !== "eof") fail(filter, `unexpected ${describe(end)} at position ${end.pos}`);
  return root;
}

function describe(t: Token): string {
  switch (t.kind) {
    case "eof":
      return "end of filter";
    case "string":
      return `${t.quote}${t.value}${t.quote}`;
    case "quoted-ident":
      return `\`${t.key}\``;
    case "punct":
      return `'${t.text}'`;
    default:
      return `'${t.text}'`;
  }
}

function combine(type: "and" | "or", items: FilterNode[]): FilterNode {
  const flat: FilterNode[] = [];
  for (const it of items) {
    if (it.type === type) flat.push(...it.clauses);
    else flat.push(it);
  }
  return flat.length === 1 ? flat[0]! : { type, clauses: flat };
}
